"""The demo session a fresh install offers: made once, with tables under way."""

from datetime import date

from sqlmodel import select

from app.domain.demo import DEMO_TITLE, demo_session, ensure_demo_session
from app.domain.harvest import session_harvest
from app.domain.sessions import groups_of
from app.storage.tables import WorkshopSession


def test_the_demo_session_is_made_once(db, content):
    first = ensure_demo_session(db, content, date.today())
    again = ensure_demo_session(db, content, date.today())

    assert again.id == first.id
    assert len(db.exec(select(WorkshopSession)).all()) == 1
    assert len(groups_of(db, first.id)) == 4


def test_the_demo_session_shows_tables_under_way(db, content, worksheet):
    demo = ensure_demo_session(db, content, date.today())

    harvest = session_harvest(db, worksheet, demo.id)

    assert demo.title == DEMO_TITLE and demo.demo
    assert demo.current_block == content.programma.blokken[2].id
    assert harvest.groups[0].focuspunten == []  # Tafel 1 is left empty to try the tablet
    assert [p.id for p in harvest.groups[1].focuspunten] == [
        "bovenbestuurlijke-solidariteit",
        "financien",
    ]
    assert harvest.shared and harvest.participants == 1


def test_an_ordinary_session_is_not_taken_for_the_demo(db, content, session):
    assert demo_session(db) is None
