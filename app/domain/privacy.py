"""A participant's own data: taking it home, erasing it, and erasing it when its time is up.

A personal sheet is personal data (AVG): its owner can download and erase it at any time, the
facilitator can delete a whole session, and sheets are erased automatically a set number of days
after the session's date. Group work is not personal and stays until its session is deleted.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, select
from sqlmodel import Session as DbSession

from app.domain.dutch import dutch_date
from app.domain.entries import Field, participant_owner
from app.domain.moderation import forget_entries
from app.domain.worksheet import Worksheet
from app.storage.tables import Entry, Group, Moderation, Participant, WorkshopSession


def sheets_erased_on(session_date: date, days: int) -> date:
    """The day a session's personal sheets are erased automatically."""
    return session_date + timedelta(days=days)


@dataclass(frozen=True)
class ErasedSheet:
    """What erasing one personal sheet removed, to tell its owner."""

    session_id: int
    answers: int
    shared: int
    had_name: bool


def erase_participant(db: DbSession, participant_id: int) -> ErasedSheet | None:
    """Erase a participant's answers (shared ones too), name and row; None if already gone."""
    participant = db.get(Participant, participant_id)
    if participant is None:
        return None
    owner = participant_owner(participant_id)
    rows = db.execute(select(Entry.value, Entry.shared).where(Entry.owner == owner))
    written = [r for r in rows if r.value.strip()]
    erased = ErasedSheet(
        session_id=participant.session_id,
        answers=len(written),
        shared=sum(r.shared for r in written),
        had_name=bool(participant.name),
    )
    forget_entries(
        db.connection(), db.execute(select(Entry.id).where(Entry.owner == owner)).scalars()
    )
    db.execute(delete(Entry).where(Entry.owner == owner))
    db.execute(delete(Participant).where(Participant.id == participant_id))
    db.commit()
    return erased


def purge_expired_sheets(db: DbSession, today: date, days: int) -> int:
    """Erase the personal sheets of sessions whose erase day has come; how many were erased.

    Answers go with them, shared ones too; the groups' work stays.
    """
    cutoff = today - timedelta(days=days)
    expired = select(WorkshopSession.id).where(WorkshopSession.date <= cutoff).scalar_subquery()
    in_expired = Participant.session_id.in_(expired)
    count = len(db.execute(select(Participant.id).where(in_expired)).all())
    sheets = (Entry.session_id.in_(expired), Entry.owner.like("p%"))
    forget_entries(db.connection(), db.execute(select(Entry.id).where(*sheets)).scalars())
    db.execute(delete(Entry).where(*sheets))
    db.execute(delete(Participant).where(in_expired))
    db.commit()
    return count


def delete_session(db: DbSession, session_id: int) -> None:
    """Delete a session with everything in it: sheets, the groups and their work, the session."""
    for table in (Moderation, Entry, Participant, Group):
        db.execute(delete(table).where(table.session_id == session_id))
    db.execute(delete(WorkshopSession).where(WorkshopSession.id == session_id))
    db.commit()


def sheet_as_text(
    worksheet: Worksheet, session: WorkshopSession, name: str, fields: dict[str, Field]
) -> str:
    """A personal sheet as plain text, for its owner to keep: every question with its answer."""
    lines = [worksheet.oogst.titel, f"{session.title} · {dutch_date(session.date)}"]
    if name:
        lines.append(name)
    for kop, specs in worksheet.oogst_sections:
        lines += ["", kop.upper(), ""]
        for spec in specs:
            entry = fields.get(spec.key)
            answer = entry.value.strip() if entry else ""
            shared = " (gedeeld met de zaal, zonder naam)" if entry and entry.shared else ""
            lines += [f"{spec.label}{shared}", answer or "—", ""]
    return "\n".join(lines).rstrip() + "\n"
