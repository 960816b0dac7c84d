"""Domain fixtures: the tables and people of a session, each writing the way its device would."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy.engine import Engine

from app.domain.entries import (
    ChoiceResult,
    Field,
    SaveResult,
    choose_for_group,
    entries_of,
    group_owner,
    participant_owner,
    save_text,
    set_shared,
)
from app.domain.sessions import add_participant, groups_of, mark_group_joined
from app.domain.worksheet import FOCUSPUNTEN, Worksheet
from app.storage.tables import Group, WorkshopSession


@dataclass
class Writer:
    """One owner's fields (a group's tablet or a person's oogst), written from one device."""

    engine: Engine
    worksheet: Worksheet
    session_id: int
    owner: str
    device: str = "apparaat-1"

    def fields(self) -> dict[str, Field]:
        return entries_of(self.engine, self.owner)

    def write(
        self, key: str, value: str, *, base: int | None = None, device: str | None = None
    ) -> SaveResult:
        """Save `value`; by default based on the version now stored, as a freshly loaded page."""
        if base is None:
            base = self.fields().get(key, Field()).version
        return save_text(
            self.engine,
            self.worksheet,
            session_id=self.session_id,
            owner=self.owner,
            key=key,
            value=value,
            base_version=base,
            device=device or self.device,
        )

    def choose(self, *items: str, key: str = FOCUSPUNTEN, on: bool = True) -> ChoiceResult:
        """Tap each item in turn; the result of the last tap."""
        result = None
        for item in items:
            result = choose_for_group(
                self.engine,
                self.worksheet,
                self.worksheet.choices[key],
                session_id=self.session_id,
                owner=self.owner,
                item=item,
                on=on,
                device=self.device,
            )
        assert result is not None, "choose() needs at least one item"
        return result

    def share(self, key: str, shared: bool = True) -> bool:
        return set_shared(self.engine, owner=self.owner, key=key, shared=shared)

    def value(self, key: str) -> str | None:
        field = self.fields().get(key)
        return field.value if field else None


@pytest.fixture
def groups(db, session: WorkshopSession) -> list[Group]:
    return groups_of(db, session.id)


@pytest.fixture
def table_of(db, engine, worksheet) -> Callable[[Group], Writer]:
    """The tablet of a group, which joined the session."""

    def table_of(group: Group) -> Writer:
        mark_group_joined(db, group)
        return Writer(engine, worksheet, group.session_id, group_owner(group.id))

    return table_of


@pytest.fixture
def tables(groups, table_of) -> list[Writer]:
    return [table_of(g) for g in groups]


@pytest.fixture
def person(db, engine, worksheet, session) -> Callable[..., Writer]:
    """A participant who joined `session` with a personal oogst sheet on their phone."""

    def person(name: str = "", in_session: WorkshopSession | None = None) -> Writer:
        target = in_session or session
        participant = add_participant(db, target.id, name)
        return Writer(
            engine, worksheet, target.id, participant_owner(participant.id), f"telefoon-{name}"
        )

    return person
