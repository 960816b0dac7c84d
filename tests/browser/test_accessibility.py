"""WCAG 2.2 AA: axe-core finds no serious or critical problem on any page of the app.

axe is read from node_modules (a pinned devDependency) and put into the page with
page.evaluate, which a page's Content-Security-Policy does not block.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.screens import (
    LIVE,
    join_as_group,
    join_as_participant,
    open_tab,
    table_codes_by_id,
    write,
)
from tests.web.flows import Device

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def serious_violations(page: Page, axe_source: str) -> list[str]:
    """What axe finds on the page as it is now, serious or critical only, one line each."""
    if not page.evaluate("() => 'axe' in window"):
        page.evaluate(axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_the_pages_before_a_session_have_no_serious_accessibility_problems(devices, axe_source):
    laptop = devices("laptop", "/")
    assert serious_violations(laptop, axe_source) == []
    laptop.goto("/nieuw")
    assert serious_violations(laptop, axe_source) == []
    phone = devices("phone", "/j")
    assert serious_violations(phone, axe_source) == []


def test_the_facilitator_and_the_board_have_no_serious_accessibility_problems(
    devices, prepared, axe_source
):
    laptop = devices("laptop", prepared.regie)
    assert serious_violations(laptop, axe_source) == []
    board = devices("board", prepared.board)
    expect(board.locator("#verbinding")).to_have_attribute("data-state", "open", timeout=LIVE)
    assert serious_violations(board, axe_source) == []


def test_joining_and_the_personal_sheet_have_no_serious_accessibility_problems(
    devices, prepared, axe_source
):
    phone = devices("phone", prepared.join)
    assert serious_violations(phone, axe_source) == []
    join_as_participant(phone, prepared.code, "Annelies")
    write(phone, "oogst.eyeopeners", "Samen opleiden begint bij elkaar kennen.")
    assert serious_violations(phone, axe_source) == []


def test_every_tab_of_the_group_tablet_has_no_serious_accessibility_problems(
    devices, prepared, app_server, axe_source
):
    codes = table_codes_by_id(app_server.url, prepared.code)
    with Device(app_server.url, prepared.code, codes) as other:
        other.join_group(prepared.group_ids[0])
        other.save("w2.wie.1", "Pabo Windesheim")
        other.choose("1", key="w2.uitdagend")
        other.choose("kwaliteit")
    tablet = join_as_group(devices("tablet"), prepared.code, "Tafel 1")
    for tab in ("casus", "w1", "w2"):
        open_tab(tablet, tab)
        assert serious_violations(tablet, axe_source) == [], tab
    # A refusal on screen is checked too.
    open_tab(tablet, "w1")
    tablet.locator("#fp-kwaliteit").click()
    expect(tablet.locator("#w1-melding")).not_to_be_empty()
    assert serious_violations(tablet, axe_source) == []
