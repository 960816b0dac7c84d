"""The app under cProfile, for `python -m benchmarks.room --profile`: where the server's time goes.

Runs uvicorn in this process, as `make run` does, with a profiler that counts the event-loop
thread's CPU time (time.thread_time), so time spent waiting, or in other processes, is not
counted. SIGUSR1 writes the profile to the file named on the command line.

    python -m benchmarks.profiled OUT.prof PORT
"""

import cProfile
import signal
import sys
import time

import uvicorn


def main() -> None:
    out, port = sys.argv[1], int(sys.argv[2])
    profile = cProfile.Profile(time.thread_time)

    def dump(*_) -> None:
        profile.disable()
        profile.dump_stats(out)

    signal.signal(signal.SIGUSR1, dump)
    profile.enable()
    uvicorn.run(
        "app.main:create_app", factory=True, host="127.0.0.1", port=port, proxy_headers=True
    )


if __name__ == "__main__":
    main()
