"""Where the supabase-js suites live and the Node 22 that runs them (pinned in their lock file)."""

from pathlib import Path

JS_DIR = Path(__file__).resolve().parent / "js"
NODE = JS_DIR / "node_modules" / ".bin" / "node"
