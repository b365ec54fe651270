"""gunicorn as the image runs it (gunicorn.conf.py): its workers' priority."""

import os
from pathlib import Path

import pytest

from tests.stack import WebServer, app_env, wait_until


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text()
    return [int(pid) for pid in children.split()]


@pytest.mark.parametrize(("setting", "expected"), [(None, 0), ("7", 7)])
def test_web_workers_yield_the_processor_as_told(tmp_path, setting, expected):
    env = app_env()
    env.pop("WEB_WORKER_NICE", None)
    if setting is not None:
        env["WEB_WORKER_NICE"] = setting
    web = WebServer(tmp_path, env, workers=2).start()
    try:
        # The workers boot one after the other, each setting its priority as it starts.
        wait_until(lambda: len(worker_pids(web.process.pid)) == 2, 30, "two workers")
        workers = worker_pids(web.process.pid)
        wait_until(
            lambda: [os.getpriority(os.PRIO_PROCESS, pid) for pid in workers] == [expected] * 2,
            30,
            f"workers at nice {expected}",
        )
        # The master, which only watches them, keeps the priority it was started with.
        assert os.getpriority(os.PRIO_PROCESS, web.process.pid) == os.getpriority(
            os.PRIO_PROCESS, 0
        )
    finally:
        web.stop()


def test_docker_compose_runs_the_web_workers_behind_the_front_door_at_nice_10():
    from bench.front_door import compose_worker_nice

    assert compose_worker_nice() == "10"
