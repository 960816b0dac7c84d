"""A session exported as JSON comes back whole on another install; a wrong file is refused."""

import json
from pathlib import Path

import pytest
from sqlmodel import Session as DbSession
from sqlmodel import select

from app.domain.export import (
    FORMAT,
    MAX_PARTICIPANTS,
    ImportRefused,
    export_session,
    full_session,
    import_session,
)
from app.domain.sessions import close_session, groups_of, move_to_block
from app.domain.worksheet import UITDAGEND
from app.storage.database import make_engine, migrate
from app.storage.tables import WorkshopSession


@pytest.fixture
def new_install(tmp_path: Path):
    """The database of another, fresh installation (a laptop with SQLite)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'nieuwe-installatie.db'}")
    migrate(engine)
    with DbSession(engine, expire_on_commit=False) as db:
        yield db
    engine.dispose()


@pytest.fixture
def worked_session(db, content, session, tables, person):
    """A session half-way: both tables joined and wrote, two people, one answer shared."""
    one, two = tables
    one.choose("kwaliteit", "financien")
    one.write("w1.kwaliteit.zin", "In deze Onderwijsregio bewaken we kwaliteit samen.")
    one.write("w2.wie.1", "Pabo")
    one.write("w2.wie.2", "Besturen")
    one.choose("1", "2", key=UITDAGEND)
    one.write("w2.1.wat", "Regel één\nregel twee")
    two.write("tk.inzicht_w1.1", "Begin klein — met één overleg.")
    anne, bram = person("Anne"), person("")
    anne.write("oogst.eyeopeners", "Eye-opener van Anne")
    anne.share("oogst.eyeopeners")
    bram.write("oogst.w1_praktijk", "Privé van Bram")
    move_to_block(db, content, session, "werkvorm-2")
    return session


def exported_bytes(db, worksheet, session) -> bytes:
    return json.dumps(export_session(db, worksheet, session)).encode()


def test_export_holds_the_groups_entries_and_what_people_shared(db, worksheet, worked_session):
    data = export_session(db, worksheet, worked_session)

    assert data["format"] == FORMAT
    assert data["title"] == "Opdenksessie test"
    assert data["current_block"] == "werkvorm-2"
    assert [g["name"] for g in data["groups"]] == ["Tafel 1", "Tafel 2"]
    assert data["groups"][0]["entries"]["w1.focuspunten"]["value"] == "kwaliteit,financien"
    assert data["participants"] == 2
    assert data["shared_answers"] == [{"key": "oogst.eyeopeners", "text": "Eye-opener van Anne"}]
    assert "code" not in data and "facilitator_key" not in data


@pytest.fixture
def marieke_and_jan(person):
    """Marieke keeps one answer private, shares two and takes one share back; Jan shares two."""
    marieke, jan = person("Marieke Jansen"), person("Jan")
    marieke.write("oogst.w1_praktijk", "Zo doen wij het op onze school")
    marieke.share("oogst.w1_praktijk")
    marieke.write("oogst.w1_regio", "Alleen voor mezelf")
    marieke.write("oogst.w2_praktijk", "Toch liever niet gedeeld")
    marieke.share("oogst.w2_praktijk")
    marieke.share("oogst.w2_praktijk", shared=False)
    marieke.write("oogst.eyeopeners", "Aha: samen opleiden")
    marieke.share("oogst.eyeopeners")
    jan.write("oogst.w1_praktijk", "Anders dan ik dacht")
    jan.share("oogst.w1_praktijk")
    jan.write("oogst.eyeopeners", "Zoveel partners")
    jan.share("oogst.eyeopeners")


def test_the_export_holds_no_name_no_private_answer_and_no_link_between_answers(
    db, worksheet, session, marieke_and_jan
):
    data = export_session(db, worksheet, session)
    text = json.dumps(data, ensure_ascii=False)

    assert "Marieke" not in text and "Jansen" not in text and 'Jan"' not in text
    assert "Alleen voor mezelf" not in text and "Toch liever niet gedeeld" not in text
    # A flat list of question and text, by question and then text: not by person.
    assert data["shared_answers"] == [
        {"key": "oogst.eyeopeners", "text": "Aha: samen opleiden"},
        {"key": "oogst.eyeopeners", "text": "Zoveel partners"},
        {"key": "oogst.w1_praktijk", "text": "Anders dan ik dacht"},
        {"key": "oogst.w1_praktijk", "text": "Zo doen wij het op onze school"},
    ]
    assert data["participants"] == 2


def test_export_and_import_on_a_new_install_give_the_same_session(
    db, worksheet, session, worked_session, marieke_and_jan, new_install
):
    imported = import_session(new_install, worksheet, exported_bytes(db, worksheet, session))

    assert export_session(new_install, worksheet, imported) == export_session(
        db, worksheet, session
    )
    assert imported.facilitator_key != session.facilitator_key


def test_an_imported_session_keeps_the_shared_answers_on_nameless_sheets(
    db, worksheet, session, marieke_and_jan, new_install
):
    imported = import_session(new_install, worksheet, exported_bytes(db, worksheet, session))

    sheets = full_session(new_install, imported).participants
    assert [p.name for p in sheets] == ["", ""]
    # Each sheet holds one answer per question, never two answers of the same person.
    assert [sorted(e.value for e in p.entries.values()) for p in sheets] == [
        ["Aha: samen opleiden", "Anders dan ik dacht"],
        ["Zo doen wij het op onze school", "Zoveel partners"],
    ]


def test_an_old_export_with_names_is_imported_without_names_or_private_answers(
    db, worksheet, session, marieke_and_jan, new_install
):
    old = {"format": "opdenksessie/1", **full_session(db, session).model_dump(mode="json")}

    imported = import_session(new_install, worksheet, json.dumps(old).encode())

    stored = full_session(new_install, imported).model_dump_json()
    assert "Marieke" not in stored and "Alleen voor mezelf" not in stored
    shared = export_session(db, worksheet, session)["shared_answers"]
    assert export_session(new_install, worksheet, imported)["shared_answers"] == shared


def test_a_closed_session_is_still_closed_after_import(db, worksheet, worked_session, new_install):
    close_session(db, worked_session)

    imported = import_session(new_install, worksheet, exported_bytes(db, worksheet, worked_session))

    assert export_session(new_install, worksheet, imported)["closed"] is True


def test_an_import_is_a_new_session_next_to_the_original(db, worksheet, worked_session):
    imported = import_session(db, worksheet, exported_bytes(db, worksheet, worked_session))

    assert imported.id != worked_session.id
    assert imported.code != worked_session.code
    assert len(groups_of(db, imported.id)) == 2


def refusal(db, worksheet, raw: bytes) -> str:
    with pytest.raises(ImportRefused) as refused:
        import_session(db, worksheet, raw)
    return str(refused.value)


def test_a_file_that_is_not_json_is_refused(db, content, worksheet):
    message = refusal(db, worksheet, b"{ dit is geen json")

    assert message == "Dit is geen JSON-bestand van een Opdenksessie-export."


def test_a_file_that_is_not_utf8_is_refused(db, content, worksheet):
    assert "geen JSON-bestand" in refusal(db, worksheet, "{'é'}".encode("latin-1"))


def test_a_file_of_another_format_is_refused_naming_the_field(
    db, content, worked_session, worksheet
):
    data = export_session(db, worksheet, worked_session)
    data["format"] = "iets-anders/2"

    message = refusal(db, worksheet, json.dumps(data).encode())

    assert message.startswith("Dit exportbestand klopt niet: bij ‘format’")


def test_a_file_with_a_casus_this_install_does_not_have_is_refused(
    db, content, worked_session, worksheet
):
    data = export_session(db, worksheet, worked_session)
    data["groups"][1]["casus"] = "atlantis"

    message = refusal(db, worksheet, json.dumps(data).encode())

    assert message.startswith("Dit exportbestand past niet bij deze installatie")
    assert "Kies een casus voor deze groep." in message


def test_a_refused_import_creates_no_session(db, content, worked_session, worksheet):
    data = export_session(db, worksheet, worked_session)
    data["groups"][1]["casus"] = "atlantis"

    refusal(db, worksheet, json.dumps(data).encode())

    assert len(db.exec(select(WorkshopSession)).all()) == 1


def test_a_group_with_a_blank_name_is_refused_not_a_crash(db, content, worked_session, worksheet):
    data = export_session(db, worksheet, worked_session)
    data["groups"][1]["name"] = "   "

    assert "Dit exportbestand" in refusal(db, worksheet, json.dumps(data).encode())


def test_a_deeply_nested_file_is_refused_not_a_crash(db, content, worksheet):
    assert "te diep genest" in refusal(db, worksheet, b"[" * 100_000)


def export_with(db, worksheet, session, **changes) -> bytes:
    return json.dumps({**export_session(db, worksheet, session), **changes}).encode()


def test_a_lone_surrogate_is_refused_naming_the_problem(db, worksheet):
    raw = b'{"format": "opdenksessie/2", "title": "\\ud800", "date": "2025-06-26", "groups": []}'

    assert "een teken dat geen tekst kan zijn" in refusal(db, worksheet, raw)


def test_a_number_of_five_thousand_digits_is_refused_naming_the_problem(db, worksheet):
    raw = b'{"format": "opdenksessie/2", "participants": ' + b"9" * 5000 + b"}"

    assert "een getal dat te groot is" in refusal(db, worksheet, raw)


def test_thirty_thousand_empty_participants_are_refused(db, worksheet, session):
    raw = export_with(db, worksheet, session, format="opdenksessie/1", participants=[{}] * 30_000)

    message = refusal(db, worksheet, raw)

    assert f"te veel: 30000, maximaal {MAX_PARTICIPANTS}" in message
    assert "participants" in message


def test_an_unknown_focuspunt_is_refused(db, worksheet, worked_session):
    data = export_session(db, worksheet, worked_session)
    data["groups"][0]["entries"]["w1.focuspunten"]["value"] = "kwaliteit,atlantis"

    message = refusal(db, worksheet, json.dumps(data).encode())

    assert "een keuze die deze installatie niet kent: ‘atlantis’" in message


def test_more_focuspunten_than_the_limit_are_refused(db, worksheet, worked_session):
    data = export_session(db, worksheet, worked_session)
    data["groups"][0]["entries"]["w1.focuspunten"]["value"] = "kwaliteit,financien,kwaliteit"

    assert "te veel of dubbele keuzes" in refusal(db, worksheet, json.dumps(data).encode())


def test_a_text_longer_than_the_field_allows_is_refused(db, worksheet, worked_session):
    limit = worksheet.group_fields["w1.kwaliteit.zin"].max_length
    data = export_session(db, worksheet, worked_session)
    data["groups"][0]["entries"]["w1.kwaliteit.zin"]["value"] = "x" * (limit + 1)

    message = refusal(db, worksheet, json.dumps(data).encode())

    assert f"te lange tekst in ‘w1.kwaliteit.zin’: {limit + 1} tekens, maximaal {limit}" in message


def test_a_shared_answer_longer_than_the_oogst_allows_is_refused(db, worksheet, worked_session):
    limit = worksheet.participant_fields["oogst.eyeopeners"].max_length
    answer = {"key": "oogst.eyeopeners", "text": "x" * (limit + 1)}

    message = refusal(
        db, worksheet, export_with(db, worksheet, worked_session, shared_answers=[answer])
    )

    assert "de persoonlijke oogst een te lange tekst" in message
