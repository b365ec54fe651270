import pytest

from tests.stack import Inbox


@pytest.fixture
def inbox():
    inbox = Inbox()
    inbox.start()
    yield inbox
    inbox.stop()


@pytest.fixture
def processes():
    """Processes a test starts, stopped at its end (before the database is flushed)."""
    started = []
    yield started
    for process in reversed(started):
        process.stop()
