"""The task runner when the till closes: work asked for late is dropped, not run, and a
result that arrives after the window closed is not handed to it."""

import threading

from pytestqt.qtbot import QtBot

from pos.ui.tasks import Lane, TaskRunner, thread_executors


def test_results_and_requests_after_shutdown_are_dropped(qtbot: QtBot) -> None:
    runner = TaskRunner(thread_executors())
    release = threading.Event()
    delivered: list[str] = []
    ran: list[str] = []

    runner.submit(Lane.DB_READ, lambda: release.wait(5) and "late result", delivered.append)
    stopper = threading.Thread(target=runner.shutdown)  # waits for the running task
    stopper.start()
    qtbot.waitUntil(lambda: runner.closed)
    runner.submit(Lane.DB_WRITE, lambda: ran.append("started late"), delivered.append)
    release.set()
    stopper.join(5)
    qtbot.wait(50)  # let a queued delivery (if any) arrive

    assert ran == []
    assert delivered == []
    assert runner.pending == 0
