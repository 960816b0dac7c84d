"""What every request needs, built once at start-up and kept on app.state."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session as DbSession

from app.content import Content
from app.domain.clock import ClockView, clock_view
from app.domain.devices import Admissions
from app.domain.ratelimit import RateLimit
from app.domain.worksheet import Worksheet
from app.live.broker import Broker
from app.settings import Settings
from app.storage.tables import WorkshopSession


@dataclass
class AppContext:
    settings: Settings
    engine: Engine
    content: Content
    worksheet: Worksheet
    broker: Broker
    admissions: Admissions = field(default_factory=Admissions)  # linked tablets, closed sessions
    code_tries: RateLimit = field(init=False)  # wrong room or table codes, per client
    joins: RateLimit = field(init=False)  # new personal sheets, per client

    def __post_init__(self) -> None:
        self.code_tries = RateLimit(self.settings.code_tries_per_minute)
        self.joins = RateLimit(self.settings.joins_per_minute)

    @property
    def writes_off_loop(self) -> bool:
        """Whether the autosave write runs in a worker thread rather than on the event loop.

        SQLite answers in microseconds, so a thread hop would only cost time; a database across
        a network would stall every other request while it answers.
        """
        return self.engine.dialect.name != "sqlite"

    def db(self) -> DbSession:
        return DbSession(self.engine, expire_on_commit=False)

    def today(self) -> date:
        return date.today()

    def now(self) -> datetime:
        """The server's time, which every screen's clock follows; a test may replace it."""
        return datetime.now(UTC)

    def clock(self, session: WorkshopSession) -> ClockView | None:
        return clock_view(session, self.content, self.now())
