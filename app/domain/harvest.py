"""The harvest: what the groups and the shared personal answers add up to.

One plain structure feeds the plenary board, the facilitator's overview and the report.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session as DbSession

from app.content import Casus, Content, Focuspunt
from app.domain.entries import Field, entries_of_session, group_owner
from app.domain.moderation import (
    Flags,
    board_order,
    inzicht_ref,
    merged_name,
    moderation_of,
    partner_key,
    partner_merges,
    shared_ref,
)
from app.domain.sessions import groups_of, participant_count
from app.domain.worksheet import FOCUSPUNTEN, KLAAR, UITDAGEND, Worksheet, split_choice
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
class Inzicht:
    ref: str  # the moderation reference, see app.domain.moderation
    werkvorm: int  # 1 (scenario-denken) or 2 (partners in beeld)
    text: str
    flags: Flags


@dataclass
class GroupHarvest:
    group: Group
    casus: Casus
    joined: bool
    roles: dict[str, str]
    focuspunten: list[Focuspunt]
    scenarios: list[Scenario]
    partners: list[Partner]
    inzichten: list[Inzicht]
    vervolgstap: str
    opbrengst: str
    filled: int  # fields with text, to show progress to the facilitator
    klaar: bool = False  # the group marked its inzichten "klaar voor plenair"

    @property
    def challenging(self) -> list[Partner]:
        return [p for p in self.partners if p.challenging]

    @property
    def inzichten_w1(self) -> list[str]:
        return [i.text for i in self.inzichten if i.werkvorm == 1]

    @property
    def inzichten_w2(self) -> list[str]:
        return [i.text for i in self.inzichten if i.werkvorm == 2]

    @property
    def on_board(self) -> list[Inzicht]:
        """The inzichten the facilitator revealed and did not hide, pinned ones first."""
        return board_order(self.inzichten)


@dataclass
class SharedAnswer:
    key: str
    label: str
    text: str
    ref: str = ""  # the moderation reference: names the entry, never the participant
    flags: Flags = Flags()


@dataclass
class PartnerCount:
    name: str
    groups: list[str]
    merged: list[str] = field(default_factory=list)  # other spellings counted with this one


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

    @property
    def shared_queue(self) -> list[SharedAnswer]:
        """Every shared eye-opener, newest first: the facilitator's queue."""
        return self.shared[::-1]

    @property
    def shared_on_board(self) -> list[SharedAnswer]:
        """The shared eye-openers revealed and not hidden: pinned first, then newest first."""
        return board_order(self.shared_queue)

    def inzicht_refs(self, werkvorm: int | None = None, group_id: int | None = None) -> list[str]:
        """The inzichten written so far, of one werkvorm and/or one table: what a reveal covers."""
        return [
            i.ref
            for g in self.groups
            if group_id is None or g.group.id == group_id
            for i in g.inzichten
            if werkvorm is None or i.werkvorm == werkvorm
        ]


def _text(fields: dict[str, Field], key: str) -> str:
    entry = fields.get(key)
    return entry.value.strip() if entry else ""


def group_harvest(
    worksheet: Worksheet,
    group: Group,
    fields: dict[str, Field],
    moderation: dict[str, Flags] | None = None,
) -> GroupHarvest:
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

    moderation = moderation or {}
    inzichten = []
    for werkvorm in (1, 2):
        for n in worksheet.inzicht_slots:
            key = f"tk.inzicht_w{werkvorm}.{n}"
            if text := _text(fields, key):
                ref = inzicht_ref(group.id, key)
                inzichten.append(Inzicht(ref, werkvorm, text, moderation.get(ref, Flags())))

    return GroupHarvest(
        group=group,
        casus=content.casussen[group.casus_id],
        joined=group.joined_at is not None,
        roles=roles,
        focuspunten=focuspunten,
        scenarios=scenarios,
        partners=partners,
        inzichten=inzichten,
        vervolgstap=_text(fields, "tk.vervolgstap"),
        opbrengst=_text(fields, "tk.opbrengst"),
        filled=sum(1 for k, f in fields.items() if f.value.strip() and "." in k),
        klaar="ja" in split_choice(_text(fields, KLAAR)),
    )


def harvest(
    worksheet: Worksheet,
    groups: list[Group],
    participants: int,
    entries: dict[str, dict[str, Field]],
    moderation: dict[str, Flags] | None = None,
    merges: dict[str, str] | None = None,
) -> Harvest:
    """`merges` maps a partner name key to the one it is counted with (facilitator's choice)."""
    content: Content = worksheet.content
    moderation = moderation or {}
    group_views = [
        group_harvest(worksheet, g, entries.get(group_owner(g.id), {}), moderation) for g in groups
    ]
    counts = Counter(p.id for g in group_views for p in g.focuspunten)
    focus_counts = [(p, counts[p.id]) for p in content.focuspunten()]

    partner_groups: dict[str, PartnerCount] = {}
    for view in group_views:
        for partner in view.partners:
            key = partner_key(partner.name)
            target = merged_name(key, merges or {})
            entry = partner_groups.setdefault(target, PartnerCount("", []))
            if key == target:
                entry.name = entry.name or partner.name
            elif partner.name not in entry.merged:
                entry.merged.append(partner.name)
            if view.group.name not in entry.groups:
                entry.groups.append(view.group.name)
    for entry in partner_groups.values():
        if not entry.name:  # only its merged spellings are named now: the first one leads
            entry.name = entry.merged.pop(0)
    partners = sorted(partner_groups.values(), key=lambda p: (-len(p.groups), p.name.lower()))

    shared = shared_answers(worksheet, entries, moderation)
    return Harvest(group_views, participants, focus_counts, partners, shared)


def shared_answers(
    worksheet: Worksheet,
    entries: dict[str, dict[str, Field]],
    moderation: dict[str, Flags] | None = None,
) -> list[SharedAnswer]:
    """The personal answers shared with the room, oldest change first (the board shows the newest).

    Ordered by time, not by person, so that nothing ties two answers to the one who wrote them.
    """
    labels, moderation = worksheet.participant_fields, moderation or {}
    shared = [
        (f.updated_at or datetime.min, key, f.value.strip(), shared_ref(f.id))
        for owner, fields in entries.items()
        if owner.startswith("p")
        for key, f in fields.items()
        if f.shared and f.value.strip() and key in labels
    ]
    return [
        SharedAnswer(key, labels[key].label, text, ref, moderation.get(ref, Flags()))
        for _, key, text, ref in sorted(shared)
    ]


def session_harvest(db: DbSession, worksheet: Worksheet, session_id: int) -> Harvest:
    """Read a session's groups, participants, entries and moderation and add them up."""
    conn = db.connection()
    return harvest(
        worksheet,
        groups_of(db, session_id),
        participant_count(db, session_id),
        entries_of_session(conn, session_id),
        moderation_of(conn, session_id),
        partner_merges(conn, session_id),
    )
