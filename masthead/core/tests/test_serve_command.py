"""`masthead serve` refuses an address that is taken, before it starts granian."""

import os
import socket

import pytest
from django.core.management import CommandError, call_command

from masthead.core.management.commands.serve import _refuse_if_taken


@pytest.fixture
def no_exec(monkeypatch):
    """Were the check to let the command through, it would become granian: this process."""

    def refuse(*args):
        raise AssertionError("masthead serve went on to start granian")

    monkeypatch.setattr(os, "execv", refuse)


@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0"])
def test_an_address_another_server_listens_on_is_refused_naming_it(host, no_exec):
    with socket.socket() as other:
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)  # as granian binds
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        with pytest.raises(CommandError, match=rf"{host}:{port}: another server"):
            call_command("serve", bind=f"{host}:{port}")


def test_a_host_that_does_not_resolve_is_refused(no_exec):
    with pytest.raises(CommandError, match="--bind no-such-host.invalid:8000"):
        call_command("serve", bind="no-such-host.invalid:8000")


def test_a_stopped_servers_closed_connections_do_not_hold_the_address():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    served, _ = listener.accept()
    served.close()  # the server closes first, so its side waits out TIME_WAIT
    client.recv(1)
    client.close()
    listener.close()
    _refuse_if_taken("127.0.0.1", str(port))  # no error: a restart may listen again
