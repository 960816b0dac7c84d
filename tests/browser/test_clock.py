"""The facilitator runs the clock: the board and the tablets count down the same server time,
also on a tablet whose own clock is an hour off, and show the facilitator's message."""

from playwright.sync_api import Page, expect

from tests.browser.screens import LIVE, field, join_as_group, open_tab

FIRST_STEP = "1. Kennismaken met de casus"
AN_HOUR_FAST = "const real = Date.now; Date.now = () => real() + 3600 * 1000;"


def clock_text(page: Page):
    return page.locator("[data-clock] .clock-text").first


def test_board_and_tablets_count_down_the_same_clock_and_follow_the_regie(devices, prepared):
    board = devices("board", prepared.board)
    tablet = join_as_group(devices("tablet"), prepared.code, "Tafel 1")
    wrong_clock = devices("tablet", None)
    wrong_clock.add_init_script(AN_HOUR_FAST)  # this tablet's own clock is an hour ahead
    join_as_group(wrong_clock, prepared.code, "Tafel 2")
    expect(board.locator("#verbinding")).to_have_attribute("data-state", "open", timeout=LIVE)
    regie = devices("laptop", prepared.regie)
    regie.locator("#blok-werkvorm-1 button").click()
    expect(regie.locator("#blok-werkvorm-1")).to_have_class("current")

    regie.get_by_role("button", name="Start", exact=True).click()

    for screen in (board, tablet, wrong_clock, regie):
        expect(screen.locator("[data-clock] .clock-label").first).to_have_text(
            FIRST_STEP, timeout=LIVE
        )
        expect(clock_text(screen)).to_have_text("nog 5 min", timeout=LIVE)
        expect(screen.locator("[data-clock]").first).to_have_class("clock signal-normal")

    regie.get_by_role("button", name="+5 min").click()
    for screen in (board, tablet, wrong_clock):
        expect(clock_text(screen)).to_have_text("nog 10 min", timeout=LIVE)

    regie.get_by_role("button", name="Pauze").click()
    for screen in (board, tablet, wrong_clock):
        expect(clock_text(screen)).to_contain_text("gepauzeerd", timeout=LIVE)

    regie.locator("#bericht").fill("Nog 5 minuten, rond af")
    regie.get_by_role("button", name="Stuur").click()
    for screen in (board, tablet):
        expect(screen.locator(".room-message")).to_contain_text(
            "Nog 5 minuten, rond af", timeout=LIVE
        )

    tablet.get_by_role("button", name="Bericht sluiten").click()
    expect(tablet.locator(".room-message")).to_be_hidden()
    regie.locator("#bericht").fill("Koffie staat klaar")
    regie.get_by_role("button", name="Stuur").click()
    expect(tablet.locator(".room-message")).to_contain_text("Koffie staat klaar", timeout=LIVE)
    expect(tablet.locator(".room-message")).to_be_visible()


def test_a_closed_werkvorm_turns_read_only_on_the_tablets_until_reopened(devices, prepared):
    tablet = join_as_group(devices("tablet"), prepared.code, "Tafel 1")
    open_tab(tablet, "w1")
    regie = devices("laptop", prepared.regie)
    inzicht = field(tablet, "tk.inzicht_w1.1")
    expect(inzicht).to_be_editable()

    regie.locator("#werkvorm-scenario-denken button").click()

    expect(tablet.locator("#dicht-w1")).to_contain_text("Werkvorm gesloten.", timeout=LIVE)
    expect(inzicht).not_to_be_editable()
    expect(tablet.locator("#fp-kwaliteit")).to_be_disabled()
    expect(field(tablet, "rol.gespreksleider")).to_be_editable()

    regie.get_by_role("button", name="Heropenen").click()
    expect(tablet.locator("#dicht-w1")).not_to_contain_text("Werkvorm gesloten.", timeout=LIVE)
    expect(inzicht).to_be_editable()
