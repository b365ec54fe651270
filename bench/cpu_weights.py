"""The processor split between the bench's servers as docker-compose splits it between its
containers: each server in a control group (cgroup) of its own, with the CPU weight compose
gives its service (`cpu_shares`, Docker's 1024 where compose sets none), and the load
generators (wrk, the signers) in one more at 1024.

Without this every server the bench starts is a session of its own, and the kernel gives each
session an equal share of a full processor (its "autogroups"), whatever `nice` says; in
compose each container is a cgroup and its weight decides. So the front door's rows measure
what compose runs only when the servers are weighed like its containers."""

import contextlib
import os
import re
from pathlib import Path

import yaml

from tests.stack import PROJECT_DIR

CGROUPS = Path("/sys/fs/cgroup")
DOCKER_DEFAULT_SHARES = 1024


def compose_cpu_shares():
    """Each service's CPU weight in docker-compose.yml, as compose reads it from the
    environment (or its default)."""
    services = yaml.safe_load((PROJECT_DIR / "docker-compose.yml").read_text())["services"]
    return {
        name: int(_interpolate(str(service.get("cpu_shares", DOCKER_DEFAULT_SHARES))))
        for name, service in services.items()
    }


def _interpolate(value):
    return re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: os.environ.get(m[1]) or m[2], value)


def children(pid):
    """The processes `pid` has forked, from any of its threads, as they are now."""
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return []
    found = []
    for thread in threads:
        with contextlib.suppress(FileNotFoundError):
            listed = Path(f"/proc/{pid}/task/{thread}/children").read_text()
            found.extend(int(child) for child in listed.split())
    return found


def process_tree(pid):
    """`pid` and its descendants, as they are now."""
    found, waiting = [], [pid]
    while waiting:
        pid = waiting.pop()
        found.append(pid)
        waiting.extend(children(pid))
    return found


class CpuWeights:
    """Groups made under one folder of this process's, removed by close(). `unavailable`
    says why none can be made (no cpu controller, or not allowed): the rows are then
    measured without weights, and say so."""

    def __init__(self):
        self.groups = []
        self.base = None
        self.unavailable = None
        if (CGROUPS / "cpu" / "cpu.shares").exists():
            self.version, parent = 1, CGROUPS / "cpu"
        elif "cpu" in _read(CGROUPS / "cgroup.controllers").split():
            self.version, parent = 2, CGROUPS
        else:
            self.unavailable = "this kernel offers no cpu cgroup controller"
            return
        self.parent = parent
        try:
            self.base = parent / f"signon-bench-{os.getpid()}"
            self.base.mkdir()
            if self.version == 2:
                _enable_cpu(parent)
                _enable_cpu(self.base)
        except OSError as error:
            self.unavailable = f"no cgroup can be made here ({error.strerror})"
            self.base = self.base if self.base and self.base.exists() else None

    def give(self, name, pids, shares):
        """Put the processes `pids` (with their threads) in a group of their own at `shares`,
        Docker's measure of a container's weight. Their children to come follow them."""
        if self.unavailable:
            return
        group = self.base / name
        group.mkdir(exist_ok=True)
        if group not in self.groups:
            self.groups.append(group)
        if self.version == 1:
            (group / "cpu.shares").write_text(str(shares))
        else:
            (group / "cpu.weight").write_text(str(docker_weight(shares)))
        for pid in pids:
            _move(pid, group)

    def weights(self):
        """Each group's name and weight as the kernel holds it."""
        name = "cpu.shares" if self.version == 1 else "cpu.weight"
        return {group.name: int(_read(group / name)) for group in self.groups}

    def close(self):
        """Every process still in a group back where the bench's processes live, then the
        groups removed."""
        for group in self.groups:
            for pid in _read(group / "cgroup.procs").split():
                _move(int(pid), self.parent)
            group.rmdir()
        self.groups = []
        if self.base is not None:
            self.base.rmdir()
            self.base = None


def docker_weight(shares):
    """cgroup v2's weight for Docker's `cpu_shares`, as Docker converts it."""
    return 1 + ((shares - 2) * 9999) // 262142


def _enable_cpu(group):
    if "cpu" not in _read(group / "cgroup.subtree_control").split():
        (group / "cgroup.subtree_control").write_text("+cpu")


def _move(pid, group):
    with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
        (group / "cgroup.procs").write_text(str(pid))


def _read(path):
    try:
        return path.read_text()
    except FileNotFoundError:
        return ""
