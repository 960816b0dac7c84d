"""Tablets join with their table card; closing the session turns every open screen read-only."""

from playwright.sync_api import expect

from tests.browser.screens import LIVE, REGIE_KEYS, field, join_as_group, open_tab


def test_closing_turns_an_open_tablet_and_the_board_read_only_without_a_reload(devices, prepared):
    board = devices("board", prepared.board)
    expect(board.locator("#verbinding")).to_have_attribute("data-state", "open", timeout=LIVE)
    tablet = join_as_group(devices("tablet"), prepared.code, "Tafel 1")
    open_tab(tablet, "w1")
    tablet.evaluate("window.neverReloaded = true")
    board.evaluate("window.neverReloaded = true")

    fac = devices("laptop", prepared.regie)
    fac.on("dialog", lambda dialog: dialog.accept())
    fac.get_by_role("button", name="Sessie afsluiten").click()

    expect(tablet.locator("#gesloten")).to_contain_text("Sessie afgesloten.", timeout=LIVE)
    expect(field(tablet, "tk.inzicht_w1.1")).not_to_be_editable()
    expect(tablet.locator("#fp-kwaliteit")).to_be_disabled()
    expect(board.locator("#board-head")).to_contain_text("Deze sessie is afgesloten", timeout=LIVE)
    expect(board.locator(".join-code")).to_have_count(0)
    expect(board.locator("img.qr")).to_have_count(0)
    expect(board.locator("#verbinding")).to_have_count(0)
    assert tablet.evaluate("window.neverReloaded") is True
    assert board.evaluate("window.neverReloaded") is True


def test_table_cards_print_one_table_per_a4_page(devices, prepared):
    cards = devices("laptop", f"/regie/{REGIE_KEYS[prepared.code]}/tafelkaarten")
    cards.emulate_media(media="print")

    expect(cards.locator(".table-card")).to_have_count(2)
    expect(cards.locator(".table-card svg")).to_have_count(2)
    first = cards.locator(".table-card").first
    assert first.evaluate("el => getComputedStyle(el).breakAfter") == "page"
    assert first.locator("svg").bounding_box()["width"] > 300  # 110 mm: a QR a tablet reads
    expect(cards.locator(".print-hint")).to_be_hidden()
