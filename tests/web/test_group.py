"""The group tablet: autosave without silent overwrites, choices within limits, own fields only."""

import base64
import json
import re
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest

from tests.conftest import make_session
from tests.web.flows import Device, field_value, page_text, version_of

INZICHT = "tk.inzicht_w1.1"


@pytest.fixture
def tablet(room) -> Device:
    return room.tablet(0)


# --- autosave -------------------------------------------------------------------------------


def test_autosave_answers_with_the_new_version(tablet):
    first = tablet.save(INZICHT, "Begin klein.")
    second = tablet.save(INZICHT, "Begin klein, met één overleg.", version=1)

    assert first.status_code == 200 and version_of(first) == 1
    assert 'data-state="saved"' in first.text and "Opgeslagen" in first.text
    assert version_of(second) == 2


def test_saved_text_is_there_after_a_reload(tablet):
    tablet.save(INZICHT, "Begin klein.")
    tablet.save("rol.presentator", "Fatima")

    page = tablet.group_page()

    assert field_value(page, INZICHT) == "Begin klein."
    assert field_value(page, "rol.presentator") == "Fatima"


def test_a_second_tablet_with_an_old_version_sees_the_other_text_instead_of_overwriting(room):
    first, second = room.tablet(0), room.tablet(0)
    first.save(INZICHT, "Tekst van de eerste tablet")

    response = second.save(INZICHT, "Tekst van de tweede tablet", version=0)

    assert response.status_code == 409
    conflict = page_text(response, status=409)
    assert "Op een ander apparaat is dit veld intussen ook aangepast." in conflict
    assert '<blockquote class="theirs">Tekst van de eerste tablet</blockquote>' in conflict
    assert version_of(response) == 1
    assert field_value(second.group_page(), INZICHT) == "Tekst van de eerste tablet"


def test_the_same_tablet_saving_again_before_it_heard_back_is_not_a_conflict(tablet):
    tablet.save(INZICHT, "Begin")

    assert tablet.save(INZICHT, "Begin klein", version=0).status_code == 200


def test_too_long_text_is_refused_with_the_maximum_and_not_stored(tablet):
    response = tablet.save("w1.kwaliteit.metafoor", "m" * 121)

    assert response.status_code == 422
    assert "Dit is te lang: maximaal 120 tekens, nu 121." in response.text
    assert "m" * 121 not in tablet.group_page()


def test_an_unknown_field_is_refused(tablet):
    response = tablet.save("w7.bestaat.niet", "tekst")

    assert response.status_code == 422
    assert "Dit veld bestaat niet." in response.text


def test_a_device_without_the_group_cookie_cannot_save(room, tablet):
    stranger = room.device()

    response = stranger.save(INZICHT, "Ingebroken tekst")

    assert response.status_code == 403
    assert "niet (meer) gekoppeld" in response.text
    assert "Ingebroken tekst" not in tablet.group_page()
    assert "Ingebroken tekst" not in room.board()


# --- each group its own fields ----------------------------------------------------------------


def test_a_tablet_only_ever_writes_its_own_groups_fields(room):
    table_1, table_2 = room.tablet(0), room.tablet(1)
    other = room.groups[1].id
    table_1.post(
        f"/s/{room.code}/groep/veld",
        data={"key": INZICHT, "value": "Van tafel 1", "version": "0", "group_id": other},
    )

    page_2 = table_2.group_page()

    assert "Van tafel 1" not in page_2
    assert field_value(page_2, INZICHT) == ""
    assert field_value(table_1.group_page(), INZICHT) == "Van tafel 1"
    assert version_of(table_2.save(INZICHT, "Van tafel 2")) == 1


def resigned_cookie(device: Device, change) -> None:
    """Rewrite the session cookie's content in place, keeping its (old) signature."""
    payload, signature = device.cookies["opdenksessie"].split(".", 1)
    data = json.loads(base64.b64decode(payload))
    change(data)
    encoded = base64.b64encode(json.dumps(data).encode()).decode()
    device.cookies.clear()
    device.cookies.set("opdenksessie", f"{encoded}.{signature}")


def test_a_tablet_cannot_move_to_another_group_by_editing_its_cookie(room, tablet):
    resigned_cookie(tablet, lambda data: None)
    assert tablet.save(INZICHT, "Met de echte cookie").status_code == 200

    resigned_cookie(tablet, lambda data: data["s"][room.code].update(g=room.groups[1].id))
    response = tablet.save(INZICHT, "Via een vervalste cookie")

    assert response.status_code == 403
    assert "Via een vervalste cookie" not in room.tablet(1).group_page()


def test_a_tablet_of_one_session_has_no_seat_in_another(room, db, content):
    other = make_session(db, content)
    tablet = room.tablet(0)

    response = tablet.post(
        f"/s/{other.code}/groep/veld", data={"key": INZICHT, "value": "x", "version": "0"}
    )

    assert response.status_code == 403
    assert tablet.get(f"/s/{other.code}/groep").status_code == 303


# --- choices --------------------------------------------------------------------------------


def test_picking_focuspunten_shows_them_chosen_with_their_mini_scenarios(tablet):
    tablet.choose("kwaliteit")
    fragment = page_text(tablet.choose("financien"))

    assert "<html" not in fragment
    assert 'id="fp-kwaliteit" aria-pressed="true"' in fragment
    assert 'id="fp-financien" aria-pressed="true"' in fragment
    assert 'id="fp-relaties" aria-pressed="false"' in fragment
    assert "2 van 3 gekozen" in fragment
    assert 'id="scenario-kwaliteit"' in fragment and 'id="scenario-financien"' in fragment


def test_one_focuspunt_is_not_enough_and_the_tablet_says_so(tablet):
    fragment = page_text(tablet.choose("kwaliteit"))

    assert "Kies er nog 1 focuspunt bij (samen 2 à 3)." in fragment


def test_group_cannot_choose_a_fourth_focuspunt(tablet):
    for item in ("kwaliteit", "financien", "relaties"):
        tablet.choose(item)

    fragment = page_text(tablet.choose("doelstellingen"))

    assert "Jullie hebben al 3 focuspunten gekozen" in fragment
    assert "(Kwaliteit, Financiën, Informele en formele relaties)" in fragment
    assert 'id="fp-doelstellingen" aria-pressed="false"' in fragment
    assert "3 van 3 gekozen" in fragment
    assert 'id="scenario-doelstellingen"' not in tablet.group_page()


def test_unchoosing_a_focuspunt_removes_its_mini_scenario(tablet):
    tablet.choose("kwaliteit")
    tablet.choose("financien")

    fragment = page_text(tablet.choose("kwaliteit", on=False))

    assert 'id="fp-kwaliteit" aria-pressed="false"' in fragment
    assert 'id="scenario-kwaliteit"' not in fragment


def test_unchoosing_a_focuspunt_with_text_says_the_text_is_kept(tablet):
    tablet.choose("kwaliteit")
    tablet.choose("financien")
    tablet.save("w1.kwaliteit.zin", "Stel: het bestuur stapt eruit.")

    fragment = page_text(tablet.choose("kwaliteit", on=False))

    assert "Je tekst bij Kwaliteit blijft bewaard; kies het opnieuw om verder te schrijven." in (
        message_of(fragment)
    )
    tablet.choose("kwaliteit")
    assert field_value(tablet.group_page(), "w1.kwaliteit.zin") == "Stel: het bestuur stapt eruit."


def message_of(fragment: str) -> str:
    """The text the tablet shows in its message holder after a choice (sent out of band)."""
    match = re.search(r'<div id="w1-melding" hx-swap-oob="innerHTML">(.*?)</div>', fragment, re.S)
    assert match, fragment[-500:]
    return match.group(1)


def test_two_tablets_choosing_at_once_the_one_that_lost_is_always_told(room):
    first, second = room.tablet(0), room.tablet(0)
    first.choose("kwaliteit")
    first.choose("financien")
    picks = ["relaties", "doelstellingen"]

    start = Barrier(2)

    def tap(tablet, item):
        start.wait()
        return page_text(tablet.choose(item))

    for _ in range(15):
        with ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(tap, [first, second], picks))

        chosen = re.findall(r'id="fp-([\w-]+)" aria-pressed="true"', first.group_page())
        assert len(chosen) == 3 and {"kwaliteit", "financien"} <= set(chosen), chosen
        for item, answer in zip(picks, answers, strict=True):
            if item not in chosen:
                assert "Jullie hebben al 3 focuspunten gekozen" in message_of(answer)
        # Back to two for the next round.
        for item in picks:
            if item in chosen:
                first.choose(item, on=False)


def test_marking_challenging_partners_opens_their_wat_and_hoe(tablet):
    tablet.save("w2.wie.1", "Pabo")
    tablet.save("w2.wie.2", "Gemeente")

    fragment = page_text(tablet.choose("2", key="w2.uitdagend"))

    assert 'id="star-2" aria-pressed="true"' in fragment
    assert 'id="uitdagend-2"' in fragment and 'id="uitdagend-1"' not in fragment
    assert 'name="w2.2.wat"' in fragment and 'name="w2.2.hoe"' in fragment


def test_choices_are_shared_by_the_tablets_of_one_group_only(room):
    first, second, other_table = room.tablet(0), room.tablet(0), room.tablet(1)
    first.choose("kwaliteit")

    assert 'id="fp-kwaliteit" aria-pressed="true"' in second.group_page()
    assert 'id="fp-kwaliteit" aria-pressed="false"' in other_table.group_page()


def test_a_device_without_the_group_cookie_cannot_choose(room, tablet):
    assert room.device().choose("kwaliteit").status_code == 403
    assert 'id="fp-kwaliteit" aria-pressed="false"' in tablet.group_page()


# --- what the room sees ---------------------------------------------------------------------


def test_a_groups_inzicht_and_focuspunten_appear_on_the_board_once_revealed(room, tablet):
    tablet.save(INZICHT, "Solidariteit vraagt afspraken.")
    tablet.choose("kwaliteit")
    assert "Solidariteit vraagt afspraken." not in room.board()
    room.reveal_all()

    board = room.board()

    tile = board.split(f'id="tile-{room.groups[0].id}"')[1].split("</article>")[0]
    assert "“Solidariteit vraagt afspraken.”" in tile
    assert "<li>Kwaliteit</li>" in tile


def test_a_partner_named_by_both_tables_shows_twice_on_the_board(room):
    room.tablet(0).save("w2.wie.1", "Gemeente")
    room.tablet(1).save("w2.wie.4", "gemeente ")

    board = room.board()

    assert 'title="Tafel 1, Tafel 2">Gemeente <span>×2</span></li>' in board


def test_typed_html_is_shown_as_text_never_run(room, tablet):
    tablet.save(INZICHT, '<script>alert("x")</script>')

    assert "<script>alert" not in room.device().get(f"/s/{room.code}/bord").text
    assert "<script>alert" not in tablet.get(f"/s/{room.code}/groep").text
    assert "&lt;script&gt;" in tablet.get(f"/s/{room.code}/groep").text
