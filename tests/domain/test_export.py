"""A session exported as JSON comes back whole on another install; a wrong file is refused."""

import json
from pathlib import Path

import pytest
from sqlmodel import Session as DbSession
from sqlmodel import select

from app.domain.export import FORMAT, ImportRefused, export_session, import_session
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


def exported_bytes(db, session) -> bytes:
    return json.dumps(export_session(db, session)).encode()


def test_export_holds_the_groups_entries_and_participants(db, worked_session):
    data = export_session(db, worked_session)

    assert data["format"] == FORMAT
    assert data["title"] == "Opdenksessie test"
    assert data["current_block"] == "werkvorm-2"
    assert [g["name"] for g in data["groups"]] == ["Tafel 1", "Tafel 2"]
    assert data["groups"][0]["entries"]["w1.focuspunten"]["value"] == "kwaliteit,financien"
    assert data["participants"][0] == {
        "name": "Anne",
        "entries": {"oogst.eyeopeners": {"value": "Eye-opener van Anne", "shared": True}},
    }
    assert "code" not in data and "facilitator_key" not in data


def test_export_and_import_on_a_new_install_give_the_same_session(
    db, content, worked_session, new_install, worksheet
):
    imported = import_session(new_install, worksheet, exported_bytes(db, worked_session))

    assert export_session(new_install, imported) == export_session(db, worked_session)
    assert imported.facilitator_key != worked_session.facilitator_key


def test_a_closed_session_is_still_closed_after_import(
    db, content, worked_session, new_install, worksheet
):
    close_session(db, worked_session)

    imported = import_session(new_install, worksheet, exported_bytes(db, worked_session))

    assert export_session(new_install, imported)["closed"] is True


def test_an_import_is_a_new_session_next_to_the_original(db, content, worked_session, worksheet):
    imported = import_session(db, worksheet, exported_bytes(db, worked_session))

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
    data = export_session(db, worked_session)
    data["format"] = "iets-anders/2"

    message = refusal(db, worksheet, json.dumps(data).encode())

    assert message.startswith("Dit exportbestand klopt niet: bij ‘format’")


def test_a_file_with_a_casus_this_install_does_not_have_is_refused(
    db, content, worked_session, worksheet
):
    data = export_session(db, worked_session)
    data["groups"][1]["casus"] = "atlantis"

    message = refusal(db, worksheet, json.dumps(data).encode())

    assert message.startswith("Dit exportbestand past niet bij deze installatie")
    assert "Kies een casus voor deze groep." in message


def test_a_refused_import_creates_no_session(db, content, worked_session, worksheet):
    data = export_session(db, worked_session)
    data["groups"][1]["casus"] = "atlantis"

    refusal(db, worksheet, json.dumps(data).encode())

    assert len(db.exec(select(WorkshopSession)).all()) == 1


def test_a_group_with_a_blank_name_is_refused_not_a_crash(db, content, worked_session, worksheet):
    data = export_session(db, worked_session)
    data["groups"][1]["name"] = "   "

    assert "Dit exportbestand" in refusal(db, worksheet, json.dumps(data).encode())


def test_a_deeply_nested_file_is_refused_not_a_crash(db, content, worksheet):
    assert "geen JSON-bestand" in refusal(db, worksheet, b"[" * 100_000)
