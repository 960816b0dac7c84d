"""A real Chromium (Playwright) against the app as a user starts it: uvicorn in its own process.

`app_server` is a fresh database and a server that a test may stop and start again; `devices`
opens the screens of the room (board, facilitator laptop, group tablets, phones), each in its
own browser context, so each has its own cookie and its own localStorage, as separate devices.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.browser.screens import VIEWPORTS, Devices, PreparedSession, prepare_session
from tests.support import ServerProcess

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def app_server(database_url: str, tmp_path: Path) -> Iterator[ServerProcess]:
    """The app on a fresh database, in a process of its own: `.stop()` / `.start()` it freely."""
    server = ServerProcess(database_url, tmp_path).start()
    yield server
    server.stop()


@pytest.fixture
def demo_server(database_url: str, tmp_path: Path) -> Iterator[ServerProcess]:
    """As app_server, with the ready-made demo session on the home page."""
    server = ServerProcess(database_url, tmp_path, demo=True).start()
    yield server
    server.stop()


def _devices(browser: Browser, server: ServerProcess) -> Iterator[Devices]:
    contexts: list[BrowserContext] = []

    def open_device(kind: str, path: str | None = "/") -> Page:
        """A new device of `kind` (board, laptop, tablet, phone) showing `path` (None: blank)."""
        is_phone = kind == "phone"
        context = browser.new_context(
            base_url=server.url,
            viewport=VIEWPORTS[kind],
            is_mobile=is_phone,
            has_touch=is_phone,
            device_scale_factor=2 if is_phone else 1,
            locale="nl-NL",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        if path:
            page.goto(path)
        return page

    yield open_device
    for context in contexts:
        context.close()


@pytest.fixture
def devices(browser: Browser, app_server: ServerProcess) -> Iterator[Devices]:
    yield from _devices(browser, app_server)


@pytest.fixture
def demo_devices(browser: Browser, demo_server: ServerProcess) -> Iterator[Devices]:
    yield from _devices(browser, demo_server)


@pytest.fixture
def prepared(app_server: ServerProcess) -> PreparedSession:
    """A session with Tafel 1 (Stad & Streek) and Tafel 2 (Binnenmeren), made over HTTP."""
    return prepare_session(app_server)
