"""Joining without accounts: the room code gives a phone a personal sheet; a table's own code,
from the QR on its table card, links a tablet to that table. Wrong codes and joins are limited,
and a closed session takes nobody in and saves nothing."""

import re
from datetime import date, timedelta

import pytest
from starlette.requests import Request

from app.domain.sessions import close_session, grouped_code
from app.web.qr import qr_inline
from app.web.ratelimit import client_of
from tests.conftest import make_session
from tests.web.flows import page_text, redirect_path

IPAD = "Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1"
CLOSED = (
    "De sessie is afgesloten; er wordt niets meer opgeslagen. Je tekst staat nog op dit apparaat."
)


def test_a_typed_code_leads_to_its_join_page(room):
    visitor = room.device()

    typed = f" {grouped_code(room.code).lower()} "
    assert redirect_path(visitor.get("/j", params={"code": typed})) == f"/j/{room.code}"
    page = page_text(visitor.get(f"/j/{room.code}"))
    assert "Ik doe mee als deelnemer" in page
    assert f"code {grouped_code(room.code)}" in page


def test_the_room_code_offers_only_a_personal_sheet(room):
    page = page_text(room.device().get(f"/j/{room.code}"))

    assert "Tablet aan een tafel? Scan de QR-code op de tafelkaart" in page
    assert "Tafel 1" not in page and "Tafel 2" not in page
    assert "/groep" not in page and "group_id" not in page


def test_the_room_code_alone_does_not_make_a_device_a_tables_editor(room):
    intruder = room.device()

    answer = intruder.post(f"/j/{room.code}/groep", data={"group_id": str(room.groups[0].id)})

    assert answer.status_code in (404, 405)
    assert redirect_path(intruder.get(f"/s/{room.code}/groep")).startswith(f"/j/{room.code}")
    assert intruder.save("tk.opbrengst", "Overgenomen").status_code == 403


def test_the_code_form_asks_for_the_room_code_and_the_table_code(room):
    page = page_text(room.device().get("/j"))

    assert "Vul de code in die op het scherm voorin de zaal staat" in page
    assert "Tafelcode (tablet)" in page


def test_an_unknown_code_is_explained_and_the_typed_code_stays(room):
    response = room.device().get("/j/ZZZZ9999")

    page = page_text(response, status=404)
    assert "De code ZZZZ-9999 kennen we niet" in page
    assert 'name="code" value="ZZZZ9999"' in page


def test_an_expired_code_is_explained(room, db, content):
    old = make_session(db, content, when=date.today() - timedelta(days=15))

    page = page_text(room.device().get(f"/j/{old.code}"), status=404)

    assert f"De code {grouped_code(old.code)} is verlopen" in page
    assert f'value="{old.code}"' in page


def test_a_closed_session_is_explained(room, db):
    close_session(db, room.session)

    page = page_text(room.device().get(f"/j/{room.code}"), status=404)

    assert "afgesloten door de facilitator" in page


def test_joining_an_unknown_code_by_form_is_explained(room):
    response = room.device().post("/j/ABCDEFGH/deelnemer", data={"name": ""})

    assert "De code ABCD-EFGH kennen we niet" in page_text(response, status=404)


# --- a table's tablet, with the code on its table card ---------------------------------------


def test_a_tablet_scans_its_table_card_and_stays_at_that_table_after_a_reload(room):
    tablet = room.device()
    card = f"/t/{room.groups[1].table_code}"

    page = page_text(tablet.get(card))
    assert "Koppel deze tablet aan Tafel 2" in page

    assert redirect_path(tablet.post(card)) == f"/s/{room.code}/groep"
    assert "<strong>Tafel 2</strong>" in tablet.group_page()
    assert "<strong>Tafel 2</strong>" in tablet.group_page()  # a reload: same table


def test_a_typed_table_code_links_the_tablet_too(room):
    tablet = room.device()
    typed = grouped_code(room.groups[0].table_code).lower()

    card = redirect_path(tablet.get("/j", params={"tafelcode": typed}))

    assert card == f"/t/{room.groups[0].table_code}"
    assert redirect_path(tablet.post(card)) == f"/s/{room.code}/groep"
    assert "<strong>Tafel 1</strong>" in tablet.group_page()


def test_an_unknown_table_code_is_explained_and_the_typed_code_stays(room):
    page = page_text(room.device().post("/t/ZZZZ9999ZZ"), status=404)

    assert "De tafelcode ZZZZ-9999-ZZ kennen we niet" in page
    assert 'name="tafelcode" value="ZZZZ9999ZZ"' in page


def test_a_table_code_of_a_closed_session_links_nothing(room, db):
    close_session(db, room.session)
    tablet = room.device()

    page = page_text(tablet.post(f"/t/{room.groups[0].table_code}"), status=404)

    assert "afgesloten door de facilitator" in page
    assert tablet.get(f"/s/{room.code}/groep").status_code == 303


def test_a_tablet_without_a_table_is_sent_to_scan_its_card(room):
    visitor = room.device()

    path = redirect_path(visitor.get(f"/s/{room.code}/groep"))

    assert path == f"/j/{room.code}?reden=geen-groep"
    assert "Scan de QR-code op de tafelkaart" in page_text(visitor.get(path))


def test_the_regie_page_offers_table_cards_to_print(room, server):
    regie = page_text(room.device().get(room.regie))
    assert "Tafelkaarten afdrukken" in regie

    cards = page_text(room.device().get(f"{room.regie}/tafelkaarten"))

    assert cards.count('class="table-card"') == 2
    for group in room.groups:
        card = cards.split(f'id="kaart-{group.id}"')[1].split("</article>")[0]
        assert f"<h1>{group.name}</h1>" in card
        assert grouped_code(group.table_code) in card
        assert qr_inline(f"{server.url}/t/{group.table_code}") in card
        assert "127.0.0.1" in card and "/j</strong>" in card


def test_the_facilitator_sees_each_tables_devices_and_unlinks_one(room):
    ipad, other = room.device(), room.device()
    ipad.headers["User-Agent"] = IPAD
    ipad.join_group(room.groups[0].id)
    other.join_group(room.groups[0].id)
    facilitator = room.device()

    tablets = page_text(facilitator.get(f"{room.regie}/tablets"))
    row = tablets.split(f'id="tablets-{room.groups[0].id}"')[1].split("</tr>")[0]
    assert "iPad" in row and row.count("Ontkoppel</button>") == 2
    assert grouped_code(room.groups[0].table_code) in row
    link_id = re.search(r'name="link_id" value="(\d+)">\s*<span>iPad', row).group(1)

    after = page_text(facilitator.post(f"{room.regie}/ontkoppel", data={"link_id": link_id}))

    assert "iPad" not in after.split(f'id="tablets-{room.groups[0].id}"')[1].split("</tr>")[0]
    refused = ipad.save("tk.opbrengst", "Nog een zin")
    assert refused.status_code == 403 and 'data-state="unlinked"' in refused.text
    assert redirect_path(ipad.get(f"/s/{room.code}/groep")) == f"/j/{room.code}?reden=geen-groep"
    assert ipad.get(f"/s/{room.code}/groep/events").status_code == 403
    assert other.save("tk.opbrengst", "Een agenda").status_code == 200


def test_an_unlinked_tablet_that_keeps_its_screen_open_sees_no_more_of_the_tables_work(room):
    ipad, other, facilitator = room.device(), room.device(), room.device()
    ipad.join_group(room.groups[0].id)
    other.join_group(room.groups[0].id)
    tablets = page_text(facilitator.get(f"{room.regie}/tablets"))
    link_ids = re.findall(r'name="link_id" value="(\d+)"', tablets)

    seen = ""
    with ipad.stream("GET", f"/s/{room.code}/groep/events") as events:
        frames = events.iter_text()
        seen += next(frames)  # the state when the screen opened
        facilitator.post(f"{room.regie}/ontkoppel", data={"link_id": link_ids[0]})
        assert other.save("tk.opbrengst", "Een geheime agenda").status_code == 200
        for chunk in frames:  # ends when the server closes the stream
            seen += chunk
            if "geheime agenda" in seen:
                break

    assert "geheime agenda" not in seen


# --- a personal sheet ------------------------------------------------------------------------


def test_a_participant_joins_with_a_name_and_gets_a_personal_sheet(room):
    phone = room.device()

    assert redirect_path(phone.join_as_participant("Anne")) == f"/s/{room.code}/oogst"
    sheet = phone.sheet()
    assert "Mijn persoonlijke oogst" in sheet
    assert '<span class="muted">Anne</span>' in sheet


def test_a_participant_may_stay_nameless(room):
    phone = room.phone()

    assert '<span class="muted">Deelnemer</span>' in phone.sheet()


def test_a_reload_returns_to_the_same_sheet(room):
    phone = room.phone("Anne")
    phone.save_answer("oogst.w1_regio", "Meenemen naar Noord")

    assert "Meenemen naar Noord" in phone.sheet()
    assert "Meenemen naar Noord" in phone.sheet()


def test_joining_again_from_the_same_phone_keeps_the_same_sheet(room):
    phone = room.phone("Anne")
    phone.save_answer("oogst.w1_regio", "Meenemen naar Noord")

    assert redirect_path(phone.join_as_participant("Anne")) == f"/s/{room.code}/oogst"

    assert "Meenemen naar Noord" in phone.sheet()
    assert '<strong id="deelnemers">1</strong> deelnemer met' in page_text(
        room.device().get(room.regie)
    )


def test_a_phone_without_a_sheet_is_sent_to_start_one(room):
    visitor = room.device()

    path = redirect_path(visitor.get(f"/s/{room.code}/oogst"))

    assert path == f"/j/{room.code}?reden=geen-oogst"
    assert "Op dit apparaat is nog geen persoonlijke oogst gestart" in page_text(visitor.get(path))


# --- limits: guessing codes, inflating the room ------------------------------------------------


@pytest.fixture
def still_minute(room):
    """The limits' clock stands still, so no try comes back while the test runs."""
    context = room.server.context
    for limit in (context.code_tries, context.joins):
        limit.clock = lambda: 1000.0


# With the limits' clock standing still, the next try comes back after exactly one token's time:
# 60 s / 10 code tries = 6 s, 60 s / 30 joins = 2 s (the default limits).
CODE_RETRY, JOIN_RETRY = "6", "2"


def assert_too_many(response, retry_after: str = CODE_RETRY) -> None:
    page = page_text(response, status=429)
    assert "Te veel pogingen" in page
    assert "probeer het over een minuut opnieuw" in page
    assert response.headers["Retry-After"] == retry_after


def test_the_eleventh_wrong_code_in_a_minute_is_refused(room, still_minute):
    guesser = room.device()
    for n in range(10):
        assert guesser.get(f"/j/ZZZZ{n:04d}").status_code == 404

    assert_too_many(guesser.get("/j/ZZZZ9999"))
    assert_too_many(guesser.get(f"/j/{room.code}"))  # while waiting, a right guess is no use
    assert_too_many(guesser.post(f"/t/{room.groups[0].table_code}"))
    assert_too_many(guesser.get(f"/s/{room.code}/bord"))


@pytest.mark.parametrize(
    "wrong",
    [
        "/t/ZZZZZZZZZZ",
        "/s/ZZZZZZZZ/bord",
        "/s/ZZZZZZZZ/qr.svg",
        "/j/ZZZZZZZZ/deelnemer",
        "/s/ZZZZZZZZ/oogst",
        "/s/ZZZZZZZZ/oogst/print",
        "/s/ZZZZZZZZ/oogst/mijn-oogst.txt",
        "/s/ZZZZZZZZ/oogst/wissen",
    ],
)
def test_wrong_table_codes_and_board_addresses_count_as_wrong_tries(room, still_minute, wrong):
    guesser = room.device()
    for _ in range(10):
        posted = wrong.startswith(("/t/", "/j/")) or wrong.endswith("/wissen")
        guesser.request("POST" if posted else "GET", wrong)

    assert_too_many(guesser.get("/j/ZZZZ9999"))


def test_right_codes_do_not_count_as_wrong_tries(room):
    visitor = room.device()
    for _ in range(20):
        assert visitor.get(f"/j/{room.code}").status_code == 200


def test_the_thirty_first_new_sheet_in_a_minute_is_refused_and_not_counted(room, still_minute):
    for _ in range(30):
        room.device().join_as_participant()  # no cookie kept: a new sheet each time

    assert_too_many(room.device().join_as_participant(), JOIN_RETRY)
    regie = page_text(room.device().get(room.regie))
    assert '<strong id="deelnemers">30</strong> deelnemers' in regie


# --- a closed session: read-only everywhere ----------------------------------------------------


def test_after_closing_phones_and_tablets_save_nothing_and_say_so(room):
    tablet, phone = room.tablet(), room.phone()
    phone.save_answer("oogst.eyeopeners", "Eerste gedachte")
    room.device().post(f"{room.regie}/afsluiten")

    answers = {
        "phone save": phone.save_answer("oogst.eyeopeners", "Tweede gedachte", version=1),
        "phone share": phone.share("oogst.eyeopeners"),
        "tablet save": tablet.save("tk.opbrengst", "Een agenda"),
        "tablet choice": tablet.choose("kwaliteit"),
    }

    for what, answer in answers.items():
        assert answer.status_code == 423, what
        assert CLOSED in page_text(answer, 423), what
    sheet = phone.sheet()
    assert "Sessie afgesloten." in sheet and "Eerste gedachte" in sheet
    assert "Tweede gedachte" not in sheet
    assert "Sessie afgesloten." in tablet.group_page()
    assert "Eerste gedachte" not in room.board()  # the share was refused too


def test_a_closed_sessions_board_drops_code_qr_and_live_badge(room):
    room.device().post(f"{room.regie}/afsluiten")

    board = room.board()

    assert "Deze sessie is afgesloten" in board
    assert grouped_code(room.code) not in board
    assert "qr.svg" not in board and 'id="verbinding"' not in board
    assert "Deel je eye-opener" not in board  # sharing is over too
    assert room.device().get(f"/s/{room.code}/qr.svg").status_code == 404


def test_an_expired_sessions_board_is_gone(room, db, content):
    old = make_session(db, content, when=date.today() - timedelta(days=15))

    page = page_text(room.device().get(f"/s/{old.code}/bord"), status=404)

    assert "Deze sessie bestaat niet (meer)" in page
    assert room.device().get(f"/s/{old.code}/bord/events").status_code == 404


@pytest.mark.parametrize(
    ("host", "counted_as"),
    [
        ("192.0.2.7", "192.0.2.7"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),
    ],
)
def test_a_client_is_counted_by_its_address_or_its_ipv6_network(host, counted_as):
    request = Request({"type": "http", "client": (host, 50000), "headers": []})

    assert client_of(request) == counted_as
