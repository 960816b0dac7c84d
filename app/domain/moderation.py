"""Moderation: nothing the room typed reaches the projector before the facilitator lets it.

Every group inzicht and shared eye-opener has flags the facilitator sets from the regie page:
revealed (on the board), hidden (never on the board, whatever else is set), pinned (first) and
starred (marked). Items are named by a reference that never names a participant: a group's
inzicht is "g<group id>:<field key>", a shared personal answer "e<entry id>".

A text changed after it was revealed stays revealed and the board shows the new text: the
facilitator can hide it at any moment. What is revealed is what was written at that moment:
"reveal werkvorm 1" does not reveal an inzicht a table writes afterwards.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from app.storage.tables import Moderation, utcnow

if TYPE_CHECKING:  # harvest reads the flags from here; only its type is needed in return
    from app.domain.harvest import Harvest

MODERATION = Moderation.__table__
FLAGS = ("revealed", "hidden", "pinned", "starred")


@dataclass(frozen=True)
class Flags:
    revealed: bool = False
    hidden: bool = False
    pinned: bool = False
    starred: bool = False

    @property
    def on_board(self) -> bool:
        return self.revealed and not self.hidden


def inzicht_ref(group_id: int, key: str) -> str:
    return f"g{group_id}:{key}"


def shared_ref(entry_id: int) -> str:
    return f"e{entry_id}"


def moderation_of(conn: Connection, session_id: int) -> dict[str, Flags]:
    rows = conn.execute(
        select(MODERATION.c.item, *(MODERATION.c[f] for f in FLAGS)).where(
            MODERATION.c.session_id == session_id
        )
    )
    return {r.item: Flags(*(bool(r._mapping[f]) for f in FLAGS)) for r in rows}


def moderate(conn: Connection, session_id: int, items: Iterable[str], flag: str, on: bool) -> int:
    """Set one flag on the items (creating their rows on first use); the number of items set."""
    if flag not in FLAGS:
        raise ValueError(f"unknown moderation flag {flag!r}")
    items = list(dict.fromkeys(items))
    if not items:
        return 0
    mine = (MODERATION.c.session_id == session_id, MODERATION.c.item.in_(items))
    now = utcnow()
    conn.execute(update(MODERATION).where(*mine).values({flag: on, "updated_at": now}))
    known = set(conn.execute(select(MODERATION.c.item).where(*mine)).scalars())
    new = [
        {"session_id": session_id, "item": item, flag: on, "updated_at": now}
        for item in items
        if item not in known
    ]
    if new:
        conn.execute(insert(MODERATION), [{f: False for f in FLAGS} | row for row in new])
    return len(items)


def partner_key(name: str) -> str:
    """A partner name as tables' spellings of it compare: case and spacing do not count."""
    return " ".join(name.lower().split())


def partner_merges(conn: Connection, session_id: int) -> dict[str, str]:
    """Partner name (its key) -> the name key it is merged into."""
    rows = conn.execute(
        select(MODERATION.c.item, MODERATION.c.merged_into).where(
            MODERATION.c.session_id == session_id,
            MODERATION.c.item.startswith("w:"),
            MODERATION.c.merged_into != "",
        )
    )
    return {r.item[2:]: r.merged_into for r in rows}


def merge_partner(conn: Connection, session_id: int, name: str, into: str) -> None:
    """Count partner `name` together with `into` from now on; `into` empty undoes the merge.

    Merging a name into itself, or into a name already merged into it, would make a circle:
    it undoes the merge instead."""
    key, target = partner_key(name), partner_key(into)
    merges = partner_merges(conn, session_id)
    if target and merged_name(target, merges) == key:
        target = ""
    item = f"w:{key}"
    values = {"merged_into": target, "updated_at": utcnow()}
    mine = (MODERATION.c.session_id == session_id, MODERATION.c.item == item)
    if conn.execute(update(MODERATION).where(*mine).values(values)).rowcount == 0:
        row = {f: False for f in FLAGS} | {"session_id": session_id, "item": item} | values
        conn.execute(insert(MODERATION).values(row))


def merged_name(key: str, merges: dict[str, str]) -> str:
    """The name key a partner counts under, following merges (a circle stops where it began)."""
    seen = {key}
    while key in merges and merges[key] not in seen:
        key = merges[key]
        seen.add(key)
    return key


def forget_entries(conn: Connection, entry_ids: Iterable[int]) -> None:
    """Erased answers take their flags along: a database may hand a freed id to a new answer,
    which must not arrive on the board already revealed."""
    refs = [shared_ref(i) for i in entry_ids]
    if refs:
        conn.execute(delete(MODERATION).where(MODERATION.c.item.in_(refs)))


def moderate_harvest(
    conn: Connection,
    harvest: "Harvest",
    session_id: int,
    flag: str,
    on: bool,
    items: Iterable[str] = (),
    werkvorm: int | None = None,
    group_id: int | None = None,
) -> int:
    """Set a flag on the items named, or else on the inzichten of a werkvorm and/or a table.

    Only items the harvest holds now count: a stale or made-up reference changes nothing.
    """
    items = list(items)
    if items:
        known = set(harvest.inzicht_refs()) | {a.ref for a in harvest.shared}
        refs = [item for item in items if item in known]
    else:
        refs = harvest.inzicht_refs(werkvorm, group_id)
    return moderate(conn, session_id, refs, flag, on)


def board_order(items: Iterable) -> list:
    """The items (each with `.flags`) the board may show: pinned ones first, else as given."""
    shown = [item for item in items if item.flags.on_board]
    return sorted(shown, key=lambda item: not item.flags.pinned)
