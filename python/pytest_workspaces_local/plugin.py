"""pytest fixtures for workspaces-local, registered through the ``pytest11`` entry point.

- ``workspaces_local_server`` (session): the emulator process, started once per test run.
- ``workspaces_local`` (function): the same emulator, reset before the test (state and faults).
- ``workspaces_client``: a factory of boto3 clients bound to it: ``workspaces_client(account=..., region=...)``.
"""

import os

import pytest

from . import DEFAULT_COMMAND, Emulator

_CLOCKS = ("manual", "instant", "speed", "real")


def pytest_addoption(parser):
    group = parser.getgroup("workspaces-local")
    group.addoption(
        "--workspaces-local-command",
        dest="workspaces_local_command",
        help=f"how to start the emulator (default: $WORKSPACES_LOCAL_COMMAND, else '{DEFAULT_COMMAND}')",
    )
    group.addoption(
        "--workspaces-local-clock",
        dest="workspaces_local_clock",
        choices=_CLOCKS,
        help="the emulator's clock mode (default: manual)",
    )
    group.addoption(
        "--workspaces-local-moto-account",
        dest="workspaces_local_moto_account",
        action="store_true",
        default=None,
        help="serve non-numeric access keys as account 123456789012, as moto does",
    )
    parser.addini("workspaces_local_command", f"how to start the emulator (default '{DEFAULT_COMMAND}')")
    parser.addini("workspaces_local_clock", "the emulator's clock mode: manual, instant, speed or real")
    parser.addini("workspaces_local_moto_account", "true: non-numeric access keys are account 123456789012", "bool")


def _setting(config, name, default):
    """A command-line option beats the ini file, which beats the default."""
    value = config.getoption(name)
    if value is None:
        value = config.getini(name)
    return default if value in (None, "", []) else value


@pytest.fixture(scope="session")
def workspaces_local_server(pytestconfig):
    """The emulator for the whole test run, on a free port of 127.0.0.1."""
    command = _setting(
        pytestconfig, "workspaces_local_command", os.environ.get("WORKSPACES_LOCAL_COMMAND") or DEFAULT_COMMAND
    )
    emulator = Emulator(
        command=command,
        clock=_setting(pytestconfig, "workspaces_local_clock", "manual"),
        moto_account=bool(_setting(pytestconfig, "workspaces_local_moto_account", False)),
    )
    with emulator:
        yield emulator


@pytest.fixture
def workspaces_local(workspaces_local_server):
    """The emulator, empty and without faults, its clock in the run's mode."""
    workspaces_local_server.reset()
    workspaces_local_server.set_clock(workspaces_local_server.clock_mode)
    return workspaces_local_server


@pytest.fixture
def workspaces_client(workspaces_local):
    """``workspaces_client(account="111111111111", region="us-east-1", service="workspaces")``: a boto3 client."""

    def make(account="111111111111", region=None, service="workspaces", **kwargs):
        return workspaces_local.client(service=service, account=account, region=region, **kwargs)

    return make
