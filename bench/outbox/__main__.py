"""`python -m bench.outbox [messages]`; the bench starts its sandbox and worker processes through here too."""

import sys

if sys.argv[1:2] == ["sandbox"]:
    from bench.outbox.processes import serve_sandbox

    serve_sandbox(int(sys.argv[2]), sys.argv[3])
elif sys.argv[1:2] == ["worker"]:
    from bench.outbox.processes import run_worker

    run_worker(*sys.argv[2:6])
else:
    from bench.outbox.report import main

    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
