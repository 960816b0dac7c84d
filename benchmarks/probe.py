"""A probe: one tablet in a process of its own that saves a field every `interval` seconds.

The room's save latencies are taken in the driver, which also runs 330 other devices; the probe
takes the same route's latency from an otherwise idle process, so a slow driver cannot pass
for a slow server. It joins a table of a session of its own on the same server.

    python -m benchmarks.probe URL CODE TABLE_CODE SECONDS INTERVAL OUT.json
"""

import asyncio
import json
import sys
from time import perf_counter

from benchmarks.devices import Device
from benchmarks.servers import raise_priority


async def probe(url: str, code: str, table: str, seconds: float, interval: float) -> dict:
    tablet = Device(url, code, "g", "peiling")
    latencies: list[float] = []
    failed = 0
    try:
        await tablet.join_table(table)
        end = perf_counter() + seconds
        n = 0
        while perf_counter() < end:
            n += 1
            t0 = perf_counter()
            response = await tablet.save("tk.inzicht_w1.1", f"Peiling {n}: het bord loopt mee.")
            latencies.append(perf_counter() - t0)
            failed += response.status_code != 200
            await asyncio.sleep(max(0.0, t0 + interval - perf_counter()))
    finally:
        await tablet.close()
    return {"latencies": latencies, "failed": failed}


def main() -> None:
    url, code, table, seconds, interval, out = sys.argv[1:7]
    if len(sys.argv) > 7 and sys.argv[7] == "prioritise":
        raise_priority()
    result = asyncio.run(probe(url, code, table, float(seconds), float(interval)))
    with open(out, "w") as handle:
        json.dump(result, handle)


if __name__ == "__main__":
    main()
