"""Start workspaces-local, the local emulator of the Amazon WorkSpaces API, and drive it from Python tests.

The pytest fixtures live in :mod:`pytest_workspaces_local.plugin`; :class:`Emulator` works without pytest too.
"""

import json
import os
import re
import shlex
import signal
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request

import boto3

__all__ = ["DEFAULT_COMMAND", "MOTO_ACCOUNT", "Emulator", "EmulatorError"]

DEFAULT_COMMAND = "npx workspaces-local"
#: The account moto serves every request from; ``moto_account=True`` maps non-numeric access keys to it.
MOTO_ACCOUNT = "123456789012"
_BANNER = re.compile(r"listening on (http://\S+)")


class EmulatorError(RuntimeError):
    """The emulator did not start, or an admin call was refused."""


class Emulator:
    """One emulator process on a free port, with its admin API (reset, clock, faults, fixtures) as methods.

    ``command`` is how to start workspaces-local (``npx workspaces-local`` by default); ``--port 0`` and the other
    options are added to it, and the port is read from the banner the command prints once it listens.
    """

    def __init__(
        self,
        command=DEFAULT_COMMAND,
        clock="manual",
        moto_account=False,
        region="us-east-1",
        extra_args=(),
        start_timeout=60.0,
    ):
        self.command = shlex.split(command) if isinstance(command, str) else list(command)
        self.clock_mode = clock
        self.moto_account = moto_account
        self.region = region
        self.extra_args = list(extra_args)
        self.start_timeout = start_timeout
        self.endpoint = None
        self._process = None
        self._output = []

    # ---- the process ----

    def start(self):
        args = self.command + ["--port", "0", "--host", "127.0.0.1", "--clock", self.clock_mode]
        args += ["--log-level", "warn", "--region", self.region]
        if self.moto_account:
            args += ["--default-account", MOTO_ACCOUNT]
        env = {k: v for k, v in os.environ.items() if not k.startswith("WORKSPACES_LOCAL_")}
        self._process = subprocess.Popen(
            args + self.extra_args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        found = threading.Event()
        threading.Thread(target=self._read_output, args=(found,), daemon=True).start()
        if not found.wait(self.start_timeout) or self.endpoint is None:
            self.stop()
            raise EmulatorError(f"{' '.join(args)} did not start listening:\n{''.join(self._output)}")
        return self

    def _read_output(self, found):
        # Drains the pipe for the process's whole life, so its log never blocks it.
        for raw in self._process.stdout:
            line = raw.decode("utf-8", "replace")
            self._output.append(line)
            match = _BANNER.search(line)
            if match and self.endpoint is None:
                self.endpoint = match.group(1)
                found.set()
        found.set()

    def stop(self):
        if self._process is None or self._process.poll() is not None:
            return
        os.killpg(self._process.pid, signal.SIGTERM)
        try:
            self._process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # ---- clients ----

    def client(self, service="workspaces", account="111111111111", region=None, **kwargs):
        """A boto3 client bound to the emulator; the access key id is the account (a 12-digit id plays another)."""
        return boto3.client(
            service,
            endpoint_url=self.endpoint,
            region_name=region or self.region,
            aws_access_key_id=account,
            aws_secret_access_key="test",
            **kwargs,
        )

    # ---- the admin API ----

    def admin(self, method, path, body=None):
        """One admin call; its JSON answer, or EmulatorError with the emulator's message."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.endpoint + path, data=data, method=method, headers={"content-type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read().decode()
        except urllib.error.HTTPError as error:
            raise EmulatorError(f"{method} {path}: HTTP {error.code}: {error.read().decode()}") from None
        return json.loads(text) if text else None

    def reset(self, account=None, region=None):
        """Clears all state, or one account's (and Region's)."""
        body = {k: v for k, v in (("account", account), ("region", region)) if v is not None}
        return self.admin("POST", "/_emulator/reset", body)

    def clock(self):
        return self.admin("GET", "/_emulator/clock")

    def set_clock(self, mode):
        """real | speed | instant | manual."""
        return self.admin("POST", "/_emulator/clock", {"mode": mode})

    def advance(self, seconds):
        """Moves the clock by that many seconds; due transitions apply."""
        return self.admin("POST", "/_emulator/clock", {"advanceSeconds": seconds})

    def advance_to_next(self):
        """Moves the clock to the next pending transition."""
        return self.admin("POST", "/_emulator/clock", {"advanceTo": "next"})

    def add_fault(self, fault):
        """Adds a fault as POST /_emulator/faults takes it, any kind: ``{"kind": "api", "operation": ...}``, or a
        deployment fault ``{"errorCode": "DeploymentError.WorkspaceUnreachable", "count": 1}``. Answers its record."""
        return self.admin("POST", "/_emulator/faults", fault)["fault"]

    def faults(self):
        """Every fault, oldest first, with what each has hit."""
        return self.admin("GET", "/_emulator/faults")["faults"]

    def remove_fault(self, fault_id):
        return self.admin("DELETE", f"/_emulator/faults/{urllib.parse.quote(fault_id)}")

    def clear_faults(self):
        return self.admin("DELETE", "/_emulator/faults")

    def export_fixture(self):
        """The whole state as the versioned JSON fixture of GET /_emulator/export."""
        return self.admin("GET", "/_emulator/export")

    def load_fixture(self, fixture):
        """Replaces all state with a fixture (a dict, or the path of a JSON file)."""
        if isinstance(fixture, (str, os.PathLike)):
            with open(fixture, encoding="utf-8") as f:
                fixture = json.load(f)
        return self.admin("POST", "/_emulator/import", fixture)
