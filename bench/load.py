"""Load figures with wrk on loopback: nginx (static file), Varnish, and Masthead alone.

All three serve the same article bytes; the ratios to nginx are the caching issue's
targets. The tools are Debian's packages, installed here when missing.
"""

import gzip
import os
import re
import shutil
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
RUNS = int(os.environ.get("BENCH_LOAD_RUNS", "3"))
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


class Rate(float):
    """Requests per second: the median of RUNS runs of wrk, each with new connections,
    which remembers its lowest and highest run."""

    low: float
    high: float

    def spread(self) -> str:
        return f"median of {RUNS}: {self.low:,.0f}-{self.high:,.0f}"


def rate(url: str, *headers: str) -> Rate:
    """The rate of `url`. Runs differ: with two server processes (Masthead's workers)
    one may accept most of wrk's connections, opened all at once, and leave the other
    idle; the median is the usual case and the spread says how far a run strayed."""
    import statistics

    runs = [wrk(url, *headers) for _ in range(RUNS)]
    result = Rate(statistics.median(runs))
    result.low, result.high = min(runs), max(runs)
    return result


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
            static = rate(f"http://127.0.0.1:{nginx_port}{article_path}")
            static_gzip = rate(f"http://127.0.0.1:{nginx_port}{article_path}", GZIP)
            varnish = rate(varnish_url)
            varnish_gzip = rate(varnish_url, GZIP)
            alone = rate(app_url)
            alone_gzip = rate(app_url, GZIP)
        finally:
            for process in helpers:
                server.stop(process)
    size = len(body) / 1024
    # Shared, a burst of wrk's connections can land on one worker (docs/deploy.md).
    sockets = "a socket each" if socket_per_worker() else "one shared socket"
    return [
        (
            f"nginx, the article as a static file ({size:.0f} KB)",
            f"{static:,.0f} req/s ({static.spread()})",
            "the limit",
            True,
        ),
        (
            "Varnish in front of Masthead, same article",
            f"{varnish:,.0f} req/s = {varnish / static:.0%} of nginx ({varnish.spread()})",
            ">= 70%",
            varnish / static >= 0.7,
        ),
        (
            f"Masthead alone, 2 workers ({sockets}), page in its cache",
            f"{alone:,.0f} req/s = {alone / static:.1%} of nginx ({alone.spread()})",
            ">= 10%",
            alone / static >= 0.1,
        ),
        (
            "nginx, the same article gzipped (gzip_static), gzip accepted",
            f"{static_gzip:,.0f} req/s ({static_gzip.spread()})",
            "-",
            True,
        ),
        (
            "Varnish in front of Masthead, gzip accepted",
            f"{varnish_gzip:,.0f} req/s = {varnish_gzip / static_gzip:.0%} of nginx gzipped "
            f"({varnish_gzip.spread()})",
            "-",
            True,
        ),
        (
            "Masthead alone, gzip accepted",
            f"{alone_gzip:,.0f} req/s = {alone_gzip / static_gzip:.1%} of nginx gzipped "
            f"({alone_gzip.spread()})",
            "-",
            True,
        ),
    ]
