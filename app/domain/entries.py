"""Saving what people type and choose, without losing anything and without silent overwrites.

The autosave path is the hottest route of a session (every device saves while people type),
so it uses SQLAlchemy Core on one short transaction instead of the ORM.

A save carries the version the device last saw. It is a conflict only when *another* device
saved the field since then; a device that saves twice before it heard back is not in conflict
with itself.
"""

from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from sqlalchemy import and_, bindparam, insert, or_, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from app.domain.sessions import clean_text
from app.domain.worksheet import UITDAGEND, ChoiceSpec, Worksheet, join_choice, split_choice
from app.storage.tables import Entry, utcnow

ENTRIES = Entry.__table__


# The hot path's statement, built once: only save when this device saw the current version,
# or when this device itself wrote the version now stored.
SAVE_IF_CURRENT = (
    update(ENTRIES)
    .where(
        ENTRIES.c.owner == bindparam("o"),
        ENTRIES.c.key == bindparam("k"),
        or_(ENTRIES.c.version == bindparam("base"), ENTRIES.c.updated_by == bindparam("device")),
    )
    .values(
        value=bindparam("v"),
        version=ENTRIES.c.version + 1,
        updated_by=bindparam("device"),
        updated_at=bindparam("now"),
    )
    .returning(ENTRIES.c.version, ENTRIES.c.shared)
)


def new_row(
    session_id: int, owner: str, key: str, value: str, device: str, shared: bool = False
) -> dict:
    """A field's first version."""
    return dict(
        session_id=session_id,
        owner=owner,
        key=key,
        value=value,
        version=1,
        shared=shared,
        updated_by=device,
        updated_at=utcnow(),
    )


class Outcome(StrEnum):
    SAVED = "saved"
    CONFLICT = "conflict"
    INVALID = "invalid"
    CLOSED = "closed"  # the facilitator closed the session: nothing is saved any more


@dataclass(frozen=True)
class SaveResult:
    outcome: Outcome
    key: str
    value: str  # what the server holds now (theirs, on a conflict)
    version: int
    message: str = ""
    shared: bool = False


def group_owner(group_id: int) -> str:
    return f"g{group_id}"


def participant_owner(participant_id: int) -> str:
    return f"p{participant_id}"


def too_long_message(max_length: int, length: int) -> str:
    return (
        f"Dit is te lang: maximaal {max_length} tekens, nu {length}. "
        "Je tekst blijft staan; maak hem korter, dan wordt hij opgeslagen."
    )


def save_text(
    engine: Engine,
    worksheet: Worksheet,
    *,
    session_id: int,
    owner: str,
    key: str,
    value: str,
    base_version: int,
    device: str,
) -> SaveResult:
    spec = worksheet.spec_for(owner, key)
    if spec is None:
        return SaveResult(Outcome.INVALID, key, value, base_version, "Dit veld bestaat niet.")
    value = clean_text(value).replace("\r\n", "\n")
    if len(value) > spec.max_length:
        message = too_long_message(spec.max_length, len(value))
        return SaveResult(Outcome.INVALID, key, value, base_version, message)
    with engine.begin() as conn:
        return _write(conn, session_id, owner, key, value, base_version, device)


def _write(
    conn: Connection,
    session_id: int,
    owner: str,
    key: str,
    value: str,
    base_version: int,
    device: str,
) -> SaveResult:
    now = utcnow()
    mine = and_(ENTRIES.c.owner == owner, ENTRIES.c.key == key)
    result = conn.execute(
        SAVE_IF_CURRENT,
        {"o": owner, "k": key, "base": base_version, "device": device, "v": value, "now": now},
    ).first()
    if result is not None:
        return SaveResult(Outcome.SAVED, key, value, result.version, shared=result.shared)
    current = conn.execute(
        select(ENTRIES.c.value, ENTRIES.c.version, ENTRIES.c.shared).where(mine)
    ).first()
    if current is None:
        try:
            with conn.begin_nested():
                conn.execute(insert(ENTRIES).values(new_row(session_id, owner, key, value, device)))
            return SaveResult(Outcome.SAVED, key, value, 1)
        except IntegrityError:
            # Another tablet created the field at the same moment: that is a conflict too.
            current = conn.execute(
                select(ENTRIES.c.value, ENTRIES.c.version, ENTRIES.c.shared).where(mine)
            ).one()
    if current.value == value:
        return SaveResult(Outcome.SAVED, key, value, current.version, shared=current.shared)
    return SaveResult(
        Outcome.CONFLICT,
        key,
        current.value,
        current.version,
        "Op een ander apparaat is dit veld intussen ook aangepast.",
    )


@dataclass(frozen=True)
class ChoiceResult:
    key: str
    chosen: list[str]
    message: str = ""  # a friendly refusal or reminder, empty when all is well
    changed: bool = False
    refused: bool = False  # the pick was not made; `message` says why


# How often a pick is recomputed when other tablets keep changing the same choice meanwhile.
CHOICE_ATTEMPTS = 10
BUSY_MESSAGE = "Er werd op een ander apparaat tegelijk gekozen. Probeer het nog eens."


def choose(
    engine: Engine,
    spec: ChoiceSpec,
    *,
    session_id: int,
    owner: str,
    item: str,
    on: bool,
    device: str,
    labels: dict[str, str] | None = None,
    refusals: dict[str, str] | None = None,
) -> ChoiceResult:
    """Add or remove one pick; refuse a pick over the limit with a message, keeping the others.

    `labels` name the items in messages; `refusals` hold a reason an item cannot be picked yet.
    The new value is written only if the version read is still the stored one, so two tablets
    choosing at once never overwrite each other: the later one is decided again on what the
    earlier one stored (and refused if the limit is now reached).
    """
    if item not in spec.options:
        return ChoiceResult(spec.key, [], "Deze keuze bestaat niet.", refused=True)
    for _ in range(CHOICE_ATTEMPTS):
        with engine.begin() as conn:
            result = _choose_once(
                conn, spec, session_id, owner, item, on, device, labels or {}, refusals or {}
            )
        if result is not None:
            return result
    return ChoiceResult(spec.key, [], BUSY_MESSAGE, refused=True)


def _choose_once(
    conn: Connection,
    spec: ChoiceSpec,
    session_id: int,
    owner: str,
    item: str,
    on: bool,
    device: str,
    labels: dict[str, str],
    refusals: dict[str, str],
) -> ChoiceResult | None:
    """One read-decide-write round; None when another device changed the choice meanwhile."""
    mine = and_(ENTRIES.c.owner == owner, ENTRIES.c.key == spec.key)
    row = conn.execute(select(ENTRIES.c.value, ENTRIES.c.version).where(mine)).first()
    chosen = split_choice(row.value) if row else []
    if on == (item in chosen):
        return ChoiceResult(spec.key, chosen, limit_hint(spec, chosen))
    if on and item in refusals:
        return ChoiceResult(spec.key, chosen, refusals[item], refused=True)
    if on and len(chosen) >= spec.maximum:
        names = ", ".join(labels.get(c, c) for c in chosen)
        message = (
            f"Jullie hebben al {spec.maximum} {spec.noun_many} gekozen ({names}). "
            f"Haal er eerst één weg om een andere te kiezen."
        )
        return ChoiceResult(spec.key, chosen, message, refused=True)
    chosen = [c for c in spec.options if (c in chosen) != (c == item)]
    value = join_choice(chosen)
    if row is None:
        try:
            with conn.begin_nested():
                conn.execute(
                    insert(ENTRIES).values(new_row(session_id, owner, spec.key, value, device))
                )
        except IntegrityError:
            return None  # another tablet made the first pick at the same moment
    else:
        written = conn.execute(
            update(ENTRIES)
            .where(mine, ENTRIES.c.version == row.version)
            .values(value=value, version=row.version + 1, updated_by=device, updated_at=utcnow())
        )
        if written.rowcount != 1:
            return None
    return ChoiceResult(spec.key, chosen, limit_hint(spec, chosen), changed=True)


def limit_hint(spec: ChoiceSpec, chosen: list[str]) -> str:
    missing = spec.minimum - len(chosen)
    if missing > 0:
        noun = spec.noun_one if missing == 1 else spec.noun_many
        return f"Kies er nog {missing} {noun} bij (samen {spec.minimum} à {spec.maximum})."
    return ""


def set_shared(engine: Engine, *, owner: str, key: str, shared: bool) -> bool:
    """Share a personal answer anonymously with the room (or take it back). False if empty."""
    with engine.begin() as conn:
        result = conn.execute(
            update(ENTRIES)
            .where(ENTRIES.c.owner == owner, ENTRIES.c.key == key, ENTRIES.c.value != "")
            .values(shared=shared)
        )
    return result.rowcount == 1


@dataclass(frozen=True)
class Field:
    value: str = ""
    version: int = 0
    shared: bool = False
    updated_at: datetime | None = None  # read for a session's harvest only
    id: int = 0  # read for a session's harvest only: names a shared answer for moderation


def _reading(bind: Engine | Connection):
    """A connection to read on: the caller's own one when it has one, so that a request never
    holds two pooled connections at once (30 tablets loading together would starve the pool)."""
    return nullcontext(bind) if isinstance(bind, Connection) else bind.connect()


def entries_of(bind: Engine | Connection, owner: str) -> dict[str, Field]:
    with _reading(bind) as conn:
        rows = conn.execute(
            select(ENTRIES.c.key, ENTRIES.c.value, ENTRIES.c.version, ENTRIES.c.shared).where(
                ENTRIES.c.owner == owner
            )
        )
        return {r.key: Field(r.value, r.version, r.shared) for r in rows}


def entries_of_session(bind: Engine | Connection, session_id: int) -> dict[str, dict[str, Field]]:
    """All entries of a session by owner, for the board, the report and the export."""
    by_owner: dict[str, dict[str, Field]] = {}
    with _reading(bind) as conn:
        rows = conn.execute(
            select(
                ENTRIES.c.owner,
                ENTRIES.c.key,
                ENTRIES.c.value,
                ENTRIES.c.version,
                ENTRIES.c.shared,
                ENTRIES.c.updated_at,
                ENTRIES.c.id,
            ).where(ENTRIES.c.session_id == session_id)
        )
        for r in rows:
            field = Field(r.value, r.version, r.shared, r.updated_at, r.id)
            by_owner.setdefault(r.owner, {})[r.key] = field
    return by_owner


def write_many(
    conn: Connection, session_id: int, owner: str, values: Iterable[tuple[str, str, bool]]
) -> None:
    """Insert imported or seeded entries for one owner: (key, value, shared)."""
    rows = [
        new_row(session_id, owner, key, value, "import", shared) for key, value, shared in values
    ]
    if rows:
        conn.execute(insert(ENTRIES), rows)


def choose_for_group(
    engine: Engine,
    worksheet: Worksheet,
    spec: ChoiceSpec,
    *,
    session_id: int,
    owner: str,
    item: str,
    on: bool,
    device: str,
) -> ChoiceResult:
    """A group's pick of a focuspunt or of a most challenging partner, named in its own words.

    Un-picking hides the fields that belong to the pick; their text stays, and the group is
    told so."""
    if spec.key == UITDAGEND:
        fields = entries_of(engine, owner)
        names = {slot: fields.get(f"w2.wie.{slot}", Field()).value.strip() for slot in spec.options}
        labels = {slot: name or f"partner {slot}" for slot, name in names.items()}
        refusals = {
            slot: f"Vul eerst de naam van partner {slot} in; dan kun je die markeren."
            for slot, name in names.items()
            if not name
        }
        own_fields, again = f"w2.{item}.", "markeer deze partner opnieuw"
    else:
        labels = {p.id: p.label for p in worksheet.content.focuspunten()}
        refusals = {}
        own_fields, again = f"w1.{item}.", "kies het opnieuw"
    result = choose(
        engine,
        spec,
        session_id=session_id,
        owner=owner,
        item=item,
        on=on,
        device=device,
        labels=labels,
        refusals=refusals,
    )
    if on or not result.changed:
        return result
    kept = any(
        key.startswith(own_fields) and field.value.strip()
        for key, field in entries_of(engine, owner).items()
    )
    if not kept:
        return result
    note = f"Je tekst bij {labels.get(item, item)} blijft bewaard; {again} om verder te schrijven."
    return replace(result, message=f"{note} {result.message}".strip())
