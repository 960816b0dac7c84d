"""The facilitator runs the clock and sends a message; board, tablets and phones show it."""

import re

from tests.web.flows import page_text

FIRST_STEP = "1. Kennismaken met de casus"


def clock_of(page: str) -> str:
    """The clock's text as a reader sees it, e.g. '1. Kennismaken met de casus — nog 5 min'."""
    match = re.search(r'<span class="clock [^"]*"[^>]*>(.*?)<span class="clock-time">', page, re.S)
    assert match, "no clock on the page"
    return " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())


def clock_times(page: str) -> tuple[int, int]:
    """The server's time at rendering and the clock's end, in epoch ms."""
    now = re.search(r'data-server-now="(\d+)"', page)
    ends = re.search(r'data-ends-at="(\d+)"', page)
    assert now and ends, "no running clock on the page"
    return int(now.group(1)), int(ends.group(1))


def in_werkvorm_1(room):
    facilitator = room.device()
    page_text(facilitator.post(f"{room.regie}/blok", data={"block_id": "werkvorm-1"}))
    return facilitator


def test_a_new_block_waits_for_the_facilitator_to_start_the_clock(room):
    facilitator = in_werkvorm_1(room)

    regie = page_text(facilitator.get(room.regie))

    assert clock_of(regie) == f"{FIRST_STEP} — 5 min, nog niet gestart"
    assert ">Start</button>" in regie


def test_the_started_clock_counts_down_on_the_board_the_tablets_and_the_phones(room):
    facilitator = in_werkvorm_1(room)
    tablet, phone = room.tablet(0), room.phone("Anneke")

    started = page_text(facilitator.post(f"{room.regie}/klok", data={"action": "start"}))

    assert clock_of(started) == f"{FIRST_STEP} — nog 5 min"
    for page in (room.board(), tablet.group_page(), phone.sheet()):
        assert clock_of(page) == f"{FIRST_STEP} — nog 5 min"
        server_now, ends_at = clock_times(page)
        assert 0 < ends_at - server_now <= 5 * 60 * 1000
    assert "Werkvorm 1 – Scenario-denken met casus" in phone.sheet()  # the current block


def test_pause_resume_and_five_more_minutes(room):
    facilitator = in_werkvorm_1(room)
    clock = f"{room.regie}/klok"
    facilitator.post(clock, data={"action": "start"})

    paused = page_text(facilitator.post(clock, data={"action": "pauze"}))
    assert "gepauzeerd, nog 5 min" in clock_of(room.board())
    assert ">Hervat</button>" in paused and "data-ends-at" not in paused

    facilitator.post(clock, data={"action": "hervat"})
    facilitator.post(clock, data={"action": "verleng"})
    assert clock_of(room.tablet(0).group_page()) == f"{FIRST_STEP} — nog 10 min"


def test_next_step_and_skipping_the_block(room):
    facilitator = in_werkvorm_1(room)
    clock = f"{room.regie}/klok"

    page_text(facilitator.post(clock, data={"action": "volgende-stap"}))
    assert clock_of(room.board()) == "2. Kiezen van focuspunten — nog 10 min"

    skipped = page_text(facilitator.post(clock, data={"action": "volgende-blok"}))
    assert clock_of(skipped) == "Plenair: uitleg werkvorm 2 — nog 15 min"
    assert 'id="blok-uitleg-werkvorm-2"' in skipped.split('class="current"')[1][:80]


def test_moving_to_another_block_resets_the_clock(room):
    facilitator = in_werkvorm_1(room)
    facilitator.post(f"{room.regie}/klok", data={"action": "start"})

    moved = page_text(facilitator.post(f"{room.regie}/blok", data={"block_id": "werkvorm-2"}))

    assert clock_of(moved) == "1. Start vanuit de casus — 5 min, nog niet gestart"


def test_an_unknown_clock_action_changes_nothing(room):
    facilitator = in_werkvorm_1(room)

    page = page_text(facilitator.post(f"{room.regie}/klok", data={"action": "ontplof"}))

    assert "nog niet gestart" in clock_of(page)


def test_the_clock_needs_the_regie_link(room):
    response = room.device().post("/regie/geen-sleutel/klok", data={"action": "start"})

    assert response.status_code == 404
    assert "Deze regielink werkt niet" in response.text


def test_a_message_reaches_the_tablets_and_the_board_escaped(room):
    tablet = room.tablet(0)

    sent = room.device().post(f"{room.regie}/bericht", data={"bericht": "Nog 5 min <b>rond af</b>"})

    assert sent.status_code == 200
    board = room.device().get(f"/s/{room.code}/bord")
    for raw in (tablet.get(f"/s/{room.code}/groep").text, board.text):
        assert "Nog 5 min &lt;b&gt;rond af&lt;/b&gt;" in raw


def test_a_new_message_replaces_the_old_one_and_an_empty_one_clears_it(room):
    facilitator, tablet = room.device(), room.tablet(0)
    facilitator.post(f"{room.regie}/bericht", data={"bericht": "Koffie staat klaar"})
    facilitator.post(f"{room.regie}/bericht", data={"bericht": "Nog 5 minuten, rond af"})

    page = tablet.group_page()
    assert "Nog 5 minuten, rond af" in page and "Koffie staat klaar" not in page

    facilitator.post(f"{room.regie}/bericht", data={"bericht": ""})
    assert "room-message" not in tablet.group_page()


def test_a_too_long_message_is_refused_and_the_typed_text_stays(room):
    facilitator = room.device()
    long = "Rond af " * 20

    refused = facilitator.post(f"{room.regie}/bericht", data={"bericht": long})

    assert refused.status_code == 422
    page = page_text(refused, 422)
    assert "maximaal 140 tekens" in page
    assert long.strip() in page


def test_a_phone_asks_where_the_room_is_and_gets_the_block_and_its_clock(room):
    phone = room.phone("Anneke")
    facilitator = in_werkvorm_1(room)
    facilitator.post(f"{room.regie}/klok", data={"action": "start"})

    now = page_text(phone.get(f"/s/{room.code}/oogst/nu"))

    assert "Werkvorm 1 – Scenario-denken met casus" in now
    assert clock_of(now) == f"{FIRST_STEP} — nog 5 min"
    assert "<html" not in now


def test_a_device_without_a_sheet_gets_nothing_to_show(room):
    assert room.device().get(f"/s/{room.code}/oogst/nu").status_code == 204


# --- closing a werkvorm ---------------------------------------------------------------------


def close_werkvorm(room, werkvorm: str, closed: bool = True) -> str:
    data = {"werkvorm": werkvorm, "closed": "1" if closed else "0"}
    return page_text(room.device().post(f"{room.regie}/werkvorm", data=data))


def test_a_closed_werkvorm_saves_nothing_more_on_its_tab(room):
    tablet, phone = room.tablet(0), room.phone()
    tablet.save("w1.kwaliteit.zin", "In deze regio")

    regie = close_werkvorm(room, "scenario-denken")

    assert "Heropenen" in regie.split('id="werkvorm-scenario-denken"')[1][:600]
    for refused in (
        tablet.save("w1.kwaliteit.zin", "In deze regio delen we", version=1),
        tablet.save("tk.inzicht_w1.1", "Een inzicht"),
        tablet.choose("kwaliteit"),
    ):
        assert refused.status_code == 423
        assert "De facilitator heeft deze werkvorm gesloten" in page_text(refused, 423)
    page = tablet.group_page()
    assert "Werkvorm gesloten." in page.split('id="dicht-w1"')[1][:300]
    assert "Werkvorm gesloten." not in page.split('id="dicht-w2"')[1][:300]
    # The other werkvorm, the rollen and the personal oogst go on.
    assert tablet.save("w2.wie.1", "Schoolbesturen").status_code == 200
    assert tablet.save("rol.gespreksleider", "Anne").status_code == 200
    assert phone.save_answer("oogst.eyeopeners", "Samen kijken").status_code == 200


def test_a_reopened_werkvorm_saves_again(room):
    tablet = room.tablet(0)
    close_werkvorm(room, "scenario-denken")

    close_werkvorm(room, "scenario-denken", closed=False)

    assert tablet.save("w1.kwaliteit.zin", "In deze regio").status_code == 200
    assert "Werkvorm gesloten." not in tablet.group_page()
