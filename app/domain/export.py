"""A session as JSON, and back.

The web export ("opdenksessie/2") is the session as the facilitator may see it: the groups and
their worksheets, how many people took part, and the answers they shared, as a flat list without
names, sorted by question and text so that nothing ties two answers to one person. It can be
imported again, here or on another install.

A full session (names and private sheets) only leaves the server in a backup made by whoever runs
it (app/domain/backup.py). It is also the shape of the old "opdenksessie/1" export, which is still
imported: its names and unshared answers are left behind.
"""

from collections import Counter
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from sqlmodel import Session as DbSession
from sqlmodel import select

from app.domain.entries import entries_of_session, group_owner, participant_owner, write_many
from app.domain.harvest import shared_answers
from app.domain.sessions import (
    MAX_GROUPS,
    GroupDraft,
    SessionDraft,
    add_participant,
    clean_text,
    create_session,
    groups_of,
    participant_count,
    validate_draft,
)
from app.domain.worksheet import ChoiceSpec, FieldSpec, Worksheet, split_choice
from app.storage.tables import Participant, WorkshopSession, utcnow

FORMAT = "opdenksessie/2"
OLD_FORMAT = "opdenksessie/1"
# An import larger than any room is refused while it is read, before anything is built or written.
MAX_PARTICIPANTS = 2_000
MAX_SHARED_ANSWERS = 10_000


class ExportedEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: str
    shared: bool = False


class ExportedGroup(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    name: str = Field(min_length=1)
    casus: str
    joined: bool = False
    entries: dict[str, ExportedEntry] = {}


class ExportedParticipant(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = ""
    entries: dict[str, ExportedEntry] = {}


class ExportedAnswer(BaseModel):
    """A personal answer its writer shared with the room; whose it was is not kept."""

    model_config = ConfigDict(extra="forbid")
    key: str
    text: str


class SessionFields(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str
    date: date
    current_block: str | None = Field(default=None, max_length=64)
    closed: bool = False
    groups: list[ExportedGroup] = Field(max_length=MAX_GROUPS)


class Export(SessionFields):
    """The web export: what the facilitator may see."""

    format: Literal["opdenksessie/2"]
    participants: int = Field(default=0, ge=0, le=MAX_PARTICIPANTS)
    shared_answers: list[ExportedAnswer] = Field(default=[], max_length=MAX_SHARED_ANSWERS)


class FullSession(SessionFields):
    """Everything, names and private sheets included: for a server backup only."""

    participants: list[ExportedParticipant] = []


class OldExport(FullSession):
    format: Literal["opdenksessie/1"]
    participants: list[ExportedParticipant] = Field(default=[], max_length=MAX_PARTICIPANTS)


IMPORT_FILE = TypeAdapter(Annotated[Export | OldExport, Field(discriminator="format")])


class ImportRefused(Exception):
    """An import file that cannot become a session; the message says why, in Dutch."""


def export_session(db: DbSession, worksheet: Worksheet, session: WorkshopSession) -> dict:
    entries = entries_of_session(db.connection(), session.id)
    shared = sorted(shared_answers(worksheet, entries), key=lambda a: (a.key, a.text))
    export = Export(
        format=FORMAT,
        **_session_fields(db, session, entries),
        participants=participant_count(db, session.id),
        shared_answers=[ExportedAnswer(key=a.key, text=a.text) for a in shared],
    )
    return export.model_dump(mode="json")


def full_session(db: DbSession, session: WorkshopSession) -> FullSession:
    """The session with every participant's name and answers, shared or not."""
    entries = entries_of_session(db.connection(), session.id)
    participants = db.exec(
        select(Participant).where(Participant.session_id == session.id).order_by(Participant.id)
    )
    return FullSession(
        **_session_fields(db, session, entries),
        participants=[
            ExportedParticipant(name=p.name, entries=_exported(entries, participant_owner(p.id)))
            for p in participants
        ],
    )


def _session_fields(db: DbSession, session: WorkshopSession, entries: dict) -> dict:
    return dict(
        title=session.title,
        date=session.date,
        current_block=session.current_block,
        closed=session.closed_at is not None,
        groups=[
            ExportedGroup(
                name=g.name,
                casus=g.casus_id,
                joined=g.joined_at is not None,
                entries=_exported(entries, group_owner(g.id)),
            )
            for g in groups_of(db, session.id)
        ],
    )


def _exported(entries: dict, owner: str) -> dict[str, ExportedEntry]:
    return {
        key: ExportedEntry(value=f.value, shared=f.shared)
        for key, f in sorted(entries.get(owner, {}).items())
    }


def import_session(db: DbSession, worksheet: Worksheet, raw: bytes) -> WorkshopSession:
    """Create a new session (new join code, new facilitator link) from an export file.

    Checked as strictly as the live routes check what people type, before anything is written,
    and written in one transaction: a refused file leaves no half-imported session behind.
    """
    try:
        export = IMPORT_FILE.validate_json(raw)
    except ValidationError as error:
        raise ImportRefused(refusal_message(error)) from error
    if isinstance(export, OldExport):
        shared = [
            ExportedAnswer(key=key, text=entry.value)
            for person in export.participants
            for key, entry in person.entries.items()
            if entry.shared and entry.value.strip()
        ]
        count = len(export.participants)
    else:
        shared, count = export.shared_answers, export.participants
    fields = export.model_dump(include=set(SessionFields.model_fields))
    full = FullSession(**fields, participants=_anonymous_sheets(shared, count))
    return store_session(db, worksheet, full)


def _anonymous_sheets(answers: list[ExportedAnswer], count: int) -> list[ExportedParticipant]:
    """Nameless sheets holding the shared answers, as many as there were people.

    The n-th answer (by text) to each question goes on the n-th sheet, so a sheet ties together
    answers of different people, never the answers of one.
    """
    per_question = Counter(a.key for a in answers)
    if max(per_question.values(), default=0) > MAX_PARTICIPANTS:
        raise ImportRefused(
            f"Dit exportbestand heeft meer gedeelde antwoorden op één vraag dan er mensen in een "
            f"sessie passen (maximaal {MAX_PARTICIPANTS})."
        )
    sheets: list[dict[str, ExportedEntry]] = []
    placed: Counter = Counter()
    for answer in sorted(answers, key=lambda a: (a.key, a.text)):
        n = placed[answer.key]
        placed[answer.key] += 1
        if n == len(sheets):
            sheets.append({})
        sheets[n][answer.key] = ExportedEntry(value=answer.text, shared=True)
    sheets += [{} for _ in range(count - len(sheets))]
    return [ExportedParticipant(entries=entries) for entries in sheets]


def store_session(
    db: DbSession, worksheet: Worksheet, data: FullSession, links: tuple[str, str] | None = None
) -> WorkshopSession:
    """Check `data` against this install's content and write it as one new session.

    `links` keeps a backup's (join code, facilitator key); without it the session gets new ones.
    """
    content = worksheet.content
    draft = SessionDraft(
        title=data.title,
        date=data.date.isoformat(),
        groups=[GroupDraft(g.name, g.casus) for g in data.groups],
    )
    validate_draft(content, draft)
    if not draft.valid:
        details = "; ".join(draft.errors.values())
        raise ImportRefused(f"Dit exportbestand past niet bij deze installatie: {details}")
    for group in data.groups:
        _check_entries(
            group.entries, worksheet.group_fields, worksheet.choices, f"groep ‘{group.name}’"
        )
    for person in data.participants:
        _check_entries(person.entries, worksheet.participant_fields, {}, "de persoonlijke oogst")

    session = create_session(db, draft, commit=False)
    if links:
        session.code, session.facilitator_key = links
    block_ids = {b.id for b in content.programma.blokken}
    session.current_block = data.current_block if data.current_block in block_ids else None
    session.closed_at = utcnow() if data.closed else None
    db.add(session)
    for group, stored in zip(groups_of(db, session.id), data.groups, strict=True):
        group.joined_at = utcnow() if stored.joined else None
        db.add(group)
        write_many(db.connection(), session.id, group_owner(group.id), _rows(stored.entries))
    for person in data.participants:
        participant = add_participant(db, session.id, person.name, commit=False)
        rows = _rows(person.entries)
        write_many(db.connection(), session.id, participant_owner(participant.id), rows)
    db.commit()
    db.refresh(session)
    return session


def _rows(entries: dict[str, ExportedEntry]) -> list[tuple[str, str, bool]]:
    return [(key, clean_text(e.value), e.shared) for key, e in entries.items()]


def _check_entries(
    entries: dict[str, ExportedEntry],
    fields: dict[str, FieldSpec],
    choices: dict[str, ChoiceSpec],
    whose: str,
) -> None:
    """Refuse what the live routes would refuse: unknown fields, over-long texts, wrong picks."""
    for key, entry in entries.items():
        if key in fields:
            length, limit = len(clean_text(entry.value)), fields[key].max_length
            if length > limit:
                raise ImportRefused(
                    f"Dit exportbestand heeft bij {whose} een te lange tekst in ‘{key}’: "
                    f"{length} tekens, maximaal {limit}."
                )
        elif key in choices:
            _check_choice(choices[key], entry.value, whose)
        else:
            raise ImportRefused(
                f"Dit exportbestand bevat een veld dat deze installatie niet kent bij {whose}: "
                f"‘{key[:60]}’."
            )


def _check_choice(spec: ChoiceSpec, value: str, whose: str) -> None:
    picks = split_choice(value)
    unknown = [p for p in picks if p not in spec.options]
    if unknown:
        raise ImportRefused(
            f"Dit exportbestand bevat bij {whose} een keuze die deze installatie niet kent: "
            f"‘{unknown[0][:60]}’ in ‘{spec.key}’."
        )
    if len(set(picks)) != len(picks) or len(picks) > spec.maximum:
        raise ImportRefused(
            f"Dit exportbestand heeft bij {whose} te veel of dubbele keuzes in ‘{spec.key}’ "
            f"(maximaal {spec.maximum} {spec.noun_many})."
        )


# What went wrong in a file that is not valid JSON, in words a facilitator can act on.
JSON_PROBLEMS = {
    "number out of range": "een getal dat te groot is",
    "surrogate": "een teken dat geen tekst kan zijn (een losse \\ud800-code)",
    "hex escape": "een teken dat geen tekst kan zijn (een losse \\ud800-code)",
    "invalid unicode code point": "tekens die geen UTF-8 zijn",
    "recursion limit exceeded": "haakjes die te diep genest zijn",
}


def refusal_message(error: ValidationError) -> str:
    """The first problem of a file the models refused, in Dutch, naming where it is."""
    first = error.errors(include_url=False)[0]
    if first["type"] == "json_invalid":
        detail = str(first["ctx"]["error"])
        reason = next((say for key, say in JSON_PROBLEMS.items() if key in detail), "")
        where = detail.rsplit(" at ", 1)[-1] if " at line " in detail else ""
        where = where.replace("line", "regel").replace("column", "kolom")
        if not reason:
            return "Dit is geen JSON-bestand van een Opdenksessie-export."
        return f"Dit bestand is geen geldige JSON: het bevat {reason} ({where})."
    if first["type"] in ("union_tag_invalid", "union_tag_not_found"):
        return (
            f"Dit exportbestand klopt niet: bij ‘format’ (verwacht ‘{FORMAT}’ of ‘{OLD_FORMAT}’)."
        )
    path = [str(p) for p in first["loc"] if p not in (FORMAT, OLD_FORMAT)]  # not the union's tag
    where = ".".join(path) or "het geheel"
    return f"Dit exportbestand klopt niet: bij ‘{where}’ ({model_problem(first)})."


# The models' complaints in Dutch, by pydantic's error type; any other: "verkeerde vorm".
MODEL_PROBLEMS = {
    "too_long": "te veel: {actual_length}, maximaal {max_length}",
    "string_too_long": "te lang: maximaal {max_length} tekens",
    "too_short": "te weinig: minstens {min_length}",
    "less_than_equal": "hoogstens {le}",
    "greater_than_equal": "minstens {ge}",
    "string_type": "verwacht tekst",
    "int_type": "verwacht een geheel getal",
    "int_parsing": "verwacht een geheel getal",
    "int_from_float": "verwacht een geheel getal",
    "bool_type": "verwacht true of false",
    "bool_parsing": "verwacht true of false",
    "date_type": "verwacht een datum als 2025-06-26",
    "date_parsing": "verwacht een datum als 2025-06-26",
    "date_from_datetime_parsing": "verwacht een datum als 2025-06-26",
    "list_type": "verwacht een lijst",
    "dict_type": "verwacht een object met velden",
    "model_type": "verwacht een object met velden",
    "missing": "dit veld ontbreekt",
    "extra_forbidden": "dit veld hoort niet in een export",
}


def model_problem(error: dict) -> str:
    template = MODEL_PROBLEMS.get(error["type"], "een waarde van de verkeerde vorm")
    return template.format(**error.get("ctx", {}))
