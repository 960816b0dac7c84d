"""Which tablets are linked to which table, and the quick check every tablet and phone request
makes: is this device still linked, is the session still open."""

from collections import defaultdict

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import Session as DbSession
from sqlmodel import select

from app.domain.werkvormen import closed_werkvormen
from app.storage.tables import Group, LinkedDevice, WorkshopSession, utcnow

BROWSERS = (("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari"))
SYSTEMS = (
    ("Windows", "Windows"),
    ("CrOS", "ChromeOS"),
    ("Mac OS X", "Mac"),
    ("Linux", "Linux"),
)


def device_label(user_agent: str) -> str:
    """What the facilitator knows a device as, from its User-Agent: "iPad", "Chrome op Windows"."""
    for mark, name in (("iPad", "iPad"), ("iPhone", "iPhone")):
        if mark in user_agent:
            return name
    if "Android" in user_agent:
        return "Android-telefoon" if "Mobile" in user_agent else "Android-tablet"
    browser = next((name for mark, name in BROWSERS if mark in user_agent), "")
    system = next((name for mark, name in SYSTEMS if mark in user_agent), "")
    if browser and system:
        return f"{browser} op {system}"
    return browser or system or "Onbekend apparaat"


def link_device(db: DbSession, group: Group, device: str, user_agent: str) -> None:
    """Link this device to the group's table (again): it may now edit the group's worksheet."""
    label = device_label(user_agent)
    query = select(LinkedDevice).where(
        LinkedDevice.group_id == group.id, LinkedDevice.device_id == device
    )
    link = db.exec(query).first()
    if link is None:
        link = LinkedDevice(session_id=group.session_id, group_id=group.id, device_id=device)
    link.label, link.linked_at = label, utcnow()
    db.add(link)
    db.commit()


def unlink_device(db: DbSession, session_id: int, link_id: int) -> LinkedDevice | None:
    """Unlink one device of this session; None if it was not linked (any more)."""
    link = db.get(LinkedDevice, link_id)
    if link is None or link.session_id != session_id:
        return None
    db.execute(delete(LinkedDevice).where(LinkedDevice.id == link_id))
    db.commit()
    return link


def devices_by_group(db: DbSession, session_id: int) -> dict[int, list[LinkedDevice]]:
    query = (
        select(LinkedDevice)
        .where(LinkedDevice.session_id == session_id)
        .order_by(LinkedDevice.linked_at)
    )
    found: dict[int, list[LinkedDevice]] = defaultdict(list)
    for link in db.exec(query):
        found[link.group_id].append(link)
    return found


class Admissions:
    """In-process answers to "is this tablet still linked?" and "is this session closed?".

    Every autosave asks both, so the answers are kept in memory: the database is read once per
    device and session, and linking, unlinking and closing update the memory. Like the live
    broker, this assumes the app runs as one process.
    """

    def __init__(self) -> None:
        self._linked: dict[tuple[int, str], bool] = {}
        self._closed: dict[int, bool] = {}
        self._closed_werkvormen: dict[int, frozenset[str]] = {}

    def linked(self, engine: Engine, group_id: int, device: str) -> bool:
        key = (group_id, device)
        if key not in self._linked:
            query = select(LinkedDevice.id).where(
                LinkedDevice.group_id == group_id, LinkedDevice.device_id == device
            )
            with engine.connect() as conn:
                self._linked[key] = conn.execute(query).first() is not None
        return self._linked[key]

    def closed(self, engine: Engine, session_id: int) -> bool:
        """Whether nothing may be saved in this session any more: closed, or no longer there."""
        if session_id not in self._closed:
            query = select(WorkshopSession.closed_at).where(WorkshopSession.id == session_id)
            with engine.connect() as conn:
                row = conn.execute(query).first()
            self._closed[session_id] = row is None or row.closed_at is not None
        return self._closed[session_id]

    def closed_werkvormen(self, engine: Engine, session_id: int) -> frozenset[str]:
        """The werkvormen of this session whose fields the facilitator closed."""
        if session_id not in self._closed_werkvormen:
            query = select(WorkshopSession).where(WorkshopSession.id == session_id)
            with DbSession(engine) as db:
                session = db.exec(query).first()
            self._closed_werkvormen[session_id] = (
                closed_werkvormen(session) if session else frozenset()
            )
        return self._closed_werkvormen[session_id]

    def set_closed_werkvormen(self, session_id: int, werkvormen: frozenset[str]) -> None:
        self._closed_werkvormen[session_id] = werkvormen

    def set_linked(self, group_id: int, device: str, linked: bool) -> None:
        self._linked[(group_id, device)] = linked

    def set_closed(self, session_id: int) -> None:
        self._closed[session_id] = True
