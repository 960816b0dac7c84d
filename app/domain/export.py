"""A whole session as JSON, and back: for the facilitator's archive and a move to a new install."""

import json
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlmodel import Session as DbSession
from sqlmodel import select

from app.domain.entries import entries_of_session, group_owner, participant_owner, write_many
from app.domain.sessions import (
    GroupDraft,
    SessionDraft,
    add_participant,
    clean_text,
    create_session,
    groups_of,
    validate_draft,
)
from app.domain.worksheet import Worksheet
from app.storage.tables import Participant, WorkshopSession, utcnow

FORMAT = "opdenksessie/1"


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


class Export(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: str = Field(pattern=f"^{FORMAT}$")
    title: str
    date: date
    current_block: str | None = None
    closed: bool = False
    groups: list[ExportedGroup]
    participants: list[ExportedParticipant] = []


class ImportRefused(Exception):
    """An import file that cannot become a session; the message says why, in Dutch."""


def export_session(db: DbSession, session: WorkshopSession) -> dict:
    entries = entries_of_session(db.connection(), session.id)

    def exported(owner: str) -> dict[str, ExportedEntry]:
        return {
            key: ExportedEntry(value=f.value, shared=f.shared)
            for key, f in sorted(entries.get(owner, {}).items())
        }

    participants = db.exec(
        select(Participant).where(Participant.session_id == session.id).order_by(Participant.id)
    )
    export = Export(
        format=FORMAT,
        title=session.title,
        date=session.date,
        current_block=session.current_block,
        closed=session.closed_at is not None,
        groups=[
            ExportedGroup(
                name=g.name,
                casus=g.casus_id,
                joined=g.joined_at is not None,
                entries=exported(group_owner(g.id)),
            )
            for g in groups_of(db, session.id)
        ],
        participants=[
            ExportedParticipant(name=p.name, entries=exported(participant_owner(p.id)))
            for p in participants
        ],
    )
    return export.model_dump(mode="json")


def import_session(db: DbSession, worksheet: Worksheet, raw: bytes) -> WorkshopSession:
    """Create a new session (new join code, new facilitator link) from an export file.

    Everything is checked before anything is written, and written in one transaction: a file
    that is refused leaves no half-imported session behind.
    """
    content = worksheet.content
    try:
        export = Export.model_validate(json.loads(raw.decode("utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise ImportRefused("Dit is geen JSON-bestand van een Opdenksessie-export.") from error
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ImportRefused(
            f"Dit exportbestand klopt niet: bij ‘{where}’ ({first['msg']})."
        ) from error
    draft = SessionDraft(
        title=export.title,
        date=export.date.isoformat(),
        groups=[GroupDraft(g.name, g.casus) for g in export.groups],
    )
    validate_draft(content, draft)
    if not draft.valid:
        details = "; ".join(draft.errors.values())
        raise ImportRefused(f"Dit exportbestand past niet bij deze installatie: {details}")
    group_keys = set(worksheet.group_fields) | set(worksheet.choices)
    _check_keys([g.entries for g in export.groups], group_keys, "een groep")
    _check_keys(
        [p.entries for p in export.participants], set(worksheet.participant_fields), "de oogst"
    )

    session = create_session(db, draft, commit=False)
    block_ids = {b.id for b in content.programma.blokken}
    session.current_block = export.current_block if export.current_block in block_ids else None
    session.closed_at = utcnow() if export.closed else None
    db.add(session)
    for group, exported in zip(groups_of(db, session.id), export.groups, strict=True):
        group.joined_at = utcnow() if exported.joined else None
        db.add(group)
        rows = [(k, clean_text(e.value), e.shared) for k, e in exported.entries.items()]
        write_many(db.connection(), session.id, group_owner(group.id), rows)
    for exported in export.participants:
        participant = add_participant(db, session.id, exported.name, commit=False)
        rows = [(k, clean_text(e.value), e.shared) for k, e in exported.entries.items()]
        write_many(db.connection(), session.id, participant_owner(participant.id), rows)
    db.commit()
    db.refresh(session)
    return session


def _check_keys(entries: list[dict], known: set[str], whose: str) -> None:
    for fields in entries:
        unknown = sorted(set(fields) - known)
        if unknown:
            raise ImportRefused(
                f"Dit exportbestand bevat een veld dat deze installatie niet kent bij {whose}: "
                f"‘{unknown[0][:60]}’."
            )
