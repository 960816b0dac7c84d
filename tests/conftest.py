"""Fixtures shared by every test: a real database file (or a fresh PostgreSQL database), the
content, and a real uvicorn server that tests talk to over HTTP.

Set TEST_DATABASE_URL to a PostgreSQL URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)
to run the whole suite against PostgreSQL: each test then gets a database of its own.
"""

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from app.content import Content, load_content
from app.domain.sessions import GroupDraft, SessionDraft, create_session
from app.domain.worksheet import Worksheet
from app.settings import PROJECT_ROOT, Settings
from app.storage.database import make_engine, migrate, scratch_postgres
from app.storage.tables import WorkshopSession
from tests.support import ServerThread

POSTGRES = os.environ.get("TEST_DATABASE_URL", "")


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content(PROJECT_ROOT)


@pytest.fixture(scope="session")
def worksheet(content: Content) -> Worksheet:
    return Worksheet(content)


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str | None]:
    """A migrated PostgreSQL database that each test's database is copied from (fast)."""
    if not POSTGRES:
        yield None
        return
    with scratch_postgres(POSTGRES, "opd_template") as url:
        engine = make_engine(url)
        migrate(engine)
        engine.dispose()
        yield make_url(url).database


@pytest.fixture
def database_url(tmp_path: Path, postgres_template: str | None) -> Iterator[str]:
    """A SQLite file in the test's folder, or a new PostgreSQL database dropped afterwards."""
    if not postgres_template:
        yield f"sqlite:///{tmp_path / 'opdenksessie.db'}"
        return
    with scratch_postgres(POSTGRES, "opd_test", template=postgres_template) as url:
        yield url


@pytest.fixture
def engine(database_url: str):
    engine = make_engine(database_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def db(engine):
    from sqlmodel import Session as DbSession

    with DbSession(engine, expire_on_commit=False) as session:
        yield session


def make_session(db, content: Content, groups: int = 2, when: date | None = None):
    """A session with `groups` tables, alternating the casussen: one line in a test."""
    casussen = list(content.casussen)
    draft = SessionDraft(
        title="Opdenksessie test",
        date=(when or date.today()).isoformat(),
        groups=[
            GroupDraft(f"Tafel {n}", casussen[(n - 1) % len(casussen)])
            for n in range(1, groups + 1)
        ],
    )
    return create_session(db, draft)


@pytest.fixture
def session(db, content) -> WorkshopSession:
    return make_session(db, content)


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        DATABASE_URL=database_url,
        OPD_DATA_DIR=tmp_path,
        OPD_SECRET_KEY="test-secret",
        OPD_DEMO_SESSION=False,
        OPD_BOARD_THROTTLE_MS=50,
    )


@pytest.fixture
def server(settings: Settings) -> Iterator[ServerThread]:
    """The app served by uvicorn on a free port of 127.0.0.1, for real HTTP clients."""
    with ServerThread(settings) as running:
        yield running


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last: Playwright's sync API keeps an event loop running in the main thread
    until its browser closes, and the asyncio-based tests need that thread free."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
