"""Fixtures for the fault tests: private services and a private copy of the database."""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import pytest

from masthead.ops.tests.services import (
    PG_BIN,
    SEED,
    PostgresCluster,
    Processes,
    RedisServer,
    SiteDatabase,
    masthead,
    require,
)


@pytest.fixture
def redis_server(tmp_path):
    require(shutil.which("redis-server") is not None, "redis-server is missing")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_cluster():
    require(bool(PG_BIN), "PostgreSQL's server binaries are missing (apt install postgresql)")
    require(os.geteuid() != 0 or shutil.which("runuser") is not None, "runuser is missing")
    # Not under pytest's root-only temporary folder: the postgres user must reach it.
    folder = Path(tempfile.mkdtemp(prefix="masthead-pg-"))
    cluster = PostgresCluster(folder)
    cluster.init()
    yield cluster
    subprocess.run(
        [*cluster.as_owner, str(cluster.bin / "pg_ctl"), "-D", str(cluster.data), "-m"]
        + ["immediate", "stop"],
        capture_output=True,
    )
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def site_template(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The test database as migrated, copied once out of the test run and seeded."""
    from django.db import connection

    folder = tmp_path_factory.mktemp("site-template")
    with django_db_blocker.unblock():
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            path = folder / "template.sqlite3"
            copy = sqlite3.connect(path)
            connection.connection.backup(copy)
            copy.close()
            template = SiteDatabase("sqlite", f"sqlite:///{path}", path=path)
        else:
            cluster = request.getfixturevalue("pg_cluster")
            dump = folder / "test.pgdump"
            database = connection.settings_dict
            env = {
                **os.environ,
                "PGHOST": database["HOST"] or "127.0.0.1",
                "PGPORT": str(database["PORT"] or 5432),
                "PGUSER": database["USER"] or "postgres",
                "PGPASSWORD": database["PASSWORD"] or "",
            }
            subprocess.run(
                ["pg_dump", "-Fc", "-f", str(dump), database["NAME"]], env=env, check=True
            )
            cluster.execute("CREATE DATABASE seed")
            subprocess.run(
                ["pg_restore", "--no-owner", "--no-privileges", "-d", cluster.url("seed")]
                + [str(dump)],
                check=True,
                capture_output=True,
            )
            template = SiteDatabase("postgresql", cluster.url("seed"), cluster=cluster, name="seed")
    masthead("shell", "-c", SEED, env=template.env(folder / "home"))
    return template


_copies = iter(range(1, 10_000))


@pytest.fixture
def site_database(site_template, tmp_path) -> SiteDatabase:
    """A private copy of the seeded test database, for one test."""
    if site_template.vendor == "sqlite":
        path = tmp_path / "site.sqlite3"
        shutil.copyfile(site_template.path, path)
        return SiteDatabase("sqlite", f"sqlite:///{path}", path=path)
    cluster = site_template.cluster
    name = f"site_{next(_copies)}"
    cluster.execute(f"CREATE DATABASE {name} TEMPLATE seed")
    return SiteDatabase("postgresql", cluster.url(name), cluster=cluster, name=name)


@pytest.fixture
def pg_site_database(site_template, site_database) -> SiteDatabase:
    """A private PostgreSQL copy: in the PostgreSQL run of the suite only."""
    if site_template.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass (DATABASE_URL=postgres://...), seeded from it")
    return site_database


@pytest.fixture
def processes():
    started = Processes()
    yield started
    started.stop_all()
