"""Tasks for the worker tests: they leave a trace in a file, so a test sees what ran, in which process, how often."""

import os
import time
from pathlib import Path

from django.tasks import task


def _write(path, line):
    with Path(path).open("a") as file:
        file.write(f"{line}\n")


@task
def note(path, text):
    _write(path, text)
    return text


@task
def slow_note(path, seconds):
    """Writes „started <pid>“, waits, writes „done <pid>“: a task to kill or cut off in the middle."""
    _write(path, f"started {os.getpid()}")
    time.sleep(seconds)
    _write(path, f"done {os.getpid()}")
    return "done"
