"""What people do on the screens of the room, as small helpers for the browser tests."""

import html as markup
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import httpx
from playwright.sync_api import Page, expect

from tests.support import ServerProcess

# How long a screen may take to show what another screen did. Generous, so a slow machine
# does not fail a test; the tests never assert how fast something arrives.
LIVE = 5_000
# After a server restart the browser retries with a growing back-off (saves and live stream).
AFTER_RESTART = 30_000

VIEWPORTS = {
    "board": {"width": 1920, "height": 1080},
    "laptop": {"width": 1440, "height": 900},
    "tablet": {"width": 1280, "height": 800},
    "phone": {"width": 390, "height": 844},
}

NOT_SAVED = "Niet opgeslagen — wordt opnieuw geprobeerd"

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

Devices = Callable[..., Page]


# ---- a session, as the facilitator prepares it -----------------------------------------------


@dataclass(frozen=True)
class PreparedSession:
    key: str
    code: str
    group_ids: list[int]  # in the order of the facilitator's table: Tafel 1, Tafel 2, …

    @property
    def regie(self) -> str:
        return f"/regie/{self.key}"

    @property
    def board(self) -> str:
        return f"/s/{self.code}/bord"

    @property
    def join(self) -> str:
        return f"/j/{self.code}"


# The regie key of every session a test prepared, by room code: the tablet helpers read a
# table's code from the regie page, as the facilitator reads it off the printed table card.
REGIE_KEYS: dict[str, str] = {}


def read_facilitator_page(url: str, html: str) -> PreparedSession:
    key = url.rstrip("/").rsplit("/", 1)[-1]
    code = re.search(r'<strong class="code">([\w-]+)</strong>', html).group(1).replace("-", "")
    group_ids = [int(n) for n in re.findall(r'<tr id="groep-(\d+)"', html)]
    REGIE_KEYS[code] = key
    return PreparedSession(key, code, group_ids)


def table_codes_in(tablets_html: str) -> dict[str, str]:
    """Table name -> table code, from the regie page's list of tablets per table."""
    rows = re.findall(
        r'<tr id="tablets-\d+">\s*<td>(.*?)<br>.*?<strong class="table-code">([\w-]+)</strong>',
        tablets_html,
        re.S,
    )
    return {markup.unescape(name): table.replace("-", "") for name, table in rows}


def table_codes_by_id(server_url: str, code: str) -> dict[int, str]:
    """Group id -> table code, for an HTTP Device that links itself as a second tablet."""
    tablets = httpx.get(f"{server_url}/regie/{REGIE_KEYS[code]}/tablets").text
    rows = re.findall(
        r'<tr id="tablets-(\d+)">.*?<strong class="table-code">([\w-]+)</strong>', tablets, re.S
    )
    return {int(group): table.replace("-", "") for group, table in rows}


def table_code(server_url: str, code: str, group_name: str) -> str:
    """The code on the table card of `group_name` in the session with room code `code`."""
    tablets = httpx.get(f"{server_url}/regie/{REGIE_KEYS[code]}/tablets").text
    return table_codes_in(tablets)[group_name]


def prepare_session(
    server: ServerProcess, groups: list[tuple[str, str]] | None = None, title: str = ""
) -> PreparedSession:
    """Post the new-session form over HTTP, as the browser would: one line in a test."""
    groups = groups or [("Tafel 1", "stad-en-streek"), ("Tafel 2", "binnenmeren")]
    form = [("title", title or "Opdenksessie Samen Opleiden"), ("date", "")]
    with httpx.Client(base_url=server.url, follow_redirects=True) as client:
        date = re.search(r'id="date"[^>]*value="([^"]*)"', client.get("/nieuw").text).group(1)
        form[1] = ("date", date)
        for name, casus in groups:
            form += [("group_name", name), ("group_casus", casus)]
        answer = client.post(
            "/nieuw",
            content=urlencode(form),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    assert answer.status_code == 200 and "/regie/" in str(answer.url), answer.text[:500]
    return read_facilitator_page(str(answer.url), answer.text)


def export_of(server: ServerProcess, session: PreparedSession) -> dict:
    answer = httpx.get(f"{server.url}{session.regie}/export.json")
    assert answer.status_code == 200
    return answer.json()


# ---- what a person does on a screen ----------------------------------------------------------


def dom_id(key: str) -> str:
    return key.replace(".", "-").replace("_", "-")


def field(page: Page, key: str):
    return page.locator(f"#in-{dom_id(key)}")


def status(page: Page, key: str):
    return page.locator(f"#status-{dom_id(key)}")


def join_as_group(page: Page, code: str, group_name: str) -> Page:
    """Scan the QR code on the table card of `group_name` and link this tablet."""
    tablets = page.request.get(f"/regie/{REGIE_KEYS[code]}/tablets").text()
    page.goto(f"/t/{table_codes_in(tablets)[group_name]}")
    page.get_by_role("button", name=re.compile("Koppel deze tablet")).click()
    expect(page).to_have_url(re.compile(rf"/s/{code}/groep"))
    expect(page.locator("#verbinding")).to_have_attribute("data-state", "open", timeout=LIVE)
    return page


def join_as_participant(page: Page, code: str, name: str = "") -> Page:
    page.goto(f"/j/{code}")
    page.locator("#name").fill(name)
    page.get_by_role("button", name="Naar mijn oogst").click()
    expect(page).to_have_url(re.compile(rf"/s/{code}/oogst"))
    return page


def open_tab(page: Page, tab: str) -> None:
    page.locator(f"[role=tab][data-tab={tab}]").click()
    expect(page.locator(f"[data-panel={tab}]")).to_be_visible()


def write(page: Page, key: str, text: str) -> None:
    """Type into an autosaved field as a person does, and wait until the server confirmed it."""
    box = field(page, key)
    box.click()
    box.press("ControlOrMeta+a")
    box.press_sequentially(text)
    expect_saved(page, key)
    expect(box).to_have_value(text)


# Saved means: the status says so and this device holds no draft any more, which app.js only
# drops once the server confirmed exactly the text in the field.
_SAVED_JS = """([key, id]) => {
  const status = document.getElementById(`status-${id}`);
  const text = status ? status.textContent.trim() : "";
  const draft = Object.keys(localStorage).some((k) => k.endsWith(`:${key}`));
  return text.startsWith("Opgeslagen") && !draft;
}"""


def expect_saved(page: Page, key: str, timeout: float = LIVE) -> None:
    expect(status(page, key)).to_contain_text("Opgeslagen", timeout=timeout)
    page.wait_for_function(_SAVED_JS, arg=[key, dom_id(key)], timeout=timeout)


def choose(page: Page, button_id: str) -> None:
    button = page.locator(f"#{button_id}")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")


def reveal_all(fac: Page) -> None:
    """On the regie page, the facilitator shows every waiting inzicht and eye-opener, one by one."""
    waiting = fac.locator("#moderatie button", has_text="Toon op bord")
    while waiting.count():
        with fac.expect_navigation():
            waiting.first.click()
