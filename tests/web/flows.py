"""What people do in the room, over real HTTP: one Device is one phone or tablet (its cookies).

Used by tests/web and tests/live; the fixtures at the bottom are imported by their conftest.py.
"""

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest

from app.domain.sessions import groups_of
from app.domain.worksheet import FOCUSPUNTEN
from app.storage.tables import Group, WorkshopSession
from tests.support import ServerThread


class Device(httpx.Client):
    """A phone or tablet in the room. It keeps its cookies, so it stays who it joined as."""

    def __init__(
        self, base_url: str, code: str = "", table_codes: dict[int, str] | None = None
    ) -> None:
        super().__init__(base_url=base_url, follow_redirects=False, timeout=10)
        self.code = code
        self.table_codes = table_codes or {}  # group id -> the code on its table card

    # joining
    def join_group(self, group_id: int | str) -> httpx.Response:
        """Scan the QR code on the group's table card and link this tablet."""
        return self.join_table(self.table_codes[int(group_id)])

    def join_table(self, table_code: str) -> httpx.Response:
        return self.post(f"/t/{table_code}")

    def join_as_participant(self, name: str = "", code: str | None = None) -> httpx.Response:
        return self.post(f"/j/{code or self.code}/deelnemer", data={"name": name})

    # the group tablet
    def save(self, key: str, value: str, version: int | str = 0) -> httpx.Response:
        data = {"key": key, "value": value, "version": str(version)}
        return self.post(f"/s/{self.code}/groep/veld", data=data)

    def choose(self, item: str, key: str = FOCUSPUNTEN, on: bool = True) -> httpx.Response:
        data = {"key": key, "item": item, "on": "1" if on else "0"}
        return self.post(f"/s/{self.code}/groep/keuze", data=data)

    def group_page(self) -> str:
        return page_text(self.get(f"/s/{self.code}/groep"))

    # the personal oogst
    def save_answer(self, key: str, value: str, version: int = 0) -> httpx.Response:
        data = {"key": key, "value": value, "version": str(version)}
        return self.post(f"/s/{self.code}/oogst/veld", data=data)

    def share(self, key: str, shared: bool = True) -> httpx.Response:
        data = {"key": key, "shared": "1" if shared else "0"}
        return self.post(f"/s/{self.code}/oogst/delen", data=data)

    def sheet(self) -> str:
        return page_text(self.get(f"/s/{self.code}/oogst"))

    # the plenary board
    def board(self) -> str:
        return page_text(self.get(f"/s/{self.code}/bord"))


def page_text(response: httpx.Response, status: int = 200) -> str:
    """The page as a reader sees its text (entities decoded), after checking its status."""
    assert response.status_code == status, f"{response.status_code}: {response.text[:500]}"
    return html.unescape(response.text)


def version_of(response: httpx.Response) -> int:
    match = re.search(r'data-version="(\d+)"', response.text)
    assert match, response.text
    return int(match.group(1))


def redirect_path(response: httpx.Response) -> str:
    assert response.status_code == 303, f"{response.status_code}: {response.text[:500]}"
    return response.headers["location"]


def field_value(page: str, key: str) -> str | None:
    """The text a field shows on a (decoded) page: an input's value or a textarea's content."""
    input_value = re.search(rf'name="{re.escape(key)}" value="([^"]*)"', page)
    if input_value:
        return input_value.group(1)
    textarea = re.search(
        rf'<textarea[^>]*name="{re.escape(key)}"[^>]*>(.*?)</textarea>', page, re.S
    )
    return textarea.group(1) if textarea else None


@dataclass
class Room:
    """A running session on the test server, and the devices that took part in it."""

    server: ServerThread
    session: WorkshopSession
    groups: list[Group]
    devices: list[Device] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.session.code

    @property
    def regie(self) -> str:
        return f"/regie/{self.session.facilitator_key}"

    def device(self, code: str | None = None) -> Device:
        table_codes = {g.id: g.table_code for g in self.groups}
        device = Device(self.server.url, code or self.code, table_codes)
        self.devices.append(device)
        return device

    def tablet(self, group: int = 0) -> Device:
        """A tablet that joined the group at index `group`."""
        device = self.device()
        redirect_path(device.join_group(self.groups[group].id))
        return device

    def phone(self, name: str = "") -> Device:
        """A phone that started a personal oogst sheet."""
        device = self.device()
        redirect_path(device.join_as_participant(name))
        return device

    def board(self) -> str:
        return self.device().board()

    # the facilitator's moderation
    def moderation_refs(self) -> list[str]:
        """Every item the regie page offers to moderate, in its order (newest eye-opener first)."""
        page = page_text(self.device().get(self.regie))
        return list(dict.fromkeys(re.findall(r'name="item" value="([^"]+)"', page)))

    def moderate(self, *items: str, zet: str = "revealed:1", **scope) -> httpx.Response:
        data = {"zet": zet, "item": list(items), **{k: str(v) for k, v in scope.items()}}
        return self.device().post(f"{self.regie}/moderatie", data=data)

    def reveal_all(self) -> None:
        """The facilitator shows everything written so far on the board."""
        for ref in self.moderation_refs():
            redirect_path(self.moderate(ref))

    def close(self) -> None:
        for device in self.devices:
            device.close()


@pytest.fixture
def room(server, db, session) -> Iterator[Room]:
    """The `session` fixture (two tables), served by the `server` fixture."""
    running = Room(server, session, groups_of(db, session.id))
    yield running
    running.close()
