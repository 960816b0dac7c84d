"""Load benchmarks: `make bench` (python -m benchmarks.room) measures a whole session's room."""
