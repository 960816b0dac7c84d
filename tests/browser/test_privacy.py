"""A participant's own data in a real browser: erase it and it leaves the live board; print it."""

from playwright.sync_api import Page, expect

from tests.browser.screens import LIVE, join_as_participant, reveal_all, write

EYE_OPENER = "oogst.eyeopeners"


def live_board(devices, prepared) -> Page:
    board = devices("board", prepared.board)
    expect(board.locator("#verbinding")).to_have_attribute("data-state", "open", timeout=LIVE)
    return board


def test_wis_mijn_oogst_takes_a_shared_answer_off_the_live_board(devices, prepared):
    board = live_board(devices, prepared)
    phone = join_as_participant(devices("phone"), prepared.code, "Anne")
    shared = "Samen opleiden begint bij elkaar kennen."
    write(phone, EYE_OPENER, shared)
    phone.locator("#share-oogst-eyeopeners button").click()
    fac = devices("laptop", prepared.regie)
    expect(fac.locator("#eye-openers")).to_contain_text(shared, timeout=LIVE)
    reveal_all(fac)
    expect(board.locator(".quotes li")).to_have_text([shared], timeout=LIVE)
    expect(board.locator("#participant-count")).to_have_text("1")

    phone.locator(".erase summary").click()
    phone.get_by_role("button", name="Ja, wis mijn oogst definitief").click()

    expect(phone.locator("h1")).to_have_text("Je oogst is gewist")
    expect(board.locator("#board-live")).not_to_contain_text(shared, timeout=LIVE)
    expect(board.locator("#participant-count")).to_have_text("0", timeout=LIVE)
    assert phone.evaluate("Object.keys(localStorage).length") == 0
    phone.get_by_role("link", name="Begin een nieuw, leeg blad").click()
    expect(phone.get_by_role("button", name="Naar mijn oogst")).to_be_visible()


def test_an_erased_sheet_leaves_no_unsaved_text_in_the_browser(devices, prepared):
    phone = join_as_participant(devices("phone"), prepared.code)
    # A draft the server never confirmed, as after typing offline.
    phone.evaluate(
        """([scope, other]) => {
          localStorage.setItem(`opdenksessie:${scope}:oogst.eyeopeners`, '{"value":"x","base":0}');
          localStorage.setItem(other, "van een andere sessie");
        }""",
        [phone.locator("body").get_attribute("data-scope"), "opdenksessie:ANDERS:p9:oogst.x"],
    )

    phone.locator(".erase summary").click()
    phone.get_by_role("button", name="Ja, wis mijn oogst definitief").click()

    expect(phone.locator("h1")).to_have_text("Je oogst is gewist")
    assert phone.evaluate("Object.keys(localStorage)") == ["opdenksessie:ANDERS:p9:oogst.x"]


def test_the_print_button_prints_the_own_sheet(devices, prepared):
    phone = join_as_participant(devices("phone"), prepared.code, "Anne")
    write(phone, EYE_OPENER, "Voor in mijn map")
    phone.add_init_script("window.print = () => { window.printed = true; };")

    phone.get_by_role("link", name="Download / print mijn oogst").click()
    expect(phone.locator(".printable")).to_contain_text("Voor in mijn map")
    phone.get_by_role("button", name="Afdrukken / opslaan als PDF").click()

    assert phone.evaluate("window.printed") is True


def test_a_board_learns_its_session_was_deleted(devices, prepared):
    board = live_board(devices, prepared)
    regie = devices("laptop", prepared.regie)

    regie.locator("#verwijderen summary").click()
    regie.get_by_role("button", name="Ja, verwijder deze sessie definitief").click()

    expect(regie.locator("h1")).to_have_text("De sessie is verwijderd")
    gone = "Deze sessie bestaat niet (meer)"
    expect(board.locator("#board-live")).to_contain_text(gone, timeout=LIVE)
