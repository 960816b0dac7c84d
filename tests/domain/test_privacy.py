"""A participant's own data: erased by its owner, with its session, or when its time is up."""

from datetime import date, timedelta

from sqlmodel import select

from app.domain.entries import entries_of_session
from app.domain.privacy import (
    delete_session,
    erase_participant,
    purge_expired_sheets,
    sheet_as_text,
    sheets_erased_on,
)
from app.domain.sessions import participant_count
from app.storage.tables import Group, Participant, WorkshopSession
from tests.conftest import make_session

EYE_OPENER = "oogst.eyeopeners"
TODAY = date(2026, 11, 28)


def owner_id(writer) -> int:
    return int(writer.owner[1:])


def test_erasing_a_sheet_removes_its_answers_shared_ones_too_and_the_name(db, person, tables):
    anne, bram = person("Anne de Vries"), person("Bram")
    anne.write(EYE_OPENER, "Gedeeld door Anne")
    anne.share(EYE_OPENER)
    anne.write("oogst.w1_regio", "Alleen voor Anne")
    bram.write(EYE_OPENER, "Van Bram")
    tables[0].write("tk.vervolgstap", "Werk van de tafel")

    erased = erase_participant(db, owner_id(anne))

    assert (erased.answers, erased.shared, erased.had_name) == (2, 1, True)
    assert anne.fields() == {}
    assert db.get(Participant, owner_id(anne)) is None
    assert bram.value(EYE_OPENER) == "Van Bram"
    assert tables[0].value("tk.vervolgstap") == "Werk van de tafel"


def test_erasing_a_sheet_that_is_already_gone_finds_nothing(db, person):
    anne = person()
    erase_participant(db, owner_id(anne))

    assert erase_participant(db, owner_id(anne)) is None


def test_sheets_are_erased_on_their_day_with_shared_answers_and_group_work_stays(
    db, engine, content, person, table_of
):
    old = make_session(db, content, when=TODAY - timedelta(days=60))
    recent = make_session(db, content, when=TODAY - timedelta(days=59))
    anne, bram = person("Anne", in_session=old), person("Bram", in_session=recent)
    anne.write(EYE_OPENER, "Oud en gedeeld")
    anne.share(EYE_OPENER)
    bram.write(EYE_OPENER, "Nog binnen de termijn")
    old_table = table_of(db.exec(select(Group).where(Group.session_id == old.id)).first())
    old_table.write("tk.vervolgstap", "Het werk van de groep")

    assert purge_expired_sheets(db, TODAY, days=60) == 1

    assert participant_count(db, old.id) == 0
    assert anne.fields() == {}
    assert old_table.value("tk.vervolgstap") == "Het werk van de groep"
    assert bram.value(EYE_OPENER) == "Nog binnen de termijn"
    assert sheets_erased_on(old.date, 60) == TODAY


def test_deleting_a_session_removes_everything_in_it_and_nothing_else(
    db, engine, content, session, person, tables
):
    other = make_session(db, content)
    person("Anne").write(EYE_OPENER, "Weg")
    tables[0].write("tk.vervolgstap", "Ook weg")
    person("Bram", in_session=other).write(EYE_OPENER, "Blijft")

    delete_session(db, session.id)

    assert db.get(WorkshopSession, session.id) is None
    assert db.exec(select(Group).where(Group.session_id == session.id)).all() == []
    assert participant_count(db, session.id) == 0
    assert entries_of_session(engine, session.id) == {}
    assert participant_count(db, other.id) == 1
    assert entries_of_session(engine, other.id) != {}


def test_a_sheet_as_text_holds_every_question_and_answer(session, worksheet, person):
    anne = person("Anne")
    anne.write("oogst.w1_praktijk", "Partners eerder betrekken.\nEn vaker.")
    anne.write(EYE_OPENER, "Gedeeld inzicht")
    anne.share(EYE_OPENER)

    text = sheet_as_text(worksheet, session, "Anne", anne.fields())

    assert text.startswith(f"{worksheet.oogst.titel}\n{session.title}")
    assert "Anne" in text
    for spec in worksheet.participant_fields.values():
        assert spec.label in text
    assert "Partners eerder betrekken.\nEn vaker." in text
    assert "(gedeeld met de zaal, zonder naam)\nGedeeld inzicht" in text
