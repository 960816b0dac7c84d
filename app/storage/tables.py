"""The database tables. Schema changes go through a migration in storage/migrations/versions."""

from datetime import UTC, date, datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class WorkshopSession(SQLModel, table=True):
    """One Opdenksessie: what the facilitator prepares and runs."""

    __tablename__ = "sessions"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(index=True, unique=True, max_length=12)  # the room's join code
    facilitator_key: str = Field(index=True, unique=True, max_length=64)  # secret in the link
    title: str = Field(max_length=200)
    date: date
    current_block: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    closed_at: datetime | None = None
    demo: bool = False  # the ready-made session a fresh install offers on its home page
    # The clock of the current block, or of the current step when its werkvorm has steps
    # (app/domain/clock.py): running since clock_started_at, stopped at clock_paused_at.
    clock_started_at: datetime | None = None
    clock_paused_at: datetime | None = None
    clock_extra_minutes: int = 0
    clock_step: int = 0  # index of the current step of the block's werkvorm
    message: str = Field(default="", max_length=140)  # the facilitator's word to all tablets
    message_at: datetime | None = None
    closed_werkvormen: str = Field(default="", max_length=200)  # ids, comma-separated


class Group(SQLModel, table=True):
    """A table in the room, working on one casus on a tablet."""

    __tablename__ = "groups"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="sessions.id", index=True)
    name: str = Field(max_length=80)
    casus_id: str = Field(max_length=64)
    position: int = 0
    joined_at: datetime | None = None
    table_code: str = Field(unique=True, max_length=16)  # the secret on its table card


class LinkedDevice(SQLModel, table=True):
    """A tablet that joined a group with its table code; unlinking it deletes the row."""

    __tablename__ = "devices"
    __table_args__ = (UniqueConstraint("group_id", "device_id", name="uq_devices_group_device"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="sessions.id", index=True, ondelete="CASCADE")
    group_id: int = Field(foreign_key="groups.id", ondelete="CASCADE")
    device_id: str = Field(max_length=32)  # the id in the device's signed cookie
    label: str = Field(default="", max_length=40)  # from its User-Agent, e.g. "iPad"
    linked_at: datetime = Field(default_factory=utcnow)


class Participant(SQLModel, table=True):
    """A person with a personal harvest sheet (Mijn persoonlijke oogst) on their own device."""

    __tablename__ = "participants"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="sessions.id", index=True)
    name: str = Field(default="", max_length=80)
    created_at: datetime = Field(default_factory=utcnow)


class Entry(SQLModel, table=True):
    """One field someone typed or chose: a group's worksheet field or a personal oogst answer.

    `owner` is "g<group id>" or "p<participant id>"; `version` grows with every save and is how
    two tablets editing the same field are told apart from one tablet saving twice.
    """

    __tablename__ = "entries"
    __table_args__ = (UniqueConstraint("owner", "key", name="uq_entries_owner_key"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="sessions.id", index=True)
    owner: str = Field(max_length=16)
    key: str = Field(max_length=120)
    value: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    version: int = 1
    shared: bool = False  # a personal answer its owner shared anonymously with the room
    updated_by: str = Field(default="", max_length=64)  # device id of the last writer
    updated_at: datetime = Field(default_factory=utcnow)


class Moderation(SQLModel, table=True):
    """What the facilitator decided about one item the room typed, before the board shows it.

    `item` names the item without naming its writer: "g<group id>:<field key>" for a group's
    inzicht, "e<entry id>" for a shared personal answer, "w:<partner name>" for a partner named.
    """

    __tablename__ = "moderation"
    __table_args__ = (UniqueConstraint("session_id", "item", name="uq_moderation_session_item"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="sessions.id", index=True, ondelete="CASCADE")
    item: str = Field(max_length=140)
    revealed: bool = False
    hidden: bool = False  # wins over revealed: a hidden item is never on the board
    pinned: bool = False
    starred: bool = False
    # For a partner name ("w:<name>"): the name it is merged into, counted together with it.
    merged_into: str = Field(default="", max_length=140)
    updated_at: datetime = Field(default_factory=utcnow)
