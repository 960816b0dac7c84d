"""Whoever runs the server moves an install: `python -m app.backup dump` on the old one,
`restore` on the new one, and everything (names and private sheets too) is back under the same
links."""

import json
from pathlib import Path

import pytest
from sqlmodel import Session as DbSession
from sqlmodel import select

from app.backup import main
from app.domain.export import full_session
from app.settings import get_settings
from app.storage.database import make_engine
from app.storage.tables import WorkshopSession
from tests.support import ServerThread
from tests.web.flows import Device, page_text, redirect_path


@pytest.fixture
def backup(monkeypatch, capsys):
    """The command as the server's operator types it, against the database at `database_url`."""

    def backup(action: str, file: Path, database_url: str) -> str:
        monkeypatch.setenv("DATABASE_URL", database_url)
        get_settings.cache_clear()
        assert main([action, str(file)]) == 0
        return capsys.readouterr().out

    yield backup
    get_settings.cache_clear()


@pytest.fixture
def new_install(tmp_path: Path, settings):
    """The settings of a fresh install on another machine, with a database of its own."""
    url = f"sqlite:///{tmp_path / 'nieuwe-server' / 'opdenksessie.db'}"
    return settings.model_copy(update={"database_url": url})


@pytest.fixture
def moved(room, backup, database_url: str, new_install, tmp_path: Path) -> Path:
    """Marieke wrote a private answer and shared one; then the install was dumped and restored."""
    phone = room.phone("Marieke Jansen")
    phone.save_answer("oogst.w1_regio", "Alleen voor mezelf")
    phone.save_answer("oogst.eyeopeners", "Gedeeld inzicht")
    phone.share("oogst.eyeopeners")
    room.tablet().save("tk.vervolgstap", "Overleg plannen")
    file = tmp_path / "backup.json"

    dumped = backup("dump", file, database_url)
    restored = backup("restore", file, new_install.database_url)

    assert dumped == f"wrote 1 sessions to {file}\n"
    assert restored.startswith("restored ‘Opdenksessie test’")
    return file


def test_a_restored_install_has_the_names_and_private_answers_back(moved, room, new_install):
    engine = make_engine(new_install.database_url)
    with DbSession(engine) as db:
        session = db.exec(select(WorkshopSession)).one()
        restored = full_session(db, session)
    engine.dispose()

    assert session.code == room.code
    (marieke,) = restored.participants
    assert marieke.name == "Marieke Jansen"
    assert marieke.entries["oogst.w1_regio"].value == "Alleen voor mezelf"
    assert marieke.entries["oogst.w1_regio"].shared is False
    assert marieke.entries["oogst.eyeopeners"].shared is True
    assert restored.groups[0].entries["tk.vervolgstap"].value == "Overleg plannen"


def test_the_regie_link_and_the_join_code_keep_working_after_the_move(moved, room, new_install):
    with ServerThread(new_install) as server, Device(server.url, room.code) as device:
        regie = page_text(device.get(room.regie))
        joined = redirect_path(device.join_as_participant("Nieuw"))

    assert "Opdenksessie test" in regie and room.code in regie
    assert joined.startswith(f"/s/{room.code}/")


def test_restoring_the_same_backup_twice_skips_the_session_saying_why(moved, backup, new_install):
    again = backup("restore", moved, new_install.database_url)

    assert again.startswith("skipped ‘Opdenksessie test’")
    assert "already has a session with its join code or facilitator link" in again


def test_the_backup_file_is_readable_by_its_owner_only(moved):
    assert moved.stat().st_mode & 0o777 == 0o600
    assert json.loads(moved.read_text())["format"] == "opdenksessie-backup/1"
