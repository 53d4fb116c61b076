"""The page bench: builds a large data set, starts a bare Django view and the site under
the same gunicorn settings, drives each with wrk (a real HTTP load generator), taking
turns, and prints each key page's requests per second, 99th-percentile latency, its share
of the bare view's rate, and how many queries it runs.

    .venv/bin/python -m bench.pages                      # the full data set (several minutes)
    .venv/bin/python -m bench.pages --members 500 --threads 200 --posts 5000 --seconds 5

Figures, not tests: nothing here fails a build. See bench/README.md."""

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = [PYTHON, "-m", "gunicorn", "--workers", "2", "--log-level", "warning"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(workdir: Path, database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DM3P_DEMO": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url or f"sqlite:///{workdir / 'bench.sqlite3'}",
        "PYTHONPATH": str(ROOT),
    }


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True
    )


def _build(env: dict[str, str], sizes: dict[str, int]) -> dict[str, object]:
    print("Building the data set:", ", ".join(f"{v:,} {k}" for k, v in sizes.items()), flush=True)
    started = time.monotonic()
    _manage(env, "migrate", "--no-input", "-v", "0")
    _manage(env, "createcachetable")
    _manage(env, "setup")
    built = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [PYTHON, "-m", "bench.pages.dataset", json.dumps(sizes)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    print(f"  built in {time.monotonic() - started:.0f} s", flush=True)
    return dict(json.loads(built.stdout.strip().splitlines()[-1]))


def _serve(env: dict[str, str], app: str, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(  # noqa: S603 - gunicorn with fixed arguments
        [*GUNICORN, "--bind", f"127.0.0.1:{port}", app], cwd=ROOT, env=env
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit(f"{app} did not start on port {port}.")


def _warm(url: str, cookie: str) -> None:
    """One request first: a worker's first answer loads the whole site, which is not what
    is measured."""
    headers = {"Cookie": cookie} if cookie else {}
    for _worker in range(2):
        request = urllib.request.Request(url, headers=headers)  # noqa: S310 - our own server
        with contextlib.suppress(urllib.error.HTTPError):
            urllib.request.urlopen(request, timeout=120).close()  # noqa: S310 - our own server


def _wrk(url: str, seconds: int, cookie: str = "") -> tuple[float, float, int]:
    """Requests per second, the 99th-percentile latency in milliseconds, and how many
    answers were errors or timed out."""
    _warm(url, cookie)
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--timeout", "10s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(  # noqa: S603 - wrk with fixed arguments
        command, capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    errors = sum(
        int(count) for count in re.findall(r"(?:Non-2xx or 3xx responses|timeout):?\s+(\d+)", out)
    )
    return rate, float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit], errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--gatherings", type=int, default=120)
    parser.add_argument("--answers", type=int, default=200, help="answers per gathering")
    parser.add_argument("--threads", type=int, default=2000)
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--seconds", type=int, default=10, help="each wrk run")
    parser.add_argument("--rounds", type=int, default=2, help="turns of bare view and site")
    parser.add_argument("--database-url", default="", help="default: a new SQLite file")
    parser.add_argument("--workdir", default="", help="kept if given; default: a temporary one")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("The page bench needs wrk: on Debian, sudo apt-get install wrk.")
    sizes = {
        key: getattr(args, key) for key in ("members", "gatherings", "answers", "threads", "posts")
    }
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="dm3p-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = _environment(workdir, args.database_url)
    facts = _build(env, sizes)
    pages: dict[str, dict[str, object]] = facts["pages"]  # type: ignore[assignment]
    bare_port, site_port = _free_port(), _free_port()
    servers = [
        _serve(env, "bench.pages.bare:application", bare_port),
        _serve(env, "config.wsgi", site_port),
    ]
    try:
        bare_rates: list[float] = []
        measured: dict[str, list[tuple[float, float, int]]] = {name: [] for name in pages}
        for _ in range(args.rounds):
            for name, page in pages.items():
                bare_rates.append(_wrk(f"http://127.0.0.1:{bare_port}/", args.seconds)[0])
                url = f"http://127.0.0.1:{site_port}{page['path']}"
                measured[name].append(_wrk(url, args.seconds, str(facts["cookie"])))
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
            server.wait()
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    bare = sum(bare_rates) / len(bare_rates)
    print(f"\nBare Django view: {bare:,.0f} req/s (mean of {len(bare_rates)} runs)\n")
    print(
        f"{'page':<14}{'status':>7}{'req/s':>9}{'p99 ms':>9}{'of bare':>9}{'queries':>9}"
        f"{'errors':>8}"
    )
    for name, runs in measured.items():
        rate = sum(run[0] for run in runs) / len(runs)
        p99 = max(run[1] for run in runs)
        errors = sum(run[2] for run in runs)
        page = pages[name]
        print(
            f"{name:<14}{page['status']!s:>7}{rate:>9,.0f}{p99:>9.1f}"
            f"{rate / bare:>9.1%}{page['queries']!s:>9}{errors:>8}"
        )


if __name__ == "__main__":
    main()
