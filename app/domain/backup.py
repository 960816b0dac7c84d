"""A complete backup, for whoever runs the server when moving an install: every session in full,
names and private sheets included. Never offered over the web (the web export leaves those out).

A restored session gets new ids but keeps its join code and facilitator key, so printed codes,
QR codes and regie links keep working on the new install.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlmodel import Session as DbSession
from sqlmodel import or_, select

from app.domain.export import (
    FullSession,
    ImportRefused,
    full_session,
    refusal_message,
    store_session,
)
from app.domain.worksheet import Worksheet
from app.storage.tables import WorkshopSession

BACKUP_FORMAT = "opdenksessie-backup/1"


class BackupSession(FullSession):
    code: str = Field(max_length=12)
    facilitator_key: str = Field(max_length=64)


class Backup(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: Literal["opdenksessie-backup/1"]
    sessions: list[BackupSession]


def dump_all(db: DbSession) -> dict:
    """Every session but the demo one (each install makes its own demo session)."""
    query = select(WorkshopSession).where(~WorkshopSession.demo).order_by(WorkshopSession.id)
    sessions = [
        BackupSession(**dict(full_session(db, s)), code=s.code, facilitator_key=s.facilitator_key)
        for s in db.exec(query)
    ]
    return Backup(format=BACKUP_FORMAT, sessions=sessions).model_dump(mode="json")


def restore_all(db: DbSession, worksheet: Worksheet, raw: bytes) -> list[str]:
    """Add the backup's sessions to this database; one line per session says what happened.

    A session whose join code or facilitator key is already here is skipped, not merged, and so
    is one that does not fit this install's content; each restored session is one transaction.
    """
    try:
        backup = Backup.model_validate_json(raw)
    except ValidationError as error:
        raise ImportRefused(refusal_message(error)) from error
    report = []
    for stored in backup.sessions:
        name = f"‘{stored.title}’ of {stored.date.isoformat()} (code {stored.code})"
        same_links = or_(
            WorkshopSession.code == stored.code,
            WorkshopSession.facilitator_key == stored.facilitator_key,
        )
        if db.exec(select(WorkshopSession.id).where(same_links)).first() is not None:
            report.append(
                f"skipped {name}: this database already has a session with its join code "
                "or facilitator link"
            )
            continue
        try:
            store_session(db, worksheet, stored, links=(stored.code, stored.facilitator_key))
        except ImportRefused as refused:
            db.rollback()
            report.append(f"skipped {name}: {refused}")
            continue
        report.append(f"restored {name}")
    return report
