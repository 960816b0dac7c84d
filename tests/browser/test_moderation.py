"""The projector shows an inzicht only once the facilitator lets it, and drops it when hidden."""

from playwright.sync_api import expect

from tests.browser.screens import LIVE, join_as_group, open_tab, write


def test_a_tablets_inzicht_waits_for_the_facilitator_and_leaves_when_hidden(devices, prepared):
    board = devices("board", prepared.board)
    expect(board.locator("#verbinding")).to_have_attribute("data-state", "open", timeout=LIVE)
    board.evaluate("window.neverReloaded = true")
    fac = devices("laptop", prepared.regie)
    tablet = join_as_group(devices("tablet"), prepared.code, "Tafel 1")
    tile = board.locator(f"#tile-{prepared.group_ids[0]}")

    open_tab(tablet, "w1")
    write(tablet, "tk.inzicht_w1.1", "Samen opleiden begint bij elkaar kennen.")
    open_tab(tablet, "w2")
    write(tablet, "tk.vervolgstap", "Bestuurlijk overleg plannen")

    # The board heard both saves, and shows the vervolgstap but not the inzicht.
    expect(tile).to_contain_text("Bestuurlijk overleg plannen", timeout=LIVE)
    expect(tile).not_to_contain_text("Samen opleiden")

    # The facilitator reads it on the regie page and reveals it.
    item = fac.locator("#moderatie .moderation-item", has_text="Samen opleiden")
    expect(item).to_contain_text("wacht", timeout=LIVE)
    with fac.expect_navigation():
        item.get_by_role("button", name="Toon op bord").click()
    expect(tile.locator(".insight")).to_have_text(
        "“Samen opleiden begint bij elkaar kennen.”", timeout=LIVE
    )

    # Hidden, it is gone from the board again, which was never reloaded.
    item = fac.locator("#moderatie .moderation-item", has_text="Samen opleiden")
    expect(item).to_contain_text("op het bord")
    with fac.expect_navigation():
        item.get_by_role("button", name="Verberg").click()
    expect(tile.locator(".insight")).to_have_count(0, timeout=LIVE)
    expect(fac.locator("#moderatie .moderation-item", has_text="Samen opleiden")).to_contain_text(
        "verborgen"
    )
    assert board.evaluate("window.neverReloaded") is True
