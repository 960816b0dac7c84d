"""What every request needs, built once at start-up and kept on app.state."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session as DbSession

from app.content import Content
from app.domain.worksheet import Worksheet
from app.live.broker import Broker
from app.settings import Settings


@dataclass
class AppContext:
    settings: Settings
    engine: Engine
    content: Content
    worksheet: Worksheet
    broker: Broker

    def db(self) -> DbSession:
        return DbSession(self.engine, expire_on_commit=False)

    def today(self) -> date:
        return date.today()
