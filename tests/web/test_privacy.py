"""A participant's own data over HTTP: taking it home, erasing it, and what the pages promise."""

from datetime import date, timedelta

from sqlmodel import select

from app.domain.dutch import dutch_date
from app.domain.privacy import erase_participant
from app.domain.sessions import add_participant, groups_of, mark_group_joined, participant_count
from app.storage.tables import Participant
from tests.conftest import make_session
from tests.domain.conftest import Writer
from tests.support import ServerThread
from tests.web.flows import Device, page_text, redirect_path

EYE_OPENER = "oogst.eyeopeners"


def printed(device: Device) -> str:
    return page_text(device.get(f"/s/{device.code}/oogst/print"))


def erase(device: Device):
    return device.post(f"/s/{device.code}/oogst/wissen")


def test_a_participant_prints_their_own_sheet_with_questions_and_answers(room, worksheet):
    anne = room.phone("Anne")
    anne.save_answer("oogst.w1_praktijk", "Partners eerder betrekken.")

    page = printed(anne)

    for spec in worksheet.participant_fields.values():
        assert spec.label in page
    assert "Partners eerder betrekken." in page
    assert "data-print" in page and "Afdrukken / opslaan als PDF" in page
    assert "onclick" not in page and "<script>" not in page


def test_a_participant_downloads_their_sheet_as_a_text_file(room):
    anne = room.phone("Anne")
    anne.save_answer(EYE_OPENER, "Samen opleiden begint bij elkaar kennen.")

    response = anne.get(f"/s/{room.code}/oogst/mijn-oogst.txt")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.headers["content-disposition"].startswith("attachment;")
    assert "Samen opleiden begint bij elkaar kennen." in response.text


def test_personal_pages_are_never_cached(room):
    anne = room.phone("Anne")

    for path in ("oogst", "oogst/print", "oogst/mijn-oogst.txt"):
        assert anne.get(f"/s/{room.code}/{path}").headers["cache-control"] == "no-store"
    assert erase(anne).headers["cache-control"] == "no-store"


def test_only_the_device_holding_the_sheet_can_take_it_home(room):
    anne = room.phone("Anne")
    anne.save_answer(EYE_OPENER, "Wat alleen Anne mag meenemen")
    bram, stranger, tablet = room.phone("Bram"), room.device(), room.tablet(0)

    assert "Wat alleen Anne mag meenemen" not in printed(bram)
    bram_download = bram.get(f"/s/{room.code}/oogst/mijn-oogst.txt").text
    assert "Wat alleen Anne mag meenemen" not in bram_download
    for device in (stranger, tablet):
        for path in ("oogst/print", "oogst/mijn-oogst.txt"):
            answer = device.get(f"/s/{room.code}/{path}")
            assert redirect_path(answer) == f"/j/{room.code}?reden=geen-oogst"
        assert redirect_path(erase(device)) == f"/j/{room.code}?reden=geen-oogst"
    assert "Wat alleen Anne mag meenemen" in printed(anne)


def test_wis_mijn_oogst_erases_answers_shared_ones_too_the_name_and_the_seat(room, db):
    anne = room.phone("Anneke Jansen")
    anne.save_answer(EYE_OPENER, "Gedeeld en straks weg.")
    anne.share(EYE_OPENER)
    anne.save_answer("oogst.w1_regio", "Alleen voor mij.")
    room.reveal_all()
    assert "Gedeeld en straks weg." in room.board()

    page = page_text(erase(anne))

    assert "Je oogst is gewist" in page
    assert "je 2 antwoorden, ook het gedeelde" in page
    assert "je naam" in page
    from_server = page.split("Van de server zijn verwijderd:")[1].split("</ul>")[0]
    assert "browser" not in from_server and "dit apparaat" not in from_server
    assert "Van dit apparaat zijn verwijderd: de koppeling aan dit blad" in page
    assert f'href="/j/{room.code}">Begin een nieuw, leeg blad' in page
    assert "Gedeeld en straks weg." not in room.board()
    assert participant_count(db, room.session.id) == 0
    assert redirect_path(anne.get(f"/s/{room.code}/oogst")) == f"/j/{room.code}?reden=geen-oogst"
    assert anne.save_answer(EYE_OPENER, "Na het wissen").status_code == 403
    assert anne.share(EYE_OPENER).status_code == 403


def test_after_erasing_the_same_phone_can_start_a_new_empty_sheet(room):
    anne = room.phone("Anne")
    anne.save_answer(EYE_OPENER, "Eerste blad")
    erase(anne)

    redirect_path(anne.join_as_participant(""))

    sheet = anne.sheet()
    assert "Eerste blad" not in sheet
    assert "Anne" not in sheet


def test_a_sheet_erased_elsewhere_stops_the_phone_saving_and_sends_it_to_join(room, db):
    anne = room.phone("Anne")
    anne.save_answer(EYE_OPENER, "Voor het wissen")
    participant = db.exec(select(Participant).where(Participant.name == "Anne")).one()
    erase_participant(db, participant.id)  # as the retention does, away from the phone

    assert anne.save_answer(EYE_OPENER, "Na het wissen").status_code == 403
    assert redirect_path(anne.get(f"/s/{room.code}/oogst")) == f"/j/{room.code}?reden=geen-oogst"


def test_the_sheet_says_exactly_who_sees_what_and_when_it_is_erased(room):
    page = room.phone("Anne").sheet()

    erased_on = dutch_date(room.session.date + timedelta(days=60))
    assert "alleen dit apparaat ziet je antwoorden" not in page
    assert "niet de facilitator, niet het scherm voorin, niet in het verslag of de export" in page
    assert "in het verslag en de export van de facilitator, zonder je naam" in page
    assert f"op {erased_on} (60 dagen na de sessie)" in page
    assert "Je naam ziet niemand behalve jij." in page
    assert "Deel met de zaal, zonder naam" in page


def test_a_phone_left_alone_keeps_its_sheet_until_the_day_the_sheet_is_erased(room, settings):
    """The sheet says its owner can erase it at any time until it is erased automatically, so
    the cookie that opens it must not run out before that day."""
    joined = room.device().join_as_participant("Anne")

    max_age = int(joined.headers["set-cookie"].split("Max-Age=")[1].split(";")[0])

    assert max_age >= (settings.sheet_retention_days + 1) * 24 * 60 * 60


def test_the_join_page_says_the_name_is_optional_and_nobody_else_sees_it(room):
    page = page_text(room.device().get(f"/j/{room.code}"))

    assert 'Je naam <span class="muted">(niet verplicht)</span>' in page
    assert "Alleen jij ziet je naam" in page
    assert "(60 dagen na de sessie)" in page


def test_the_facilitator_deletes_a_session_and_its_screens_say_it_is_gone(room):
    phone, tablet = room.phone("Anne"), room.tablet(0)
    phone.save_answer(EYE_OPENER, "Weg met de sessie")
    regie = room.device()
    assert "Sessie verwijderen" in page_text(regie.get(room.regie))

    page = page_text(regie.post(f"{room.regie}/verwijderen"))

    assert "De sessie is verwijderd" in page
    for screen, path in ((phone, "oogst"), (tablet, "groep"), (room.device(), "bord")):
        gone = page_text(screen.get(f"/s/{room.code}/{path}"), status=404)
        assert "Deze sessie bestaat niet (meer)" in gone
    assert phone.save_answer(EYE_OPENER, "Nog iets").status_code == 403
    assert regie.get(room.regie).status_code == 404


def test_an_old_sessions_sheets_are_erased_at_start_up_and_its_group_work_stays(
    settings, db, engine, content, worksheet
):
    old = make_session(db, content, when=date.today() - timedelta(days=61))
    group = groups_of(db, old.id)[0]
    mark_group_joined(db, group)
    anne = add_participant(db, old.id, "Anne").id
    sheet = Writer(engine, worksheet, old.id, f"p{anne}")
    sheet.write(EYE_OPENER, "Oud en gedeeld")
    sheet.share(EYE_OPENER)
    Writer(engine, worksheet, old.id, f"g{group.id}").write("tk.vervolgstap", "Blijft staan")

    with ServerThread(settings) as server, Device(server.url, old.code) as regie:
        report = page_text(regie.get(f"/regie/{old.facilitator_key}/verslag.md"))
        overview = page_text(regie.get(f"/regie/{old.facilitator_key}"))

    db.expire_all()
    assert db.get(Participant, anne) is None
    assert "Blijft staan" in report
    assert "Oud en gedeeld" not in report
    assert '<strong id="deelnemers">0</strong>' in overview
