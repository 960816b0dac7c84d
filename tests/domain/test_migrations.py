"""Migrations keep what an install already holds: tables of earlier sessions get a table code."""

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from app.domain.sessions import CODE_ALPHABET
from app.storage.database import MIGRATIONS, make_engine


def migrate_to(engine, revision: str, down: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def test_groups_of_an_existing_install_get_their_own_table_code(database_url):
    engine = make_engine(database_url)
    migrate_to(engine, "head")
    migrate_to(engine, "0001", down=True)  # an install from before table codes
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO sessions (id, code, facilitator_key, title, date, created_at, demo) "
                "VALUES (1, 'K7PQ2M', 'sleutel', 'Eerdere sessie', '2025-09-30', "
                "'2025-09-01 10:00:00', false)"
            )
        )
        for n in (1, 2, 3):
            conn.execute(
                text(
                    "INSERT INTO groups (session_id, name, casus_id, position) "
                    f"VALUES (1, 'Tafel {n}', 'binnenmeren', {n})"
                )
            )

    migrate_to(engine, "head")

    with engine.connect() as conn:
        codes = [row[0] for row in conn.execute(text("SELECT table_code FROM groups"))]
    engine.dispose()
    assert len(set(codes)) == 3
    assert all(len(code) == 10 and set(code) <= set(CODE_ALPHABET) for code in codes)
