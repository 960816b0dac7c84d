"""Live screens: the board, the other tablets of a group and the facilitator hear every change."""

import html
import json

from tests.conftest import make_session

INZICHT = "tk.inzicht_w1.1"


def test_the_board_stream_opens_with_the_current_board(room, listen):
    room.tablet(0).save(INZICHT, "Er stond al iets")
    room.reveal_all()

    board = listen(f"/s/{room.code}/bord/events")

    assert board.status == 200
    first = board.first()
    assert 'class="programme-strip"' in first.data
    assert "Er stond al iets" in first.data


def test_a_saved_inzicht_reaches_the_board_once_the_facilitator_reveals_it(room, listen):
    tablet = room.tablet(0)
    board = listen(f"/s/{room.code}/bord/events")
    board.first()
    tablet.save(INZICHT, "Solidariteit vraagt afspraken over besturen heen.")
    tablet.save("tk.vervolgstap", "Daarna getypt")  # the board re-renders, still without it
    assert "Solidariteit" not in board.wait_for_text("Daarna getypt").data

    room.reveal_all()

    update = board.wait_for_text("Solidariteit vraagt afspraken over besturen heen.")
    assert f'id="tile-{room.groups[0].id}"' in update.data


def test_a_hidden_inzicht_leaves_the_board_stream(room, listen):
    room.tablet(0).save(INZICHT, "Even zichtbaar")
    room.reveal_all()
    board = listen(f"/s/{room.code}/bord/events")
    assert "Even zichtbaar" in board.first().data

    room.moderate(*room.moderation_refs(), zet="hidden:1")

    update = board.wait_for(
        lambda m: "programme-strip" in m.data and "Even zichtbaar" not in m.data
    )
    assert f'id="tile-{room.groups[0].id}"' in update.data


def test_a_shared_eye_opener_reaches_the_board_without_the_name(room, listen):
    phone = room.phone("Anneke Jansen")
    phone.save_answer("oogst.eyeopeners", "Samen opleiden begint bij elkaar kennen.")
    board = listen(f"/s/{room.code}/bord/events")
    assert "Samen opleiden begint" not in board.first().data

    phone.share("oogst.eyeopeners")
    room.reveal_all()

    update = board.wait_for_text("Samen opleiden begint bij elkaar kennen.")
    assert "Anneke Jansen" not in update.data


def test_editing_a_shared_answer_updates_the_board(room, listen):
    phone = room.phone()
    phone.save_answer("oogst.eyeopeners", "Eerste versie")
    phone.share("oogst.eyeopeners")
    room.reveal_all()
    board = listen(f"/s/{room.code}/bord/events")
    assert "Eerste versie" in board.first().data

    phone.save_answer("oogst.eyeopeners", "Tweede versie", version=1)

    assert "Eerste versie" not in board.wait_for_text("Tweede versie").data


def test_a_private_answer_never_reaches_the_board(room, listen):
    board = listen(f"/s/{room.code}/bord/events")
    board.first()
    phone, tablet = room.phone(), room.tablet(0)
    phone.save_answer("oogst.eyeopeners", "Alleen voor mij")
    phone.share("oogst.w1_regio")  # an empty answer: nothing to share, but the board re-renders

    tablet.save(INZICHT, "Daarna opgeslagen")
    room.reveal_all()

    update = board.wait_for_text("Daarna opgeslagen")
    assert "Alleen voor mij" not in update.data


def test_the_board_of_another_session_hears_nothing_of_this_one(room, listen, db, content):
    other = make_session(db, content)
    other_board = listen(f"/s/{other.code}/bord/events")
    other_board.first()
    room.tablet(0).save(INZICHT, "Alleen voor deze sessie")
    room.reveal_all()
    this_board = listen(f"/s/{room.code}/bord/events")
    this_board.first()

    room.tablet(1).save(INZICHT, "Nog een, zodat dit bord zeker een bericht krijgt")
    room.reveal_all()
    this_board.wait_for_text("Nog een, zodat")

    assert all("Alleen voor deze sessie" not in m.data for m in other_board.received_so_far())


def test_another_tablet_of_the_group_receives_the_new_text(room, listen):
    typing, watching = room.tablet(0), room.tablet(0)
    stream = listen(f"/s/{room.code}/groep/events", device=watching)
    stream.wait_for(lambda m: m.event == "sync")

    typing.save(INZICHT, "Nieuwe tekst van de andere tablet")

    message = stream.wait_for_text("Nieuwe tekst", event="field")
    payload = json.loads(message.data)
    assert payload["key"] == INZICHT
    assert payload["value"] == "Nieuwe tekst van de andere tablet"
    assert payload["version"] == 1


def test_a_new_partner_is_drawn_on_the_canvas_of_the_other_tablets(room, listen):
    typing, watching = room.tablet(0), room.tablet(0)
    stream = listen(f"/s/{room.code}/groep/events", device=watching)
    stream.wait_for(lambda m: m.event == "sync")

    typing.save("w2.wie.1", "Lerarenopleiding")

    canvas = stream.wait_for(lambda m: m.event == "message" and 'id="w2-canvas"' in m.data)
    assert "Lerarenopleiding" in canvas.data


def test_a_reconnecting_tablet_first_gets_everything_it_missed(room, listen):
    tablet = room.tablet(0)
    tablet.save(INZICHT, "Terwijl de wifi weg was")
    tablet.choose("kwaliteit")

    stream = listen(f"/s/{room.code}/groep/events", device=tablet)

    regions = stream.first()
    assert 'hx-swap-oob="innerMorph"' in regions.data
    assert 'id="fp-kwaliteit" aria-pressed="true"' in regions.data
    sync = json.loads(stream.wait_for(lambda m: m.event == "sync").data)
    assert sync[INZICHT] == ["Terwijl de wifi weg was", 1]


def test_a_tablet_of_another_group_hears_nothing_of_this_group(room, listen):
    other_group = listen(f"/s/{room.code}/groep/events", device=room.tablet(1))
    other_group.wait_for(lambda m: m.event == "sync")
    same_group = listen(f"/s/{room.code}/groep/events", device=room.tablet(0))
    same_group.wait_for(lambda m: m.event == "sync")

    room.tablet(0).save(INZICHT, "Alleen voor tafel 1")
    same_group.wait_for_text("Alleen voor tafel 1", event="field")

    assert all("Alleen voor tafel 1" not in m.data for m in other_group.received_so_far())


def test_a_new_focuspunt_reaches_the_other_tablets_of_the_group(room, listen):
    choosing, watching = room.tablet(0), room.tablet(0)
    stream = listen(f"/s/{room.code}/groep/events", device=watching)
    stream.wait_for(lambda m: m.event == "sync")

    choosing.choose("relaties")

    stream.wait_for_text('id="fp-relaties" aria-pressed="true"')


def test_the_facilitator_moving_on_reaches_the_tablets(room, listen):
    stream = listen(f"/s/{room.code}/groep/events", device=room.tablet(0))
    stream.wait_for(lambda m: m.event == "sync")

    room.device().post(f"{room.regie}/blok", data={"block_id": "werkvorm-2"})

    update = stream.wait_for_text('id="nu"')
    assert "Werkvorm 2 – Partners in beeld" in html.unescape(update.data)


def test_the_facilitator_sees_a_table_join_and_choose(room, listen):
    overview = listen(f"{room.regie}/events")
    assert "<strong>0</strong> van 2 groepen aangesloten" in overview.first().data

    tablet = room.tablet(1)
    overview.wait_for_text("<strong>1</strong> van 2 groepen aangesloten")
    tablet.choose("financien")

    update = overview.wait_for_text("Financi")
    row = update.data.split(f'<tr id="groep-{room.groups[1].id}">')[1].split("</tr>")[0]
    assert "Financiën" in html.unescape(row)


def test_the_facilitator_sees_new_participants(room, listen):
    overview = listen(f"{room.regie}/events")
    overview.first()

    room.phone("Anne")

    overview.wait_for_text('<strong id="deelnemers">1</strong>')


def test_the_clock_and_the_message_reach_the_tablets_and_the_board_live(room, listen):
    facilitator, tablet = room.device(), room.tablet(0)
    facilitator.post(f"{room.regie}/blok", data={"block_id": "werkvorm-1"})
    stream = listen(f"/s/{room.code}/groep/events", tablet)
    board = listen(f"/s/{room.code}/bord/events")
    stream.first()
    board.first()

    facilitator.post(f"{room.regie}/klok", data={"action": "start"})
    facilitator.post(f"{room.regie}/bericht", data={"bericht": "Nog 5 minuten, rond af"})

    assert "data-ends-at" in stream.wait_for_text("nog 5 min").data
    assert 'id="bericht"' in stream.wait_for_text("Nog 5 minuten, rond af").data
    assert "nog 5 min" in board.wait_for_text("Nog 5 minuten, rond af").data
