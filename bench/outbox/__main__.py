"""`python -m bench.outbox [messages]`; the bench starts its sandbox and worker processes through here too."""

import argparse
import sys

if sys.argv[1:2] == ["sandbox"]:
    from bench.outbox.processes import serve_sandbox

    serve_sandbox(int(sys.argv[2]), sys.argv[3])
elif sys.argv[1:2] == ["worker"]:
    from bench.outbox.processes import run_worker

    run_worker(*sys.argv[2:6])
else:
    from bench.outbox.report import main

    parser = argparse.ArgumentParser(
        prog="python -m bench.outbox",
        description="Outbox messages/s from enqueue to provider-accepted with 1, 2 and 4 workers, against a "
        "bare HTTP loop to the same sandbox endpoint, then a worker killed with -9 mid-run.",
    )
    parser.add_argument("messages", type=int, nargs="?", default=3000, help="emails per run (default 3000)")
    main(parser.parse_args().messages)
