"""Load figures with wrk on loopback: nginx (static file), Varnish, and Masthead alone.

All three serve the same article bytes; the ratios to nginx are the caching issue's
targets. The tools are Debian's packages, installed here when missing.
"""

import gzip
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import urllib.request
from pathlib import Path

from bench import server
from masthead.ops.webserver import socket_per_worker

ROOT = Path(__file__).resolve().parent.parent
DURATION = os.environ.get("BENCH_LOAD_SECONDS", "10")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "32")
GZIP = "Accept-Encoding: gzip"
RUNS = int(os.environ.get("BENCH_LOAD_RUNS", "5"))
NGINX_CONF = """
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  keepalive_requests 100000;
  types {{ text/html html; }}
  client_body_temp_path {folder}; proxy_temp_path {folder}; fastcgi_temp_path {folder};
  uwsgi_temp_path {folder}; scgi_temp_path {folder};
  server {{
    listen 127.0.0.1:{port};
    root {folder};
    gzip_static on;
    location / {{ default_type text/html; try_files /article.html =404; }}
  }}
}}
"""


def ensure_tools() -> None:
    tools = (("wrk", "wrk"), ("nginx", "nginx-light"), ("varnishd", "varnish"))
    missing = [package for tool, package in tools if not _which(tool)]
    if missing:
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True)


def _which(tool: str) -> str | None:
    return shutil.which(tool) or (
        f"/usr/sbin/{tool}" if os.path.exists(f"/usr/sbin/{tool}") else None
    )


def wrk(url: str, *headers: str) -> float:
    args = [_which("wrk"), "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s"]
    for header in headers:
        args += ["-H", header]
    output = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


class Median(float):
    """The median of several wrk runs, or of their ratios, which remembers the lowest
    and the highest."""

    low: float
    high: float

    def __new__(cls, values: list[float]):
        result = super().__new__(cls, statistics.median(values))
        result.low, result.high = min(values), max(values)
        return result

    def spread(self, form: str = ",.0f") -> str:
        return f"{self.low:{form}}-{self.high:{form}}"


def ratio(runs: list[float], limits: list[float]) -> Median:
    """One server's rate against nginx's: the median of the rounds' ratios, each taken
    from two wrk runs back to back, so that a slow or fast spell of the machine weighs
    on both sides of it rather than on one."""
    return Median([run / limit for run, limit in zip(runs, limits, strict=True)])


def rates(targets: dict[str, tuple[str, ...]]) -> dict[str, list[float]]:
    """wrk's rate for each target, RUNS rounds of each in turn. Runs differ: with two
    server processes (Masthead's workers) one may accept most of wrk's connections,
    opened all at once, and leave the other idle; and the machine itself has slow and
    fast spells. Taking the targets in turn round after round puts each spell on all of
    them alike."""
    runs: dict[str, list[float]] = {name: [] for name in targets}
    for _ in range(RUNS):
        for name, (url, *headers) in targets.items():
            runs[name].append(wrk(url, *headers))
    return runs


def _spawn(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def start_nginx(folder: Path, port: int) -> subprocess.Popen:
    conf = folder / "nginx.conf"
    conf.write_text(NGINX_CONF.format(folder=folder, port=port))
    return _spawn([_which("nginx"), "-c", str(conf)])


def start_varnish(folder: Path, port: int, backend: int) -> subprocess.Popen:
    vcl = folder / "masthead.vcl"
    source = (ROOT / "deploy" / "varnish" / "masthead.vcl").read_text()
    vcl.write_text(source.replace('.port = "8000";', f'.port = "{backend}";'))
    return _spawn(
        [
            _which("varnishd"),
            "-F",
            "-j",
            "none",
            "-n",
            str(folder / "varnish"),
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(vcl),
            "-s",
            "malloc,256m",
        ]
    )


def figures(article_path: str) -> list[tuple[str, str, str, bool]]:
    ensure_tools()
    with tempfile.TemporaryDirectory() as tmp, server.masthead(workers=2) as base:
        folder = Path(tmp)
        app_url = base + article_path
        for _ in range(20):  # each worker keeps its own copy with the embedded cache
            body = urllib.request.urlopen(app_url, timeout=30).read()
        (folder / "article.html").write_bytes(body)
        # The same bytes compressed, for readers whose browsers accept gzip (all of them).
        (folder / "article.html.gz").write_bytes(gzip.compress(body, compresslevel=6, mtime=0))
        nginx_port, varnish_port = server.free_port(), server.free_port()
        backend_port = int(base.rsplit(":", 1)[1])
        helpers = [
            start_nginx(folder, nginx_port),
            start_varnish(folder, varnish_port, backend_port),
        ]
        try:
            server.wait_for(nginx_port)
            server.wait_for(varnish_port)
            varnish_url = f"http://127.0.0.1:{varnish_port}{article_path}"
            urllib.request.urlopen(varnish_url, timeout=30).read()
            static_url = f"http://127.0.0.1:{nginx_port}{article_path}"
            runs = rates(
                {
                    "static": (static_url,),
                    "varnish": (varnish_url,),
                    "alone": (app_url,),
                    "static_gzip": (static_url, GZIP),
                    "varnish_gzip": (varnish_url, GZIP),
                    "alone_gzip": (app_url, GZIP),
                }
            )
        finally:
            for process in helpers:
                server.stop(process)
    size = len(body) / 1024
    # Shared, a burst of wrk's connections can land on one worker (docs/deploy.md).
    sockets = "a socket each" if socket_per_worker() else "one shared socket"
    static, static_gzip = Median(runs["static"]), Median(runs["static_gzip"])
    varnish = ratio(runs["varnish"], runs["static"])
    alone = ratio(runs["alone"], runs["static"])
    varnish_gzip = ratio(runs["varnish_gzip"], runs["static_gzip"])
    alone_gzip = ratio(runs["alone_gzip"], runs["static_gzip"])
    each = f"median of {RUNS} rounds"
    return [
        (
            f"nginx, the article as a static file ({size:.0f} KB)",
            f"{static:,.0f} req/s (median of {RUNS}: {static.spread()})",
            "the limit",
            True,
        ),
        (
            "Varnish in front of Masthead, same article",
            f"{Median(runs['varnish']):,.0f} req/s; {varnish:.0%} of nginx "
            f"({each}: {varnish.spread('.0%')})",
            ">= 70%",
            varnish >= 0.7,
        ),
        (
            f"Masthead alone, 2 workers ({sockets}), page in its cache",
            f"{Median(runs['alone']):,.0f} req/s; {alone:.1%} of nginx "
            f"({each}: {alone.spread('.1%')})",
            ">= 10%",
            alone >= 0.1,
        ),
        (
            "nginx, the same article gzipped (gzip_static), gzip accepted",
            f"{static_gzip:,.0f} req/s (median of {RUNS}: {static_gzip.spread()})",
            "-",
            True,
        ),
        (
            "Varnish in front of Masthead, gzip accepted",
            f"{Median(runs['varnish_gzip']):,.0f} req/s; {varnish_gzip:.0%} of nginx gzipped "
            f"({each}: {varnish_gzip.spread('.0%')})",
            "-",
            True,
        ),
        (
            "Masthead alone, gzip accepted",
            f"{Median(runs['alone_gzip']):,.0f} req/s; {alone_gzip:.1%} of nginx gzipped "
            f"({each}: {alone_gzip.spread('.1%')})",
            "-",
            True,
        ),
    ]
