# Shared by scripts/demo and scripts/test: find Python, build .venv, install pinned packages.
# Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
cd "$ROOT"

say() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nCannot continue: %s\n' "$*" >&2; exit 1; }

python_is_recent() {
  "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

find_python() {
  local candidate
  for candidate in python3.13 python3.12; do
    if command -v "$candidate" >/dev/null 2>&1 && python_is_recent "$candidate"; then
      command -v "$candidate"; return 0
    fi
  done
  if command -v pyenv >/dev/null 2>&1; then
    for candidate in "$(pyenv root)"/versions/3.13*/bin/python3 "$(pyenv root)"/versions/3.12*/bin/python3; do
      if [ -x "$candidate" ] && python_is_recent "$candidate"; then
        echo "$candidate"; return 0
      fi
    done
  fi
  if command -v python3 >/dev/null 2>&1 && python_is_recent python3; then
    command -v python3; return 0
  fi
  return 1
}

ensure_venv() {
  if [ ! -x "$VENV/bin/python" ] || ! python_is_recent "$VENV/bin/python"; then
    local python
    python="$(find_python)" || fail "Python 3.12 or newer is needed and none was found.
Install Python 3.13 (for example 'apt-get install python3.13 python3.13-venv',
'pyenv install 3.13', or from https://www.python.org/downloads/) and run this again."
    say "Creating .venv with $python"
    rm -rf "$VENV"
    "$python" -m venv "$VENV" || fail "could not create a virtual environment (on Debian: apt-get install python3-venv)."
  fi
  local stamp="$VENV/.requirements-installed"
  local wanted
  # lock.txt installs the matching engine editable from packages/circle-matching (its code is
  # read in place); a change to its metadata installs it again.
  wanted="$(cat requirements/lock.txt packages/circle-matching/pyproject.toml | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    say "Installing pinned Python packages (requirements/lock.txt)"
    if ! "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        -r requirements/lock.txt > "$VENV/pip.log" 2>&1; then
      cat "$VENV/pip.log" >&2
      fail "pip could not install requirements/lock.txt (is PyPI reachable?)."
    fi
    echo "$wanted" > "$stamp"
  fi
}

ensure_node_packages() {
  # Fonts for the dyslexia-friendly option and axe-core for the accessibility tests.
  command -v npm >/dev/null 2>&1 || fail "npm is needed for the site's font and test packages.
Install Node.js 20 or newer with npm (for example 'apt-get install nodejs npm')."
  local stamp="node_modules/.lock-installed"
  local wanted
  wanted="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    say "Installing pinned npm packages (package-lock.json)"
    npm ci --no-audit --no-fund --loglevel=error || fail "npm could not install package-lock.json (is the npm registry reachable?)."
    echo "$wanted" > "$stamp"
  fi
}

manage() { "$VENV/bin/python" manage.py "$@"; }
