# Idempotent installation of everything the project needs; sourced by scripts/run and scripts/test.
# Quiet when nothing is missing. Works on a fresh Debian machine, as root or with sudo.

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT_DIR/.venv"
PY="$VENV/bin/python"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

postgres_major() {
  local installed
  installed=$(ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sed -E 's#.*/postgresql/([0-9]+)/.*#\1#' | sort -n | tail -1)
  if [ -n "$installed" ]; then echo "$installed"; return; fi
  apt-cache policy postgresql 2>/dev/null | sed -nE 's/.*Candidate: ([0-9]+)\+.*/\1/p'
}

apt_updated=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing Debian packages: ${missing[*]}"
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_system_packages() {
  local major
  major=$(postgres_major)
  if [ -z "$major" ]; then
    as_root apt-get update -qq; apt_updated=1
    major=$(postgres_major)
  fi
  apt_install "postgresql-$major" "postgresql-$major-cron" "postgresql-$major-pgtap" \
    "postgresql-$major-wal2json" libtap-parser-sourcehandler-pgtap-perl \
    libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core curl
}

# pip -q still warns about index locations a machine's pip configuration names but lacks; drop only those.
quiet_pip() {
  "$PY" -m pip -q --disable-pip-version-check "$@" 2> >(grep -v 'is neither a file nor a directory' >&2)
}

ensure_python_env() {
  if [ ! -x "$PY" ]; then
    echo "Creating the Python environment (.venv)"
    python3 -m venv "$VENV"
  fi
  local stamp="$VENV/.requirements.sha256" wanted
  wanted=$(cat "$ROOT_DIR"/requirements*.txt "$ROOT_DIR/constraints.txt" | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "Installing Python packages (requirements-dev.txt)"
    quiet_pip install --upgrade pip
    quiet_pip install -r "$ROOT_DIR/requirements-dev.txt" -c "$ROOT_DIR/constraints.txt"
    echo "$wanted" > "$stamp"
  fi
}

# devstack's SQL-only extensions (pg_net's stand-in) go into the server's extension folder.
ensure_devstack_extensions() {
  local sharedir file
  sharedir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_config"
  sharedir="$("$sharedir" --sharedir)/extension"
  for file in "$ROOT_DIR"/devstack/extensions/*/*; do
    cmp -s "$file" "$sharedir/$(basename "$file")" || as_root install -m 644 "$file" "$sharedir/"
  done
}

# Node only drives the supabase-js conformance suite; the lock file pins its packages
# (including Node 22 itself, which supabase-js requires, as the registry's `node` package).
NODE_SUITE="$ROOT_DIR/tests/conformance/js"
ensure_node_env() {
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  local stamp="$NODE_SUITE/node_modules/.package-lock.sha256" wanted
  wanted=$(sha256sum "$NODE_SUITE/package-lock.json" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "Installing Node packages (tests/conformance/js)"
    (cd "$NODE_SUITE" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$wanted" > "$stamp"
  fi
}

node_is_recent() {
  command -v node >/dev/null && node -e '
    const [major, minor] = process.versions.node.split(".").map(Number);
    process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1);'
}

# The frontend needs Node.js 20.19 or newer. Where the machine's is older (Debian's own nodejs),
# the Node 22 that the conformance suite's lock pins (installed just before) is put first on PATH.
ensure_frontend() {
  node_is_recent || export PATH="$NODE_SUITE/node_modules/.bin:$PATH"
  if ! node_is_recent; then
    echo "The frontend needs Node.js 20.19 or newer; found: $(node --version 2>/dev/null || echo none)."
    return 1
  fi
  local stamp="$ROOT_DIR/frontend/node_modules/.package-lock.sha256" wanted
  wanted=$(sha256sum "$ROOT_DIR/frontend/package-lock.json" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "Installing frontend packages (npm ci)"
    (cd "$ROOT_DIR/frontend" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$wanted" > "$stamp"
  fi
}

# Debian's Chromium for the browser tests (never a browser download of playwright's own).
ensure_browser() {
  apt_install chromium
}

# Edge functions: Deno (from the Python packages) caches their npm imports against the committed
# deno.lock files into devstack's data folder (.devstack/deno), so functions and their tests run offline.
ensure_edge_functions() {
  "$PY" -m devstack functions install
}

ensure_all() {
  ensure_system_packages
  ensure_python_env
  ensure_devstack_extensions
  ensure_node_env
  ensure_frontend
  ensure_edge_functions
}
