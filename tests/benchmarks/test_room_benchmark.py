"""The room benchmark (make bench) runs at a tiny size, so its code cannot rot unnoticed.

It asserts that every figure is produced and that nothing the clients saved was lost; it never
asserts a timing, which depends on the machine and on what else runs on it.
"""

import json
import os

from benchmarks.report import table
from benchmarks.room import Config, main, run


def test_quick_room_produces_every_figure_and_loses_nothing(tmp_path):
    # SQLite, or PostgreSQL when the suite runs against it (TEST_DATABASE_URL, see conftest.py).
    database = os.environ.get("TEST_DATABASE_URL") or "sqlite://"  # a fresh file either way
    results = run(Config.quick(), results_dir=tmp_path, quiet=True, database_url=database)

    rate, fanout, room, weight = (results[k] for k in ("rate", "fanout", "room", "weight"))
    assert rate["app_rps"] > 0 and rate["reference_rps"] > 0 and rate["share"] > 0
    assert rate["app_errors"] == 0 and rate["reference_errors"] == 0
    assert fanout["latency"]["count"] == fanout["subscribers"] * fanout["rounds"]
    assert fanout["missing"] == 0
    assert room["saves"]["count"] > 0 and room["saves"]["p99"] is not None
    assert room["errors"] == 0, room["error_samples"]
    assert room["probe"]["count"] > 0 and room["probe"]["failed"] == 0
    assert room["driver_loop_lag"]["count"] > 0 and room["timeline"]
    assert results["server"]["peak_rss_mb"] > 0
    assert results["server"]["tracebacks_in_log"] == 0
    assert results["join_failures"] == []
    assert weight["tablet_first_load"] > 0 and weight["autosave_round_trip"] > 0

    lost = room["lost"]
    assert lost["export_checked"] > 0
    assert lost["export_lost"] == 0, lost["lost_samples"]
    assert lost["board_page_ok"]
    assert lost["boards_live_ok"] == lost["boards"] == 1
    assert lost["tablet_updates"] > 0 and lost["tablet_updates_missed"] == 0
    assert room["streams_dropped"] == 0

    written = json.loads((tmp_path / results["json"].rsplit("/", 1)[1]).read_text())
    assert {row["figure"] for row in written["table"]} >= {
        "autosave rate / reference (4 connections)",
        "room: errors",
        "one autosave round trip",
    }
    assert "targets missed" in table(results) or "all targets met" in table(results)


def test_command_line_takes_sizes(monkeypatch):
    seen = {}

    def fake_run(config, results_dir, profile=False):
        seen["config"], seen["results_dir"] = config, results_dir
        return {"room": {"lost": {"export_lost": 0}}}

    monkeypatch.setattr("benchmarks.room.run", fake_run)
    assert main(["--phones", "12", "--tablets", "4", "--duration", "7.5", "--no-json"]) == 0
    assert (seen["config"].phones, seen["config"].tablets) == (12, 4)
    assert seen["config"].duration == 7.5 and seen["config"].boards == 3
    assert seen["results_dir"] is None
    main(["--quick", "--boards", "2"])
    assert seen["config"].phones == Config.quick().phones and seen["config"].boards == 2
