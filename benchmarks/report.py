"""The figures as a table for the terminal and as JSON under benchmarks/results/."""

import json
import math
from dataclasses import dataclass
from pathlib import Path


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile (share 0.5 = median, 0.99 = p99); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def latency_ms(seconds: list[float]) -> dict:
    def ms(value: float | None) -> float | None:
        return None if value is None else round(value * 1000, 1)

    return {
        "count": len(seconds),
        "p50": ms(percentile(seconds, 0.50)),
        "p99": ms(percentile(seconds, 0.99)),
        "max": ms(max(seconds) if seconds else None),
    }


@dataclass
class Row:
    figure: str
    value: str
    target: str = ""
    met: bool | None = None  # None: a figure without a target

    @property
    def verdict(self) -> str:
        return "" if self.met is None else ("met" if self.met else "MISSED")


def rows(results: dict) -> list[Row]:
    """The table: every target of issue 6, then the figures that explain them."""
    t = results["targets"]
    rate, fan, room, weight = (
        results["rate"],
        results["fanout"],
        results["room"],
        results["weight"],
    )
    saves, lost = room["saves"], room["lost"]
    out = [
        Row(
            f"autosave rate / reference ({rate['concurrency']} connections)",
            f"{rate['share'] * 100:.0f} %  ({rate['app_rps']:,.0f} / {rate['reference_rps']:,.0f}"
            " req/s)",
            f"≥ {t['rate_share'] * 100:.0f} %",
            rate["share"] >= t["rate_share"],
        ),
        Row(
            f"one save → {fan['subscribers']} SSE subscribers, p50 / p99 / max",
            f"{fan['latency']['p50']} / {fan['latency']['p99']} / {fan['latency']['max']} ms"
            + (f"  ({fan['missing']} not received)" if fan["missing"] else ""),
            f"p99 < {t['fanout_p99_ms']} ms",
            fan["latency"]["p99"] is not None
            and fan["latency"]["p99"] < t["fanout_p99_ms"]
            and not fan["missing"],
        ),
        Row(
            "room: save latency p50 / p99 / max",
            f"{saves['p50']} / {saves['p99']} / {saves['max']} ms  ({saves['count']:,} saves)",
            f"p99 < {t['save_p99_ms']} ms",
            saves["p99"] is not None and saves["p99"] < t["save_p99_ms"],
        ),
        Row(
            "room: errors",
            f"{room['errors']}"
            + (
                f"  ({len(results['join_failures'])} joins failed)"
                if results["join_failures"]
                else ""
            ),
            "0",
            room["errors"] == 0 and not results["join_failures"],
        ),
        Row(
            "server peak RSS (VmHWM, whole run)",
            f"{results['server']['peak_rss_mb']:.0f} MB",
            f"< {t['rss_mb']} MB",
            results["server"]["peak_rss_mb"] < t["rss_mb"],
        ),
        Row(
            "room: saved values lost (export vs clients)",
            f"{lost['export_lost']} of {lost['export_checked']:,}",
            "0",
            lost["export_lost"] == 0 and lost["export_checked"] > 0,
        ),
        Row(
            "room: board = what the clients entered",
            f"page {'yes' if lost['board_page_ok'] else 'NO'}, live "
            f"{lost['boards_live_ok']}/{lost['boards']} boards",
            "yes, all boards",
            lost["board_page_ok"] and lost["boards_live_ok"] == lost["boards"],
        ),
        Row(
            "tablet first load, all assets, gzip",
            f"{weight['tablet_first_load'] / 1024:.1f} KB",
            f"≤ {t['first_load_kb']} KB",
            weight["tablet_first_load"] <= t["first_load_kb"] * 1024,
        ),
        Row(
            "one autosave round trip",
            f"{weight['autosave_round_trip']:,} B",
            f"≤ {t['round_trip_bytes']:,} B",
            weight["autosave_round_trip"] <= t["round_trip_bytes"],
        ),
        # Figures without a target: what the targets above rest on.
        Row(
            "  autosave latency at that rate, p50 / p99 (app | reference)",
            f"{rate['app_latency']['p50']} / {rate['app_latency']['p99']} | "
            f"{rate['reference_latency']['p50']} / {rate['reference_latency']['p99']} ms",
        ),
        Row(
            "  server CPU per request, app | reference (its share)",
            f"{rate['app_cpu_ms']:.2f} | {rate['reference_cpu_ms']:.2f} ms "
            f"({rate['cpu_share'] * 100:.0f} %)",
        ),
        Row(
            "  fan-out p99: boards | tablets",
            f"{fan['boards_latency']['p99']} ms ({fan['boards']}) | "
            f"{fan['tablets_latency']['p99']} ms ({fan['tablets']})",
        ),
        Row(
            "  room: save latency after the first 10 s, p50 / p99 / max",
            f"{room['saves_after_10s']['p50']} / {room['saves_after_10s']['p99']} / "
            f"{room['saves_after_10s']['max']} ms",
        ),
        Row(
            "  room: probe in its own process (5 saves/s), p50 / p99 / max",
            f"{room['probe']['p50']} / {room['probe']['p99']} / {room['probe']['max']} ms",
        ),
        Row(
            "  room: the driver's own event-loop lag, p99 / max",
            f"{room['driver_loop_lag']['p99']} / {room['driver_loop_lag']['max']} ms",
        ),
        Row(
            "  room: save p99 by 10-s stretch (ms)",
            " ".join(f"{s['p99']:.0f}" for s in room["timeline"]),
        ),
        Row(
            "  room: devices, duration, saves/s achieved",
            f"{room['phones']} phones, {room['tablets']} tablets, {room['boards']} boards, "
            f"{room['facilitators']} facilitator; {room['duration']:.0f} s; "
            f"{room['save_rate']:.0f}/s",
        ),
        Row(
            "  room: share p99, join p99, conflicts, resent after a closed keep-alive",
            f"{room['shares']['p99']} ms, {room['joins']['p99']} ms, {room['conflicts']}, "
            f"{room['retries']}",
        ),
        Row(
            "  room: live updates missed by tablets, streams cut off (reconnected)",
            f"{lost['tablet_updates_missed']} of {lost['tablet_updates']:,}, "
            f"{room['streams_dropped']}",
        ),
        Row(
            "  room: board message size, messages per board",
            f"{room['board_message_bytes'] / 1024:.0f} KB, {room['board_messages']:.0f}",
        ),
        Row(
            "  room: CPU of one core, server | driver | other processes",
            f"{room['server_cpu'] * 100:.0f} % | {room['driver_cpu'] * 100:.0f} % | "
            f"{room['other_cpu'] * 100:.0f} %",
        ),
        Row(
            "  phone first load, tablet live stream opening",
            f"{weight['phone_first_load'] / 1024:.1f} KB, "
            f"{weight['tablet_stream_opening'] / 1024:.1f} KB (not gzipped)",
        ),
    ]
    return out


def table(results: dict) -> str:
    lines = rows(results)
    widths = [
        max(len(r.figure) for r in lines),
        max(len(r.value) for r in lines),
        max(len(r.target) for r in lines),
    ]
    machine, rate = results["machine"], results["rate"]
    head = (
        f"Opdenksessie room benchmark · {results['database']} · {machine['cores']} cores "
        f"({machine['cpu'] or 'cpu unknown'}) · {results['started']}"
        f" · server and driver at nice {machine['nice']['app']}"
    )
    out = [head, ""]
    header = ("figure", "value", "target")
    out.append("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + "  result")
    out.append("  ".join("-" * w for w in widths) + "  ------")
    for r in lines:
        cells = (r.figure, r.value, r.target)
        out.append(
            "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + "  " + r.verdict
        )
    missed = [r.figure for r in lines if r.met is False]
    out.append("")
    out.append(f"targets missed: {', '.join(missed)}" if missed else "all targets met")
    busy = max(machine["other_load_before"], results["room"]["other_cpu"], rate["other_cpu"])
    if busy > machine["busy_above"]:
        out.append(
            f"WARNING: other processes on this machine used up to {busy * 100:.0f} % of a core "
            "during the run; these are not the figures of a quiet machine."
        )
    if results["join_failures"]:
        out.append("joins that failed: " + "; ".join(results["join_failures"][:3]))
    if results["room"]["error_samples"]:
        out.append("errors, first ones: " + "; ".join(results["room"]["error_samples"][:5]))
    if results["room"]["lost"]["board_mismatches"]:
        out.append("board differences: " + "; ".join(results["room"]["lost"]["board_mismatches"]))
    return "\n".join(line.rstrip() for line in out)


def write_json(results: dict, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = results["started"].replace(":", "").replace("-", "").replace("T", "-")[:15]
    path = folder / f"room-{results['database']}-{stamp}.json"
    summary = [
        {"figure": r.figure.strip(), "value": r.value, "target": r.target, "met": r.met}
        for r in rows(results)
    ]
    path.write_text(json.dumps({**results, "table": summary}, indent=2, ensure_ascii=False) + "\n")
    return path
