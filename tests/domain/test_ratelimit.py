"""The token bucket behind the limits on wrong codes and joins, with a clock the test turns."""

from app.domain.ratelimit import RateLimit


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_client_may_spend_its_minute_at_once_and_then_waits():
    clock = Clock()
    limit = RateLimit(10, clock)

    for _ in range(10):
        assert limit.wait("10.0.0.1") == 0
        limit.spend("10.0.0.1")

    assert limit.wait("10.0.0.1") == 6  # one try back every 60/10 seconds
    assert limit.wait("10.0.0.2") == 0  # another client is not affected


def test_tries_come_back_over_the_minute():
    clock = Clock()
    limit = RateLimit(10, clock)
    for _ in range(10):
        limit.spend("10.0.0.1")

    clock.now += 6
    assert limit.wait("10.0.0.1") == 0
    limit.spend("10.0.0.1")
    assert limit.wait("10.0.0.1") == 6

    clock.now += 600
    for _ in range(10):
        assert limit.wait("10.0.0.1") == 0
        limit.spend("10.0.0.1")
