"""Joining without accounts: a code, then a table's tablet or a personal sheet on a phone."""

from datetime import date, timedelta

import pytest

from app.domain.sessions import close_session, groups_of
from tests.conftest import make_session
from tests.web.flows import page_text, redirect_path


def test_a_typed_code_leads_to_its_join_page(room):
    visitor = room.device()

    assert redirect_path(visitor.get("/j", params={"code": f" {room.code.lower()} "})) == (
        f"/j/{room.code}"
    )
    page = page_text(visitor.get(f"/j/{room.code}"))
    assert "Ik doe mee als deelnemer" in page
    assert "Tafel 1" in page and "Tafel 2" in page


def test_the_code_form_asks_for_the_code(room):
    page = page_text(room.device().get("/j"))

    assert "Vul de code in die op het scherm voorin de zaal staat" in page


def test_an_unknown_code_is_explained_and_the_typed_code_stays(room):
    response = room.device().get("/j/ZZZ999")

    page = page_text(response, status=404)
    assert "De code ZZZ999 kennen we niet" in page
    assert 'name="code" value="ZZZ999"' in page


def test_an_expired_code_is_explained(room, db, content):
    old = make_session(db, content, when=date.today() - timedelta(days=15))

    page = page_text(room.device().get(f"/j/{old.code}"), status=404)

    assert f"De code {old.code} is verlopen" in page
    assert f'value="{old.code}"' in page


def test_a_closed_session_is_explained(room, db):
    close_session(db, room.session)

    page = page_text(room.device().get(f"/j/{room.code}"), status=404)

    assert "afgesloten door de facilitator" in page


# --- a table's tablet ------------------------------------------------------------------------


def test_a_tablet_joins_its_group_and_stays_in_it_after_a_reload(room):
    tablet = room.device()

    assert redirect_path(tablet.join_group(room.groups[1].id)) == f"/s/{room.code}/groep"
    assert "opdenksessie" in tablet.cookies

    page = tablet.group_page()
    assert "<strong>Tafel 2</strong>" in page
    assert "<strong>Tafel 2</strong>" in tablet.group_page()  # a reload: same group


def test_a_tablet_can_join_with_the_code_in_small_letters(room):
    tablet = room.device()

    path = redirect_path(tablet.join_group(room.groups[0].id, code=room.code.lower()))

    assert path == f"/s/{room.code}/groep"
    assert "<strong>Tafel 1</strong>" in tablet.group_page()


def test_a_group_of_another_session_is_refused(room, db, content):
    other = make_session(db, content)
    tablet = room.device()

    page = page_text(tablet.join_group(groups_of(db, other.id)[0].id), status=404)

    assert "Deze groep hoort niet bij deze sessie." in page
    assert tablet.get(f"/s/{room.code}/groep").status_code == 303
    assert tablet.get(f"/s/{other.code}/groep").status_code == 303


def test_a_tablet_without_a_group_is_sent_to_choose_one(room):
    visitor = room.device()

    path = redirect_path(visitor.get(f"/s/{room.code}/groep"))

    assert path == f"/j/{room.code}?reden=geen-groep"
    assert "Deze tablet is nog niet aan een groep gekoppeld" in page_text(visitor.get(path))


def test_the_join_page_marks_groups_that_already_have_a_tablet(room):
    room.tablet(0)

    page = page_text(room.device().get(f"/j/{room.code}"))

    first, second = page.split('<form method="post" action')[2:4]
    assert "al een tablet" in first and "al een tablet" not in second


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


@pytest.mark.parametrize("kind", ["groep", "deelnemer"])
def test_joining_an_unknown_code_by_form_is_explained(room, kind):
    response = room.device().post(f"/j/ABCDEF/{kind}", data={"group_id": "1", "name": ""})

    assert "De code ABCDEF kennen we niet" in page_text(response, status=404)
