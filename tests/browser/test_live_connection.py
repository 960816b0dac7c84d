"""Every screen goes live however its scripts arrive: on a busy school Wi-Fi the small htmx
SSE extension can arrive after htmx itself, and the screen must still open its live stream."""

import asyncio
import re
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
from playwright.sync_api import Page, expect

from tests.browser.screens import LIVE, choose, join_as_participant, open_tab, table_code

EXTENSION = "**/static/vendor/hx-sse.min.js"


def extension_arrives_late(page: Page, seconds: float = 0.5) -> None:
    """Hold back the SSE extension a moment, as a slow network does (only that one file)."""

    def late(route) -> None:
        time.sleep(seconds)  # simulated network latency, not a wait for the app
        route.continue_()

    page.context.route(EXTENSION, late)


def test_screens_go_live_even_when_the_sse_extension_arrives_late(devices, app_server, prepared):
    board = devices("board", None)
    extension_arrives_late(board)
    board.goto(prepared.board)
    fac = devices("laptop", None)
    extension_arrives_late(fac)
    fac.goto(prepared.regie)
    tablet = devices("tablet", None)
    extension_arrives_late(tablet)
    tablet.goto(f"/t/{table_code(app_server.url, prepared.code, 'Tafel 1')}")
    tablet.get_by_role("button", name=re.compile("Koppel deze tablet")).click()

    for screen in (board, tablet):
        expect(
            screen.locator("#verbinding"),
            f"{screen.url} never opened its live stream (badge stays “Verbinden…”)",
        ).to_have_attribute("data-state", "open", timeout=LIVE)

    open_tab(tablet, "w1")
    choose(tablet, "fp-kwaliteit")
    expect(board.locator(f"#tile-{prepared.group_ids[0]} .chips")).to_contain_text(
        "Kwaliteit", timeout=LIVE
    )
    join_as_participant(devices("phone"), prepared.code)
    expect(fac.locator("#deelnemers"), "the facilitator page is not live").to_have_text(
        "1", timeout=LIVE
    )


# ---- a screen that connects at the moment a tablet saves -------------------------------------
#
# After a server restart every board and tablet reconnects while the tablets resend what they
# typed, so "connect" and "save" meet constantly. Whatever is saved must reach the screen:
# in the state it opens with, or as an update right after. The window is a millisecond or two,
# too narrow to hit by clicking, so this makes the same two HTTP requests the browsers make,
# many times, the save a few milliseconds after the connect, for a board and a second tablet.

ATTEMPTS = 400


async def _shows_it(client: httpx.AsyncClient, url: str, text: str) -> bool:
    async with client.stream("GET", url) as answer:
        seen = ""
        async for chunk in answer.aiter_text():
            seen += chunk
            if text in seen:
                return True
    return False


async def _connect_while_saving(base_url: str, code: str, table: str, regie: str) -> None:
    streams = {"board": f"/s/{code}/bord/events", "second tablet": f"/s/{code}/groep/events"}
    async with (
        httpx.AsyncClient(base_url=base_url, timeout=10) as tablet,
        httpx.AsyncClient(base_url=base_url, timeout=10) as other,
    ):
        await tablet.post(f"/t/{table}")
        await other.post(f"/t/{table}")
        # Revealed once, the inzicht stays on the board with every new text.
        first = {"key": "tk.inzicht_w1.1", "value": "Eerste versie", "version": "0"}
        await tablet.post(f"/s/{code}/groep/veld", data=first)
        await tablet.post(f"{regie}/moderatie", data={"zet": "revealed:1", "werkvorm": "1"})
        for attempt in range(ATTEMPTS):
            screen, url = list(streams.items())[attempt % 2]
            text = f"Inzicht {attempt}: samen opleiden"
            watching = asyncio.create_task(_shows_it(other, url, text))
            await asyncio.sleep((attempt // 2 % 4) / 1000)
            saved = await tablet.post(
                f"/s/{code}/groep/veld",
                data={"key": "tk.inzicht_w1.1", "value": text, "version": "0"},
            )
            assert saved.status_code == 200, saved.text
            try:
                shown = await asyncio.wait_for(watching, LIVE / 1000)
            except TimeoutError:
                shown = False
            assert shown, (
                f"a {screen} that connected while “{text}” was being saved never showed it "
                f"(attempt {attempt + 1}): the change fell between the state the screen opened "
                "with and its subscription to updates"
            )


def test_a_screen_connecting_while_a_tablet_saves_misses_nothing(app_server, prepared):
    table = table_code(app_server.url, prepared.code, "Tafel 1")
    race = _connect_while_saving(app_server.url, prepared.code, table, prepared.regie)
    # An event loop of its own, in its own thread: Playwright's sync API holds this thread's.
    with ThreadPoolExecutor(max_workers=1) as own_thread:
        own_thread.submit(asyncio.run, race).result()
