"""All configuration in one place: each setting is an environment variable with a laptop default."""

import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # Where the sessions live. SQLite (WAL mode) by default; a postgresql+psycopg:// URL works too.
    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'data' / 'opdenksessie.db'}",
        validation_alias=AliasChoices("DATABASE_URL", "OPD_DATABASE_URL"),
    )
    # Signs the cookies that remember a tablet's group and a phone's personal sheet.
    # Unset: a random key is made once and kept in data_dir/secret_key, so restarts keep devices in.
    secret_key: str | None = Field(default=None, validation_alias="OPD_SECRET_KEY")
    # Folder for the generated secret key (and the SQLite file when DATABASE_URL is not set).
    data_dir: Path = Field(default=PROJECT_ROOT / "data", validation_alias="OPD_DATA_DIR")
    # Folder holding workforms/ and casussen/.
    content_dir: Path = Field(default=PROJECT_ROOT, validation_alias="OPD_CONTENT_DIR")
    # Create the demo session on start-up when the database holds no session yet.
    demo_session: bool = Field(default=True, validation_alias="OPD_DEMO_SESSION")
    # The address people type or scan to join, e.g. https://sessie.example.nl. Unset: the address
    # the board was opened on (a host allowed below). An https address also makes the cookie Secure.
    public_url: str | None = Field(default=None, validation_alias="OPD_PUBLIC_URL")
    # Host names this server answers to, comma-separated (e.g. "sessie.example.nl,10.0.0.5"),
    # besides OPD_PUBLIC_URL's host and localhost; others get a 400 page. Unset: any IP address.
    allowed_hosts: str = Field(default="", validation_alias="OPD_ALLOWED_HOSTS")
    # A join code stops working this many days after the session's date.
    join_code_valid_days: int = Field(default=14, validation_alias="OPD_JOIN_CODE_VALID_DAYS")
    # Personal oogst sheets (answers, shared ones too, and names) are erased automatically this
    # many days after the session's date; the groups' work stays.
    sheet_retention_days: int = Field(default=60, ge=0, validation_alias="OPD_SHEET_RETENTION_DAYS")
    # Wrong room or table codes one client (IP address) may try a minute before it gets a 429.
    code_tries_per_minute: int = Field(default=10, validation_alias="OPD_CODE_TRIES_PER_MINUTE")
    # New personal sheets one client (IP address) may start a minute. A room of phones on one
    # conference wifi may share one address, so keep it well above how fast people join.
    joins_per_minute: int = Field(default=30, validation_alias="OPD_JOINS_PER_MINUTE")
    # Board updates are coalesced: at most one board render per this many milliseconds.
    board_throttle_ms: int = Field(default=150, validation_alias="OPD_BOARD_THROTTLE_MS")

    def cookie_secret(self) -> str:
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(32))
            path.chmod(0o600)
        return path.read_text().strip()


@lru_cache
def get_settings() -> Settings:
    return Settings()
