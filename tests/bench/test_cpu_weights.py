"""bench/cpu_weights.py: the bench reads each service's CPU weight as docker-compose does, and
puts a process in a control group of that weight and back out, leaving no group behind."""

import subprocess
import sys
import time
from pathlib import Path

from bench.cpu_weights import CpuWeights, compose_cpu_shares, docker_weight, process_tree
from tests.conftest import skip_or_fail


def test_the_front_door_comes_first_in_compose(monkeypatch):
    monkeypatch.delenv("FRONT_CPU_SHARES", raising=False)
    shares = compose_cpu_shares()
    others = {name: weight for name, weight in shares.items() if name != "front"}
    assert shares["front"] == 16384
    assert set(others.values()) == {1024}  # Docker's default: compose sets no other weight
    assert {"web", "worker", "db", "redis", "pages"} <= set(others)


def test_the_front_doors_weight_comes_from_the_environment_as_compose_reads_it(monkeypatch):
    monkeypatch.setenv("FRONT_CPU_SHARES", "2048")
    assert compose_cpu_shares()["front"] == 2048


def test_dockers_conversion_to_cgroup_v2_weights():
    assert docker_weight(1024) == 39
    assert docker_weight(8192) == 313
    assert docker_weight(2) == 1


def cgroup_of(pid):
    """The process's group in cgroup v1's cpu hierarchy, or else in v2's unified one."""
    lines = [line.split(":", 2) for line in Path(f"/proc/{pid}/cgroup").read_text().splitlines()]
    for _id, controllers, path in lines:
        if "cpu" in controllers.split(","):
            return path
    return next(path for _id, controllers, path in lines if controllers == "")


def test_a_process_and_its_children_go_into_a_weighed_group_and_back():
    sleeper = subprocess.Popen(
        [sys.executable, "-c", "import subprocess; subprocess.run(['sleep', '60'])"]
    )
    weights = CpuWeights()
    try:
        if weights.unavailable:
            skip_or_fail(f"no cpu cgroup: {weights.unavailable}")
        for _ in range(100):  # the child `sleep` starts after Popen returns
            if len(process_tree(sleeper.pid)) == 2:
                break
            time.sleep(0.05)
        tree = process_tree(sleeper.pid)
        assert len(tree) == 2
        weights.give("front", tree, 4096)
        assert weights.weights() == {"front": 4096 if weights.version == 1 else docker_weight(4096)}
        base = weights.base
        assert {cgroup_of(pid) for pid in tree} == {f"/{base.name}/front"}
        weights.close()
        assert {cgroup_of(pid) for pid in tree} == {"/"}
        assert not base.exists()
    finally:
        weights.close()
        sleeper.kill()
        sleeper.wait()
