"""The harvest: what the groups and the shared personal answers add up to.

One plain structure feeds the plenary board, the facilitator's overview and the report.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session as DbSession

from app.content import Casus, Content, Focuspunt
from app.domain.entries import Field, entries_of_session, group_owner
from app.domain.sessions import groups_of, participant_count
from app.domain.worksheet import FOCUSPUNTEN, UITDAGEND, Worksheet, split_choice
from app.storage.tables import Group


@dataclass
class Scenario:
    focuspunt: Focuspunt
    answers: dict[str, str]  # vraag key -> text


@dataclass
class Partner:
    slot: int
    name: str
    challenging: bool
    wat: str = ""
    hoe: str = ""


@dataclass
class GroupHarvest:
    group: Group
    casus: Casus
    joined: bool
    roles: dict[str, str]
    focuspunten: list[Focuspunt]
    scenarios: list[Scenario]
    partners: list[Partner]
    inzichten_w1: list[str]
    inzichten_w2: list[str]
    vervolgstap: str
    opbrengst: str
    filled: int  # fields with text, to show progress to the facilitator

    @property
    def challenging(self) -> list[Partner]:
        return [p for p in self.partners if p.challenging]


@dataclass
class SharedAnswer:
    key: str
    label: str
    text: str


@dataclass
class PartnerCount:
    name: str
    groups: list[str]


@dataclass
class Harvest:
    groups: list[GroupHarvest]
    participants: int
    focus_counts: list[tuple[Focuspunt, int]]
    partners: list[PartnerCount]
    shared: list[SharedAnswer] = field(default_factory=list)

    @property
    def joined_groups(self) -> int:
        return sum(g.joined for g in self.groups)

    @property
    def max_focus_count(self) -> int:
        return max((n for _, n in self.focus_counts), default=0)


def _text(fields: dict[str, Field], key: str) -> str:
    entry = fields.get(key)
    return entry.value.strip() if entry else ""


def group_harvest(worksheet: Worksheet, group: Group, fields: dict[str, Field]) -> GroupHarvest:
    content = worksheet.content
    # Only focuspunten this install knows, each once: a stored value from an old import or an
    # edited content file must never break the pages that show the harvest.
    known = {p.id: p for p in content.focuspunten()}
    chosen = dict.fromkeys(split_choice(_text(fields, FOCUSPUNTEN)))
    focuspunten = [known[f] for f in chosen if f in known]
    scenarios = [
        Scenario(p, {v.key: _text(fields, f"w1.{p.id}.{v.key}") for v in worksheet.scenario.vragen})
        for p in focuspunten
    ]
    challenging = set(split_choice(_text(fields, UITDAGEND)))
    partners = [
        Partner(
            n,
            _text(fields, f"w2.wie.{n}"),
            str(n) in challenging,
            _text(fields, f"w2.{n}.wat"),
            _text(fields, f"w2.{n}.hoe"),
        )
        for n in worksheet.wie_slots
        if _text(fields, f"w2.wie.{n}")
    ]
    roles = {
        rol.naam: _text(fields, f"rol.{rol.id}")
        for rol in content.programma.rollen
        if rol.invullen and _text(fields, f"rol.{rol.id}")
    }

    def inzichten(kind: str) -> list[str]:
        texts = (_text(fields, f"tk.{kind}.{n}") for n in worksheet.inzicht_slots)
        return [t for t in texts if t]

    return GroupHarvest(
        group=group,
        casus=content.casussen[group.casus_id],
        joined=group.joined_at is not None,
        roles=roles,
        focuspunten=focuspunten,
        scenarios=scenarios,
        partners=partners,
        inzichten_w1=inzichten("inzicht_w1"),
        inzichten_w2=inzichten("inzicht_w2"),
        vervolgstap=_text(fields, "tk.vervolgstap"),
        opbrengst=_text(fields, "tk.opbrengst"),
        filled=sum(1 for k, f in fields.items() if f.value.strip() and "." in k),
    )


def harvest(
    worksheet: Worksheet,
    groups: list[Group],
    participants: int,
    entries: dict[str, dict[str, Field]],
) -> Harvest:
    content: Content = worksheet.content
    group_views = [group_harvest(worksheet, g, entries.get(group_owner(g.id), {})) for g in groups]
    counts = Counter(p.id for g in group_views for p in g.focuspunten)
    focus_counts = [(p, counts[p.id]) for p in content.focuspunten()]

    partner_groups: dict[str, PartnerCount] = {}
    for view in group_views:
        for partner in view.partners:
            norm = " ".join(partner.name.lower().split())
            entry = partner_groups.setdefault(norm, PartnerCount(partner.name, []))
            if view.group.name not in entry.groups:
                entry.groups.append(view.group.name)
    partners = sorted(partner_groups.values(), key=lambda p: (-len(p.groups), p.name.lower()))

    return Harvest(
        group_views, participants, focus_counts, partners, shared_answers(worksheet, entries)
    )


def shared_answers(
    worksheet: Worksheet, entries: dict[str, dict[str, Field]]
) -> list[SharedAnswer]:
    """The personal answers shared with the room, oldest change first (the board shows the newest).

    Ordered by time, not by person, so that nothing ties two answers to the one who wrote them.
    """
    labels = worksheet.participant_fields
    shared = [
        (f.updated_at or datetime.min, key, f.value.strip())
        for owner, fields in entries.items()
        if owner.startswith("p")
        for key, f in fields.items()
        if f.shared and f.value.strip() and key in labels
    ]
    return [SharedAnswer(key, labels[key].label, text) for _, key, text in sorted(shared)]


def session_harvest(db: DbSession, worksheet: Worksheet, session_id: int) -> Harvest:
    """Read a session's groups, participants and entries and add them up."""
    return harvest(
        worksheet,
        groups_of(db, session_id),
        participant_count(db, session_id),
        entries_of_session(db.connection(), session_id),
    )
