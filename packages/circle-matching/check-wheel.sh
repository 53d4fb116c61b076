#!/usr/bin/env bash
# Builds the engine's wheel, installs it into a fresh virtual environment (no Django, nothing
# of the site), runs the README's example there and checks that it prints exactly what the
# README shows. Usage: packages/circle-matching/check-wheel.sh [python 3.12 or newer]
# (by default the repository's .venv/bin/python).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${1:-$here/../../.venv/bin/python}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

printf '\n==> %s\n' "circle-matching: wheel, fresh virtual environment, README example"
"$python" -m pip wheel --quiet --disable-pip-version-check --no-deps --wheel-dir "$work/dist" "$here"
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$work"/dist/circle_matching-*.whl
# The README's first python block is the example; the text block after it, what it prints.
"$work/venv/bin/python" - "$here/README.md" "$work" <<'PY'
import importlib.util
import pathlib
import re
import subprocess
import sys

readme, work = pathlib.Path(sys.argv[1]).read_text(), pathlib.Path(sys.argv[2])
found = re.search(r"```python\n(.*?)```.*?```text\n(.*?)```", readme, re.DOTALL)
if found is None:
    sys.exit("README.md has no python example followed by a text block of its output")
if importlib.util.find_spec("django") is not None:
    sys.exit("Django is installed in the fresh environment")
example = work / "example.py"
example.write_text(found[1])
ran = subprocess.run([sys.executable, str(example)], cwd=work, capture_output=True, text=True)
if ran.returncode:
    sys.exit(f"The README's example failed:\n{ran.stderr}")
printed = ran.stdout
if printed != found[2]:
    sys.exit(f"The README's example printed:\n{printed}\nbut the README shows:\n{found[2]}")
print("The README's example prints what the README shows.")
PY
