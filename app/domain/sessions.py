"""Preparing and running a session: creation from the programme, join codes, the current block."""

import secrets
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session as DbSession
from sqlmodel import func, select

from app.content import Content
from app.storage.tables import Group, Participant, WorkshopSession, utcnow

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud and typed on phones
# 32^8 ≈ 1.1·10^12 room codes and 32^10 ≈ 1.1·10^15 table codes: see the README on guessing.
CODE_LENGTH = 8
TABLE_CODE_LENGTH = 10
MAX_GROUPS = 40
FIRST_DATE, LAST_DATE = date(2000, 1, 1), date(2199, 12, 31)
TITLE_MAX = 200
GROUP_NAME_MAX = 80


@dataclass
class GroupDraft:
    name: str = ""
    casus_id: str = ""


@dataclass
class SessionDraft:
    """What the facilitator typed into the new-session form, with errors by field."""

    title: str = ""
    date: str = ""
    groups: list[GroupDraft] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.errors


def default_draft(content: Content, today: date) -> SessionDraft:
    casussen = list(content.casussen)
    groups = [GroupDraft(f"Tafel {n}", casussen[(n - 1) % len(casussen)]) for n in range(1, 5)]
    return SessionDraft(title=content.programma.titel, date=today.isoformat(), groups=groups)


def clean_text(text: str) -> str:
    """Text as typed, minus the NUL characters no database column can hold."""
    return text.replace("\x00", "")


def validate_draft(content: Content, draft: SessionDraft) -> SessionDraft:
    errors: dict[str, str] = {}
    draft.title = clean_text(draft.title).strip()
    if not draft.title:
        errors["title"] = "Geef de sessie een titel."
    elif len(draft.title) > TITLE_MAX:
        errors["title"] = f"De titel mag maximaal {TITLE_MAX} tekens zijn."
    try:
        if not FIRST_DATE <= date.fromisoformat(draft.date) <= LAST_DATE:
            raise ValueError(draft.date)
    except ValueError:
        errors["date"] = (
            f"Vul een geldige datum in tussen {FIRST_DATE.year} en {LAST_DATE.year}, "
            "bijvoorbeeld 2025-09-30."
        )
    named = [g for g in draft.groups if g.name.strip()]
    if not named:
        errors["groups"] = "Voeg minstens één groep toe, met een naam of tafelnummer."
    elif len(named) > MAX_GROUPS:
        errors["groups"] = f"Maximaal {MAX_GROUPS} groepen per sessie."
    seen: set[str] = set()
    for index, group in enumerate(draft.groups):
        group.name = clean_text(group.name).strip()
        if not group.name:
            continue
        if len(group.name) > GROUP_NAME_MAX:
            errors[f"groups.{index}.name"] = f"Maximaal {GROUP_NAME_MAX} tekens."
        elif group.name.lower() in seen:
            errors[f"groups.{index}.name"] = (
                "Deze naam komt al voor; geef elke groep een eigen naam."
            )
        seen.add(group.name.lower())
        if group.casus_id not in content.casussen:
            errors[f"groups.{index}.casus_id"] = "Kies een casus voor deze groep."
    draft.errors = errors
    return draft


def new_code(length: int = CODE_LENGTH) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def unused_code(db: DbSession, column, length: int) -> str:
    """A fresh random code that `column` does not hold yet."""
    while True:
        code = new_code(length)
        if db.exec(select(column).where(column == code)).first() is None:
            return code


def grouped_code(code: str) -> str:
    """A code as people read and type it: in groups of four, e.g. KT4P-9XWM-2Q."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def create_session(db: DbSession, draft: SessionDraft, commit: bool = True) -> WorkshopSession:
    """Store a validated draft as a new session with a fresh join code and facilitator key.

    With commit=False the caller commits, so the session and what it adds land together.
    """
    session = WorkshopSession(
        code=unused_code(db, WorkshopSession.code, CODE_LENGTH),
        facilitator_key=secrets.token_urlsafe(24),
        title=draft.title,
        date=date.fromisoformat(draft.date),
    )
    db.add(session)
    db.flush()
    named = [g for g in draft.groups if g.name]
    for position, group in enumerate(named):
        db.add(
            Group(
                session_id=session.id,
                name=group.name,
                casus_id=group.casus_id,
                position=position,
                table_code=unused_code(db, Group.table_code, TABLE_CODE_LENGTH),
            )
        )
    if commit:
        db.commit()
        db.refresh(session)
    else:
        db.flush()
    return session


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def find_session(db: DbSession, code: str) -> WorkshopSession | None:
    query = select(WorkshopSession).where(WorkshopSession.code == normalise_code(code))
    return db.exec(query).first()


class JoinRefused(Exception):
    """A join code that does not open a session; the message is for the person who typed it."""


class UnknownCode(JoinRefused):
    """A code that no session or table has: a wrong guess, which counts against the limit."""


def session_for_code(db: DbSession, code: str, today: date, valid_days: int) -> WorkshopSession:
    normal = normalise_code(code)
    if not normal:
        raise JoinRefused("Vul de code in die op het scherm voorin de zaal staat.")
    session = find_session(db, normal)
    if session is None:
        raise UnknownCode(
            f"De code {grouped_code(normal)} kennen we niet. Kijk nog eens op het scherm voorin "
            f"de zaal: de code heeft {CODE_LENGTH} tekens."
        )
    return open_for_joining(session, today, valid_days)


def open_for_joining(session: WorkshopSession, today: date, valid_days: int) -> WorkshopSession:
    if session.closed_at is not None:
        raise JoinRefused("Deze sessie is afgesloten door de facilitator; meedoen kan niet meer.")
    if is_expired(session, today, valid_days):
        raise JoinRefused(
            f"De code {grouped_code(session.code)} is verlopen: de sessie was op "
            f"{session.date.strftime('%d-%m-%Y')}."
        )
    return session


def is_expired(session: WorkshopSession, today: date, valid_days: int) -> bool:
    return (today - session.date).days > valid_days


def group_for_table_code(
    db: DbSession, code: str, today: date, valid_days: int
) -> tuple[WorkshopSession, Group]:
    """The group whose table card carries `code`, in a session that still takes tablets."""
    normal = normalise_code(code)
    if not normal:
        raise JoinRefused("Vul de tafelcode in die op de tafelkaart staat.")
    group = db.exec(select(Group).where(Group.table_code == normal)).first()
    if group is None:
        raise UnknownCode(
            f"De tafelcode {grouped_code(normal)} kennen we niet. Kijk nog eens op de tafelkaart: "
            f"de tafelcode heeft {TABLE_CODE_LENGTH} tekens."
        )
    session = db.get(WorkshopSession, group.session_id)
    return open_for_joining(session, today, valid_days), group


def session_for_key(db: DbSession, key: str) -> WorkshopSession | None:
    if not key.isprintable():
        return None
    return db.exec(select(WorkshopSession).where(WorkshopSession.facilitator_key == key)).first()


def groups_of(db: DbSession, session_id: int) -> list[Group]:
    return list(
        db.exec(select(Group).where(Group.session_id == session_id).order_by(Group.position))
    )


def participant_count(db: DbSession, session_id: int) -> int:
    query = select(func.count()).select_from(Participant)
    return db.exec(query.where(Participant.session_id == session_id)).one()


def mark_group_joined(db: DbSession, group: Group) -> None:
    if group.joined_at is None:
        group.joined_at = utcnow()
        db.add(group)
        db.commit()


def add_participant(db: DbSession, session_id: int, name: str, commit: bool = True) -> Participant:
    participant = Participant(session_id=session_id, name=clean_text(name).strip()[:GROUP_NAME_MAX])
    db.add(participant)
    if commit:
        db.commit()
        db.refresh(participant)
    else:
        db.flush()
    return participant


def move_to_block(db: DbSession, content: Content, session: WorkshopSession, block: str) -> bool:
    """Make `block` the programme's current block; False if the programme has no such block."""
    if block not in {b.id for b in content.programma.blokken}:
        return False
    session.current_block = block
    reset_clock(session)
    db.add(session)
    db.commit()
    return True


def reset_clock(session: WorkshopSession) -> None:
    """A block the room just moved to: its clock waits for the facilitator's start."""
    session.clock_started_at = None
    session.clock_paused_at = None
    session.clock_extra_minutes = 0
    session.clock_step = 0


def neighbour_block(content: Content, current: str | None, step: int) -> str | None:
    ids = [b.id for b in content.programma.blokken]
    if current not in ids:
        return ids[0] if step > 0 else None
    index = ids.index(current) + step
    return ids[index] if 0 <= index < len(ids) else None


CLOSED_MESSAGE = (
    "De sessie is afgesloten; er wordt niets meer opgeslagen. Je tekst staat nog op dit apparaat."
)


def close_session(db: DbSession, session: WorkshopSession) -> None:
    session.closed_at = utcnow()
    db.add(session)
    db.commit()
