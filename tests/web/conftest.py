"""HTTP fixtures: a room on the test server (see flows.py), and a server that offers the demo."""

from collections.abc import Iterator

import pytest

from app.settings import Settings
from tests.support import ServerThread
from tests.web.flows import room

__all__ = ["demo_server", "room"]


@pytest.fixture
def demo_server(settings: Settings) -> Iterator[ServerThread]:
    """The app as a fresh install starts it: with the demo session (OPD_DEMO_SESSION on)."""
    with ServerThread(settings.model_copy(update={"demo_session": True})) as running:
        yield running
