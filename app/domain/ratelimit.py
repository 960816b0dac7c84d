"""A token bucket per client: at most `per_minute` of something a minute, in short bursts too."""

import math
import time
from collections.abc import Callable

PRUNE_AT = 10_000  # clients remembered before the ones with a full bucket are forgotten


class RateLimit:
    """`per_minute` tokens a client may spend; they come back evenly over the minute.

    Kept in memory per process: a restart forgets the counts, which costs an attacker at most
    one more minute's worth of tries.
    """

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(max(per_minute, 1))
        self.per_second = self.capacity / 60
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, at)

    def _tokens(self, client: str, now: float) -> float:
        tokens, at = self._buckets.get(client, (self.capacity, now))
        return min(self.capacity, tokens + (now - at) * self.per_second)

    def wait(self, client: str) -> int:
        """Seconds until this client may try again; 0 when it may now."""
        missing = 1 - self._tokens(client, self.clock())
        return math.ceil(missing / self.per_second) if missing > 0 else 0

    def spend(self, client: str) -> None:
        now = self.clock()
        if len(self._buckets) >= PRUNE_AT:
            full = [c for c in self._buckets if self._tokens(c, now) >= self.capacity]
            for c in full:
                del self._buckets[c]
        self._buckets[client] = (max(self._tokens(client, now) - 1, 0.0), now)
