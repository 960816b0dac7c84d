"""Measure the full room: one ordinary server carrying a whole Opdenksessie (issue 6).

    make bench                     # = .venv/bin/python -m benchmarks.room
    .venv/bin/python -m benchmarks.room --phones 300 --tablets 30 --boards 3 --duration 120
    .venv/bin/python -m benchmarks.room --quick         # a handful of clients, a few seconds
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test make bench

It starts the app as `make run` does (uvicorn, one worker) on a fresh database, and the
reference endpoint (benchmarks/reference.py) beside it; this process drives both over
127.0.0.1 through the routes the tablets, phones and boards use. Four measurements, each on a
session of its own, made through the facilitator's form:

1. rate      - the autosave route's request rate as a share of the reference endpoint's, same
               client, same connections, same duration, alternating rounds.
2. weight    - a tablet's first load with all its assets (gzip), one autosave round trip.
3. fan-out   - one save, then the time until every one of N connected SSE subscribers (boards
               and the tablets of the group) has it; repeated for a number of rounds.
4. room      - phones, tablets and boards joined as people do, every device saving a field every
               `interval` seconds for `duration` seconds, boards and tablets streaming; then the
               export and the boards are compared with what the clients were told was saved.

Everything is bounded in time and in requests and stops by itself. The figures are printed as a
table and written to benchmarks/results/room-<database>-<time>.json.
"""

import argparse
import asyncio
import io
import json
import os
import pstats
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import AsyncExitStack
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from time import perf_counter

import httpx

from benchmarks.devices import Device, EventStream, board_figures, http_client, wire_size
from benchmarks.report import latency_ms, table, write_json
from benchmarks.servers import (
    PROJECT_ROOT,
    Server,
    app_server,
    database_kind,
    fresh_database,
    machine_busy_seconds,
    machine_info,
    process_cpu_seconds,
    raise_priority,
    reference_server,
)
from benchmarks.wire import BROWSER_HEADERS, WireConnection, boundary, multipart

RESULTS = PROJECT_ROOT / "benchmarks" / "results"
CASUSSEN = ("stad-en-streek", "binnenmeren")
MAX_GROUPS = 40  # app.domain.sessions.MAX_GROUPS
INZICHTEN = ("tk.inzicht_w1.1", "tk.inzicht_w1.2", "tk.inzicht_w2.1", "tk.inzicht_w2.2")
# What a group types in the room, in turn; the board shows the inzichten and the partners.
TABLET_KEYS = (
    "tk.inzicht_w1.1",
    "w2.wie.1",
    "w1.kwaliteit.zin",
    "tk.inzicht_w1.2",
    "w2.wie.2",
    "rol.schrijver",
    "tk.inzicht_w2.1",
    "w2.wie.3",
    "w2.1.wat",
    "tk.inzicht_w2.2",
    "tk.vervolgstap",
)
PHONE_KEYS = (
    "oogst.eyeopeners",
    "oogst.w1_praktijk",
    "oogst.w1_regio",
    "oogst.w2_praktijk",
    "oogst.w2_regio",
)
SHARED_KEY = "oogst.eyeopeners"
SHORT_FIELDS = {"w2.wie.": 110, "rol.": 70}  # fields with a low max length, by prefix
LONG_FIELD = 400
_VOCABULARY = (
    "opleiden samen school regio partner stage begeleiding werkplek student leraar bestuur "
    "financien kwaliteit netwerk vertrouwen tijd ruimte gesprek afspraak ontwikkeling "
    "zij-instromer mentor opleider praktijk visie leerlingen teams rooster inductie"
)
WORDS = tuple(_VOCABULARY.split())

QUIET = 0.25  # cores of other processes' CPU above which the machine counts as busy
TARGETS = {
    "rate_share": 0.25,
    "fanout_p99_ms": 200,
    "save_p99_ms": 50,
    "rss_mb": 200,
    "first_load_kb": 60,
    "round_trip_bytes": 2048,
}


@dataclass
class Config:
    phones: int = 300
    tablets: int = 30
    boards: int = 3
    facilitators: int = 1
    duration: float = 120.0  # seconds of the simulated room
    interval: float = 2.0  # seconds between two saves of one device
    subscribers: int = 300  # SSE subscribers for the fan-out figure, half boards, half tablets
    fanout_rounds: int = 20
    concurrency: int = 50  # connections for the rate comparison
    rate_seconds: float = 5.0  # one measured window
    rate_rounds: int = 3  # windows per endpoint, alternating
    warmup: float = 1.0
    wait_quiet: float = 60.0  # seconds to wait, at most, for other processes to calm down
    prioritise: bool = True  # run the servers and the driver at nice -10 (where allowed)
    seed: int = 6

    @classmethod
    def quick(cls) -> "Config":
        """The tiny size the test suite runs: a handful of clients, a few seconds."""
        return cls(
            phones=6,
            tablets=3,
            boards=1,
            duration=3.0,
            interval=1.0,
            subscribers=8,
            fanout_rounds=3,
            concurrency=4,
            rate_seconds=1.0,
            rate_rounds=1,
            warmup=0.2,
            wait_quiet=0.0,
            prioritise=False,
        )


class Gate:
    """At most n requests of one kind in flight while the room joins: people arrive in a
    stream, not all in the same millisecond."""

    def __init__(self, n: int) -> None:
        self._semaphore = asyncio.Semaphore(n)

    async def __call__(self, coroutine):
        async with self._semaphore:
            return await coroutine


async def join_all(gate: Gate, joins: list, tally: "Tally | None" = None) -> list[Device]:
    """Join devices (pairs of a device and its join coroutine), at most gate's number at once.

    A join that fails is counted (tally.errors, and join_failures) and that device stays out;
    the run goes on, so that the figures say what happened.
    """

    async def one(device: Device, coroutine) -> Device | None:
        async def timed_join():
            t0 = perf_counter()
            await coroutine
            return perf_counter() - t0

        try:
            took = await gate(timed_join())
        except (httpx.HTTPError, RuntimeError) as error:
            JOIN_FAILURES.append(f"{device.label}: {type(error).__name__} {error}"[:200])
            if tally is not None:
                tally.failed(f"{device.label} join: {type(error).__name__}")
            return None
        if tally is not None:
            tally.joins.append(took)
        return device

    done = await asyncio.gather(*(one(device, coroutine) for device, coroutine in joins))
    return [device for device in done if device is not None]


JOIN_FAILURES: list[str] = []  # this run's failed joins, all phases


# ---- sessions, through the facilitator's form ------------------------------------------------
@dataclass
class Room:
    key: str
    code: str
    groups: list[tuple[int, str]]  # (id, name) in the regie page's order
    tables: dict[int, str]  # group id -> the code on its table card

    def card(self, index: int) -> str:
        """The table code of the group at `index` (wrapping around)."""
        return self.tables[self.groups[index % len(self.groups)][0]]


async def create_session(http: httpx.AsyncClient, title: str, groups: int) -> Room:
    form = {
        "title": title,
        "date": date.today().isoformat(),
        "group_name": [f"Tafel {n}" for n in range(1, groups + 1)],
        "group_casus": [CASUSSEN[n % len(CASUSSEN)] for n in range(groups)],
    }
    response = await http.post("/nieuw", data=form)
    if response.status_code != 303:
        raise RuntimeError(f"POST /nieuw answered {response.status_code}: {response.text[:300]}")
    key = response.headers["location"].rstrip("/").rsplit("/", 1)[1]
    overview = (await http.get(f"/regie/{key}")).text
    code = re.search(r'<strong class="code">([\w-]+)</strong>', overview).group(1).replace("-", "")
    tablets = (await http.get(f"/regie/{key}/tablets")).text
    found = re.findall(
        r'<tr id="tablets-(\d+)">\s*<td>(.*?)<br>.*?<strong class="table-code">([\w-]+)</strong>',
        tablets,
        re.S,
    )
    if len(found) != groups:
        raise RuntimeError(f"the regie page of {code} lists {len(found)} tables, not {groups}")
    return Room(
        key,
        code,
        [(int(i), name) for i, name, _ in found],
        {int(i): table.replace("-", "") for i, _, table in found},
    )


async def reveal_everything(http: httpx.AsyncClient, room: Room) -> None:
    """The facilitator lets every inzicht and shared eye-opener written so far onto the board."""
    overview = (await http.get(f"/regie/{room.key}")).text
    items = sorted(set(re.findall(r'name="item" value="([^"]+)"', overview)))
    if items:
        answer = await http.post(
            f"/regie/{room.key}/moderatie", data={"zet": "revealed:1", "item": items}
        )
        if answer.status_code != 303:
            raise RuntimeError(f"revealing answered {answer.status_code}: {answer.text[:300]}")


def text_for(rng: random.Random, label: str, key: str, n: int, previous: str) -> str:
    """What a device has typed by its n-th save of key: the previous text, a few words more."""
    limit = next((m for p, m in SHORT_FIELDS.items() if key.startswith(p)), LONG_FIELD)
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7)))
    stamp = f"{label} {n}:"
    grown = f"{previous} {stamp} {words}" if previous else f"{stamp} {words}"
    if len(grown) > limit:
        grown = f"{stamp} {words}"  # rewritten: as someone who starts the sentence over
    return grown[:limit]


# ---- 1. request rate: the autosave route against the reference endpoint -----------------------
async def measure_rate(config: Config, app: Server, reference: Server, http) -> dict:
    room = await create_session(http, "Meting: schrijfsnelheid", min(config.concurrency, 30))
    devices = [Device(app.url, room.code, "g", f"w{i}") for i in range(config.concurrency)]
    devices = await join_all(
        Gate(16),
        [(d, d.join_table(room.card(i))) for i, d in enumerate(devices)],
    )
    page = f"/s/{room.code}/groep"
    workers = []
    for i, device in enumerate(devices):
        key = TABLET_KEYS[i // len(room.groups) % len(TABLET_KEYS)]
        workers.append(RateWorker(device.cookie(), key, i, page))
        await device.close()

    results: dict[str, list] = {"app": [], "reference": []}
    latencies: dict[str, list[float]] = {"app": [], "reference": []}
    errors = {"app": 0, "reference": 0}
    cpu: dict[str, list[float]] = {"app": [], "reference": []}
    other: list[float] = []
    for _ in range(config.rate_rounds):
        for name, server, path in (
            ("reference", reference, "/save"),
            ("app", app, f"/s/{room.code}/groep/veld"),
        ):
            window = await load_window(workers, server, path, config)
            results[name].append(window.rps)
            latencies[name] += window.latencies
            errors[name] += window.failed
            cpu[name].append(window.cpu_per_request)
            other.append(window.other_cpu)
    app_rps, reference_rps = median(results["app"]), median(results["reference"])
    app_cpu, reference_cpu = median(cpu["app"]), median(cpu["reference"])
    return {
        "concurrency": config.concurrency,
        "seconds": config.rate_seconds,
        "rounds": config.rate_rounds,
        "client": "benchmarks.wire.WireConnection (HTTP/1.1 keep-alive, asyncio streams)",
        "app_rps": app_rps,
        "reference_rps": reference_rps,
        "app_rounds": results["app"],
        "reference_rounds": results["reference"],
        "share": app_rps / reference_rps if reference_rps else 0.0,
        "app_latency": latency_ms(latencies["app"]),
        "reference_latency": latency_ms(latencies["reference"]),
        "app_errors": errors["app"],
        "reference_errors": errors["reference"],
        "app_cpu_ms": app_cpu * 1000,
        "reference_cpu_ms": reference_cpu * 1000,
        "cpu_share": reference_cpu / app_cpu if app_cpu else 0.0,
        "other_cpu": max(other, default=0.0),
    }


def median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2] if values else 0.0


class RateWorker:
    """One connection's worth of autosaves: a tablet's cookie, its own field, its version."""

    def __init__(self, cookie: str, key: str, index: int, page: str) -> None:
        self.cookie = cookie
        self.key = key
        self.label = f"w{index}"
        self.page = page
        self.version = 0
        self.mark = boundary()
        self.rng = random.Random(index)
        self.text = ""
        self.sent = 0

    def body(self) -> tuple[bytes, str]:
        self.sent += 1
        self.text = text_for(self.rng, self.label, self.key, self.sent, self.text)
        fields = {"key": self.key, "value": self.text, "version": str(self.version)}
        return multipart(fields, self.mark)

    def headers(self, server: Server, content_type: str) -> dict[str, str]:
        return {
            **BROWSER_HEADERS,
            "Origin": server.url,
            "Referer": f"{server.url}{self.page}",
            "HX-Request": "true",
            "Content-Type": content_type,
            "Cookie": f"opdenksessie={self.cookie}",
        }


VERSION_BYTES = re.compile(rb'data-version="(\d+)"')


@dataclass
class Window:
    rps: float
    latencies: list[float]
    failed: int
    cpu_per_request: float  # seconds of the server's CPU per request
    other_cpu: float  # cores the machine's other processes used meanwhile


async def load_window(
    workers: list[RateWorker], server: Server, path: str, config: Config
) -> Window:
    """Every worker sends saves back to back on its own connection: warm-up, then the window.

    Besides the rate, the server's CPU time per request is taken: unlike the rate, it hardly
    changes when other processes compete for the machine's cores.
    """
    start = perf_counter()
    measure_from = start + config.warmup
    end = measure_from + config.rate_seconds
    latencies: list[float] = []
    failed = 0
    cpu: dict[str, float] = {}

    async def meter() -> None:
        await asyncio.sleep(max(0.0, measure_from - perf_counter()))
        cpu.update(
            server=server.cpu_seconds(), busy=machine_busy_seconds(), own=time.process_time()
        )
        done = len(latencies)
        await asyncio.sleep(max(0.0, end - perf_counter()))
        cpu["server"] = server.cpu_seconds() - cpu["server"]
        cpu["busy"] = machine_busy_seconds() - cpu["busy"]
        cpu["own"] = time.process_time() - cpu["own"]
        cpu["requests"] = len(latencies) - done

    async def run(worker: RateWorker) -> None:
        nonlocal failed
        connection = WireConnection("127.0.0.1", server.port)
        head = b""
        try:
            while (t0 := perf_counter()) < end:
                body, content_type = worker.body()
                head = head or connection.head("POST", path, worker.headers(server, content_type))
                status, answer = await connection.request(head, body)
                t1 = perf_counter()
                found = VERSION_BYTES.search(answer)
                if found:  # the app's answer; the reference's "ok" leaves the version be
                    worker.version = int(found.group(1))
                if t0 >= measure_from:
                    latencies.append(t1 - t0)
                    failed += status != 200
        finally:
            await connection.close()

    await asyncio.gather(meter(), *(run(w) for w in workers))
    other = max(0.0, cpu["busy"] - cpu["server"] - cpu["own"]) / config.rate_seconds
    return Window(
        len(latencies) / config.rate_seconds,
        latencies,
        failed,
        cpu["server"] / max(1, cpu["requests"]),
        other,
    )


# ---- 2. page weight ---------------------------------------------------------------------------
ASSET = re.compile(r'<(?:link|script|img)\b[^>]*?\b(?:href|src)="(/[^"#]+)"')


async def first_load(device: Device, response: httpx.Response) -> int:
    """The document and every stylesheet, script and image it names, as transferred (gzip)."""
    total = wire_size(response)
    for asset in sorted(set(ASSET.findall(response.text))):
        answer = await device.http.get(asset, headers={"Referer": device.page})
        answer.raise_for_status()
        total += wire_size(answer)
    return total


async def measure_weight(app: Server, http) -> dict:
    room = await create_session(http, "Meting: paginagewicht", 2)
    tablet = Device(app.url, room.code, "g", "gewicht")
    phone = Device(app.url, room.code, "p", "gewicht")
    try:
        await tablet.join_table(room.card(0))
        page = await tablet.http.get(tablet.page)  # the load itself, after the join's redirect
        tablet_load = await first_load(tablet, page)
        stream = EventStream(tablet.http, f"/s/{room.code}/groep/events").start()
        await asyncio.wait_for(stream.connected.wait(), 10)
        await stream.stop()
        await phone.join_participant("")
        phone_load = await first_load(phone, await phone.http.get(phone.page))
        await tablet.save("tk.inzicht_w1.1", "Samen opleiden begint bij elkaar kennen.")
        saved = await tablet.save(
            "tk.inzicht_w1.1", "Samen opleiden begint bij elkaar kennen, en elkaar iets gunnen."
        )
        if saved.status_code != 200:
            raise RuntimeError(f"the weight autosave answered {saved.status_code}")
        return {
            "tablet_first_load": tablet_load,
            "phone_first_load": phone_load,
            "tablet_stream_opening": stream.first_message,
            "autosave_round_trip": wire_size(saved, with_request=True),
            "autosave_answer": wire_size(saved),
        }
    finally:
        await tablet.close()
        await phone.close()


# ---- 3. fan-out: one save to N subscribers ----------------------------------------------------
async def measure_fanout(config: Config, app: Server, http) -> dict:
    room = await create_session(http, "Meting: verspreiding", 2)
    boards = config.subscribers // 2
    tablets = config.subscribers - boards
    board_client = http_client(app.url, connections=boards + 1)
    writer = Device(app.url, room.code, "g", "schrijver")
    listeners = [Device(app.url, room.code, "g", f"t{i}") for i in range(tablets)]
    streams: list[EventStream] = []
    try:
        await writer.join_table(room.card(0))
        joined = await join_all(Gate(16), [(t, t.join_table(room.card(0))) for t in listeners])
        for t in set(listeners) - set(joined):
            await t.close()
        listeners = joined
        streams = [EventStream(board_client, f"/s/{room.code}/bord/events") for _ in range(boards)]
        streams += [EventStream(t.http, f"/s/{room.code}/groep/events") for t in listeners]
        for s in streams:
            s.start()
        await asyncio.wait_for(asyncio.gather(*(s.connected.wait() for s in streams)), 120)
        broken = [s for s in streams if s.ended or s.status != 200]
        if broken:
            raise RuntimeError(f"{len(broken)} fan-out streams failed: {broken[0].error}")
        # The board shows an inzicht once revealed, and its every new text from then on.
        await writer.save(INZICHTEN[0], "Inzicht")
        await reveal_everything(http, room)
        await asyncio.sleep(0.5)

        arrivals: list[float] = []
        by_kind: dict[str, list[float]] = {"boards": [], "tablets": []}
        saves: list[float] = []
        missing = 0
        for n in range(config.fanout_rounds):
            marker = f"fanout{n}x{secrets.token_hex(4)}"
            for s in streams:
                s.watch(marker.encode())
            t0 = perf_counter()
            answer = await writer.save(INZICHTEN[0], f"Inzicht {marker}")
            saves.append(perf_counter() - t0)
            if answer.status_code != 200:
                raise RuntimeError(f"the fan-out save answered {answer.status_code}")
            deadline = t0 + 5.0
            while perf_counter() < deadline and any(s.arrived is None for s in streams):
                await asyncio.sleep(0.005)
            for i, s in enumerate(streams):
                if s.arrived is None:
                    missing += 1
                    continue
                arrivals.append(s.arrived - t0)
                by_kind["boards" if i < boards else "tablets"].append(s.arrived - t0)
            await asyncio.sleep(0.4)  # past the board's throttle, so each round starts quiet
        return {
            "subscribers": len(streams),
            "boards": boards,
            "tablets": tablets,
            "rounds": config.fanout_rounds,
            "latency": latency_ms(arrivals),
            "boards_latency": latency_ms(by_kind["boards"]),
            "tablets_latency": latency_ms(by_kind["tablets"]),
            "missing": missing,
            "save": latency_ms(saves),
        }
    finally:
        for s in streams:
            await s.stop()
        await board_client.aclose()
        await writer.close()
        for t in listeners:
            await t.close()


# ---- 4. the room ------------------------------------------------------------------------------
@dataclass
class Tally:
    saves: list[float] = field(default_factory=list)
    started: list[float] = field(default_factory=list)  # when each save was sent
    shares: list[float] = field(default_factory=list)
    joins: list[float] = field(default_factory=list)
    errors: int = 0
    conflicts: int = 0
    error_samples: list[str] = field(default_factory=list)

    def failed(self, what: str) -> None:
        self.errors += 1
        if len(self.error_samples) < 10:
            self.error_samples.append(what)


async def timed(tally_list: list[float], coroutine):
    t0 = perf_counter()
    result = await coroutine
    tally_list.append(perf_counter() - t0)
    return result


async def device_loop(
    device: Device, keys: tuple[str, ...], start: float, end: float, config: Config, tally: Tally
) -> None:
    """Save one field every interval until the room's time is up; a phone shares its
    eye-opener once it is saved. A save that takes longer than the interval delays the next
    (a device never has two saves of its own in flight)."""
    rng = random.Random(f"{config.seed}:{device.label}")
    at = start + rng.uniform(0, config.interval)
    n = 0
    texts: dict[str, str] = {}
    while at < end:
        await asyncio.sleep(max(0.0, at - perf_counter()))
        key = keys[n % len(keys)]
        n += 1
        texts[key] = text_for(rng, device.label, key, n, texts.get(key, ""))
        t0 = perf_counter()
        try:
            response = await device.save(key, texts[key])
            tally.saves.append(perf_counter() - t0)
            tally.started.append(t0)
            if response.status_code == 409:
                tally.conflicts += 1
            if response.status_code != 200:
                tally.failed(f"{device.label} {key}: HTTP {response.status_code}")
            elif key == SHARED_KEY and key not in device.shared:
                shared = await timed(tally.shares, device.share(key))
                if key not in device.shared:
                    tally.failed(f"{device.label} share: HTTP {shared.status_code}")
        except httpx.HTTPError as error:
            tally.saves.append(perf_counter() - t0)
            tally.started.append(t0)
            tally.failed(f"{device.label} {key}: {type(error).__name__}")
        at = max(at + config.interval, perf_counter())


async def loop_lag(end: float, lag: list[float], every: float = 0.02) -> None:
    """How late this driver's event loop wakes up: were it busy, the room's latencies would be
    the driver's, not the server's."""
    while perf_counter() < end:
        asked = perf_counter()
        await asyncio.sleep(every)
        lag.append(max(0.0, perf_counter() - asked - every))


async def measure_room(config: Config, app: Server, http) -> dict:
    groups = max(1, min(config.tablets, MAX_GROUPS))
    room = await create_session(http, "Meting: de zaal", groups)
    tally = Tally()
    tablets = [Device(app.url, room.code, "g", f"tablet{i + 1}") for i in range(config.tablets)]
    phones = [Device(app.url, room.code, "p", f"telefoon{i + 1}") for i in range(config.phones)]
    screens = http_client(app.url, connections=config.boards + config.facilitators + 1)
    streams: list[EventStream] = []
    async with AsyncExitStack() as stack:
        for device in (*tablets, *phones):
            stack.push_async_callback(device.close)
        stack.push_async_callback(screens.aclose)

        # People arrive: tablets pick their group, phones start a personal sheet.
        group_of = {t.label: room.groups[i % groups] for i, t in enumerate(tablets)}
        joined = await join_all(
            Gate(16),
            [(t, t.join_table(room.tables[group_of[t.label][0]])) for t in tablets]
            + [(p, p.join_participant(p.label)) for p in phones],
            tally,
        )
        tablets = [t for t in tablets if t in joined]
        phones = [p for p in phones if p in joined]
        # Screens connect: every tablet, the boards, the facilitator's overview.
        tablet_streams = [
            EventStream(t.http, f"/s/{room.code}/groep/events", parse=True) for t in tablets
        ]
        board_streams = [
            EventStream(screens, f"/s/{room.code}/bord/events", parse=True)
            for _ in range(config.boards)
        ]
        facilitator_streams = [
            EventStream(screens, f"/regie/{room.key}/events") for _ in range(config.facilitators)
        ]
        streams = tablet_streams + board_streams + facilitator_streams
        for s in streams:
            s.start()
            stack.push_async_callback(s.stop)
        await asyncio.wait_for(asyncio.gather(*(s.connected.wait() for s in streams)), 120)

        # Tablets that share a group split its fields between them, so they never collide.
        per_group: dict[int, list[Device]] = {}
        for t in tablets:
            per_group.setdefault(group_of[t.label][0], []).append(t)
        keys_of = {
            t.label: TABLET_KEYS[i :: len(mates)] or TABLET_KEYS[:1]
            for mates in per_group.values()
            for i, t in enumerate(mates)
        }
        # The probe: one more tablet, in a process and a session of its own (benchmarks/probe.py).
        probe_room = await create_session(http, "Meting: peiling", 1)
        probe_out = Path(tempfile.mkstemp(prefix="opd-probe-", suffix=".json")[1])
        probe = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.probe", app.url, probe_room.code]
            + [probe_room.card(0), str(config.duration), "0.2", str(probe_out)]
            + (["prioritise"] if config.prioritise else []),
            cwd=PROJECT_ROOT,
        )
        server_cpu, busy, driver_cpu = (
            app.cpu_seconds(),
            machine_busy_seconds(),
            time.process_time(),
        )
        start = perf_counter() + 0.1
        end = start + config.duration
        lag: list[float] = []
        await asyncio.gather(
            loop_lag(end, lag),
            *(device_loop(t, keys_of[t.label], start, end, config, tally) for t in tablets),
            *(device_loop(p, PHONE_KEYS, start, end, config, tally) for p in phones),
        )
        elapsed = perf_counter() - start
        try:
            await asyncio.to_thread(probe.wait, 60)
            probed = json.loads(probe_out.read_text())
        except (subprocess.TimeoutExpired, ValueError, OSError):
            probe.kill()
            probed = {"latencies": [], "failed": -1}
        finally:
            probe_out.unlink(missing_ok=True)
        server_cpu = app.cpu_seconds() - server_cpu
        driver_cpu = time.process_time() - driver_cpu
        busy = machine_busy_seconds() - busy
        await reveal_everything(http, room)
        await asyncio.sleep(1.0)  # the boards' last coalesced render goes out

        check = await verify(
            room, app, http, tablets, phones, group_of, tablet_streams, board_streams
        )
        dropped = sum(s.drops for s in streams)
        board_sizes = [len(s.last_data.encode()) for s in board_streams]
        board_messages = [s.messages for s in board_streams]
    saves = latency_ms(tally.saves)
    # Latency over the room's time, by 10-second stretch: a start-up burst shows apart.
    stretches: dict[int, list[float]] = {}
    for sent, took in zip(tally.started, tally.saves, strict=True):
        stretches.setdefault(int((sent - start) // 10), []).append(took)
    timeline = [{"from_s": k * 10, **latency_ms(v)} for k, v in sorted(stretches.items())]
    after_first = [took for k, v in stretches.items() if k > 0 for took in v]
    return {
        "phones": config.phones,
        "tablets": config.tablets,
        "groups": groups,
        "boards": config.boards,
        "facilitators": config.facilitators,
        "duration": elapsed,
        "interval": config.interval,
        "saves": saves,
        "saves_after_10s": latency_ms(after_first),
        "probe": {**latency_ms(probed["latencies"]), "failed": probed["failed"]},
        "driver_loop_lag": latency_ms(lag),
        "timeline": timeline,
        "save_rate": len(tally.saves) / elapsed if elapsed else 0.0,
        "shares": latency_ms(tally.shares),
        "joins": latency_ms(tally.joins),
        "errors": tally.errors,
        "joined": {"tablets": len(tablets), "phones": len(phones)},
        "error_samples": tally.error_samples,
        "conflicts": tally.conflicts,
        "retries": sum(d.retries for d in (*tablets, *phones)),
        "streams_dropped": dropped,
        "board_message_bytes": max(board_sizes, default=0),
        "board_messages": sum(board_messages) / len(board_messages) if board_messages else 0,
        "server_cpu": server_cpu / elapsed,
        "driver_cpu": driver_cpu / elapsed,
        "other_cpu": max(0.0, busy - server_cpu - driver_cpu) / elapsed,
        "lost": check,
    }


def backup_of(room: Room, app: Server) -> dict:
    """All the server holds for the room, private sheets included: the operator's full backup
    (the facilitator's export leaves out what only participants may see)."""
    file = app.log.parent / "backup.json"
    command = [sys.executable, "-m", "app.backup", "dump", str(file)]
    subprocess.run(command, cwd=PROJECT_ROOT, env=app.env, check=True, capture_output=True)
    sessions = json.loads(file.read_text())["sessions"]
    return next(s for s in sessions if s["facilitator_key"] == room.key)


async def verify(
    room: Room,
    app: Server,
    http: httpx.AsyncClient,
    tablets: list[Device],
    phones: list[Device],
    group_of: dict[str, tuple[int, str]],
    tablet_streams: list[EventStream],
    board_streams: list[EventStream],
) -> dict:
    """Compare what the server kept and what the boards show with what clients were told."""
    export = await asyncio.to_thread(backup_of, room, app)
    held = {("g", g["name"]): g["entries"] for g in export["groups"]}
    held.update({("p", p["name"]): p["entries"] for p in export["participants"]})

    checked = lost = 0
    lost_samples: list[str] = []
    group_values: dict[int, dict[str, str]] = {}  # group id -> key -> value now held
    shared_now: set[str] = set()
    for device in (*tablets, *phones):
        owner = ("g", group_of[device.label][1]) if device.kind == "g" else ("p", device.label)
        entries = held.get(owner, {})
        for key in set(device.confirmed) | set(device.unanswered):
            checked += 1
            value = entries.get(key, {}).get("value", "")
            if value not in device.acceptable(key):
                lost += 1
                if len(lost_samples) < 5:
                    lost_samples.append(f"{owner} {key}: {value[:40]!r}")
            if device.kind == "g":
                group_values.setdefault(group_of[device.label][0], {})[key] = value
        for key in device.shared:
            checked += 1
            if not entries.get(key, {}).get("shared"):
                lost += 1
                lost_samples.append(f"{owner} {key}: not shared")
            elif entries[key]["value"].strip():
                shared_now.add(entries[key]["value"].strip())

    expected = {
        "tiles": {
            gid: [v for k in INZICHTEN if (v := group_values.get(gid, {}).get(k, "").strip())]
            for gid, _ in room.groups
        },
        "participants": len(phones),
        "joined_groups": len({group_of[t.label][0] for t in tablets}),
        "groups": len(room.groups),
    }
    partner_names = {
        " ".join(v.strip().lower().split())
        for values in group_values.values()
        for k, v in values.items()
        if k.startswith("w2.wie.") and v.strip()
    }

    mismatches: list[str] = []

    def board_matches(figures: dict, where: str) -> bool:
        """True when a board shows what the clients entered; else the first difference is kept."""
        wrong = [name for name, value in expected.items() if figures[name] != value]
        # The board shows the latest few eye-openers and the most named partners: each one
        # shown must be one entered, and some must be shown once any were entered.
        quotes = set(figures["quotes"])
        if not quotes <= shared_now or bool(quotes) != bool(shared_now):
            wrong.append("quotes")
        shown = {" ".join(p.lower().split()) for p in figures["partners"]}
        if not shown <= partner_names or bool(shown) != bool(partner_names):
            wrong.append("partners")
        if wrong and len(mismatches) < 5:
            name = wrong[0]
            got = figures.get(name)
            want = expected.get(name, {"quotes": shared_now, "partners": partner_names}.get(name))
            if name == "tiles":
                gid = next(g for g in want if got.get(g) != want[g])
                got, want = got.get(gid), want[gid]
            mismatches.append(f"{where} {name}: shows {str(got)[:160]}, expected {str(want)[:160]}")
        return not wrong

    page = (await http.get(f"/s/{room.code}/bord")).text
    board_page_ok = board_matches(board_figures(page), "page")
    boards_live_ok = sum(
        board_matches(board_figures(s.last_data), f"live board {i + 1}")
        for i, s in enumerate(board_streams)
    )

    heard = missed = 0
    for device, stream in zip(tablets, tablet_streams, strict=True):
        for key, version in device.versions.items():
            heard += 1
            missed += (key, version) not in stream.fields
    return {
        "export_checked": checked,
        "export_lost": lost,
        "lost_samples": lost_samples,
        "board_page_ok": board_page_ok,
        "board_mismatches": mismatches,
        "boards": len(board_streams),
        "boards_live_ok": boards_live_ok,
        "tablet_updates": heard,
        "tablet_updates_missed": missed,
    }


# ---- the whole run ----------------------------------------------------------------------------
async def measure(config: Config, app: Server, reference: Server) -> dict:
    async with http_client(app.url, connections=4) as facilitator:
        weight = await measure_weight(app, facilitator)
        rate = await measure_rate(config, app, reference, facilitator)
        fanout = await measure_fanout(config, app, facilitator)
        room = await measure_room(config, app, facilitator)
    return {"rate": rate, "weight": weight, "fanout": fanout, "room": room}


def git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=5,
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "app", "templates", "static"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=5,
        )
        return out.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return ""


def other_load(seconds: float = 2.0) -> float:
    """CPU the machine's other processes use now, in cores (0.5 = half a core)."""
    mine = os.getpid()
    before, own = machine_busy_seconds(), process_cpu_seconds(mine)
    time.sleep(seconds)
    return max(0.0, machine_busy_seconds() - before - (process_cpu_seconds(mine) - own)) / seconds


def wait_until_quiet(limit: float, say) -> float:
    """Wait (at most limit seconds) until other processes use under a quarter of a core."""
    deadline = time.monotonic() + limit
    load = other_load(1.0)
    while load > QUIET and time.monotonic() < deadline:
        say(f"other processes use {load * 100:.0f} % of a core; waiting for a quieter machine …")
        load = other_load(5.0)
    return load


def event_loop_runner():
    try:
        import uvloop

        return asyncio.Runner(loop_factory=uvloop.new_event_loop)
    except ImportError:
        return asyncio.Runner()


def run(
    config: Config,
    results_dir: Path | None = RESULTS,
    quiet: bool = False,
    database_url: str | None = None,
    profile: bool = False,
) -> dict:
    """Run every measurement once; print the table, write the JSON; return the figures.

    On a fresh SQLite file, or on a new database of the PostgreSQL server that database_url
    (by default the environment's DATABASE_URL) names.
    """
    database_url = database_url or os.environ.get("DATABASE_URL")
    started = datetime.now().astimezone().isoformat(timespec="seconds")
    say = (lambda *_: None) if quiet else (lambda text: print(text, file=sys.stderr, flush=True))
    JOIN_FAILURES.clear()
    load_before = wait_until_quiet(config.wait_quiet, say)
    driver_priority = raise_priority() if config.prioritise else os.getpriority(os.PRIO_PROCESS, 0)
    with tempfile.TemporaryDirectory(prefix="opd-bench-") as folder:
        workdir = Path(folder)
        with fresh_database(workdir, database_url) as url:
            say(f"starting the app ({database_kind(database_url)}) and the reference endpoint …")
            app = app_server(url, workdir)
            if profile:  # the same app, under cProfile (see benchmarks/profiled.py)
                app.command = [sys.executable, "-m", "benchmarks.profiled", str(app.port)]
                app.command.insert(3, str(workdir / "app.prof"))
            reference = reference_server(workdir)
            app.prioritise = reference.prioritise = config.prioritise
            with app, reference:
                say(
                    f"driving {config.phones} phones, {config.tablets} tablets, "
                    f"{config.boards} boards; the room runs {config.duration:.0f} s …"
                )
                with event_loop_runner() as runner:
                    figures = runner.run(measure(config, app, reference))
                memory = app.memory_kb()
                priorities = {"app": app.priority, "reference": reference.priority}
                if profile:
                    profile_report = dump_profile(app, workdir / "app.prof", results_dir)
            server_errors = (workdir / "app.log").read_text(errors="replace").count("Traceback")
    results = {
        "started": started,
        "database": database_kind(database_url),
        "commit": git_commit(),
        "config": asdict(config),
        "machine": {
            **machine_info(),
            "other_load_before": load_before,
            "busy_above": QUIET,
            "nice": {**priorities, "driver": driver_priority},
        },
        "targets": TARGETS,
        **figures,
        "server": {
            "peak_rss_mb": memory["VmHWM"] / 1024,
            "rss_at_end_mb": memory["VmRSS"] / 1024,
            "tracebacks_in_log": server_errors,
        },
        "join_failures": list(JOIN_FAILURES),
    }
    if results_dir is not None:
        results["json"] = str(write_json(results, results_dir))
    if not quiet:
        if profile:
            print(profile_report)
        print(table(results))
        if results_dir is not None:
            print(f"\nfigures written to {results['json']}")
    return results


def dump_profile(app: Server, path: Path, keep_in: Path | None) -> str:
    """Have the profiled server write its profile; the functions that took the most CPU."""
    os.kill(app.pid, signal.SIGUSR1)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not path.exists():
        time.sleep(0.2)
    time.sleep(1.0)  # let it finish writing
    if keep_in is not None:
        keep_in.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, keep_in / f"app-{datetime.now():%Y%m%d-%H%M%S}.prof")
    out = io.StringIO()
    stats = pstats.Stats(str(path), stream=out)
    out.write("Server CPU (event-loop thread) by function, cumulative, the app's own code:\n")
    stats.sort_stats("cumulative").print_stats(r"/app/", 25)
    out.write("\n... and by own time, every module:\n")
    stats.sort_stats("tottime").print_stats(25)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.room",
        description="Load benchmark of a whole Opdenksessie room on this machine.",
    )
    default = Config()
    parser.add_argument("--quick", action="store_true", help="tiny size: a few clients, seconds")
    for name, help_text in (
        ("phones", "personal sheets saving"),
        ("tablets", "group tablets saving and streaming (one group each, up to 40 groups)"),
        ("boards", "boards streaming the harvest"),
        ("facilitators", "facilitator overviews streaming"),
        ("duration", "seconds the room runs"),
        ("interval", "seconds between two saves of one device"),
        ("subscribers", "SSE subscribers for the fan-out figure"),
        ("fanout_rounds", "saves in the fan-out measurement"),
        ("concurrency", "connections for the request-rate comparison"),
        ("rate_seconds", "seconds of one request-rate window"),
        ("rate_rounds", "request-rate windows per endpoint"),
        ("wait_quiet", "seconds to wait, at most, for other processes to calm down first"),
    ):
        kind = type(getattr(default, name))
        parser.add_argument(f"--{name.replace('_', '-')}", type=kind, help=help_text)
    parser.add_argument("--no-json", action="store_true", help="do not write benchmarks/results")
    parser.add_argument(
        "--no-priority",
        action="store_true",
        help="leave the servers and this driver at normal priority (default: nice -10)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="run the app under cProfile and print where it spent"
    )
    args = parser.parse_args(argv)
    config = Config.quick() if args.quick else Config()
    for name in asdict(config):
        value = getattr(args, name, None)
        if value is not None:
            setattr(config, name, value)
    if args.no_priority:
        config.prioritise = False
    results = run(config, None if args.no_json else RESULTS, profile=args.profile)
    return 0 if results["room"]["lost"]["export_lost"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
