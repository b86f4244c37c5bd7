"""A committed edit survives a crash: a writer is killed with SIGKILL at random moments, again and again.

After each kill the file passes SQLite's integrity check and every commit the writer reported is there
(with its history). The figures are written to test-output/crash-safety.txt for the README.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from coopdesk.db.file_copy import integrity_problems
from tests.helpers.writer_child import edit_loop, fork_child, read_lines

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() to start writers quickly")


def _kill_rounds(db_path: Path, rounds: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    creates: dict[str, str] = {}
    updates: dict[str, int] = {}
    reported = 0
    for n in range(rounds):
        pid, fd = fork_child(lambda w, n=n: edit_loop(db_path, f"k{n}", w))
        # Wait for the first reported commit (start-up time varies with the machine's load), then kill
        # at a random moment of the writing.
        first = b""
        while not first.endswith(b"\n"):
            chunk = os.read(fd, 1)
            if not chunk:
                break
            first += chunk
        time.sleep(rng.uniform(0.0, 0.2))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        lines = [line for line in first.decode().split("\n") if line] + read_lines(fd)
        reported += len(lines)
        for line in lines:
            action, key, value = line.split()
            if action == "create":
                creates[key] = value
            else:
                updates[key] = int(value)
        assert integrity_problems(db_path) == [], f"integrity check failed after kill {n + 1}"
        _assert_commits_present(db_path, creates, updates)
    return {"kills": rounds, "commits": reported, "records": len(creates)}


def _assert_commits_present(db_path: Path, creates: dict[str, str], updates: dict[str, int]) -> None:
    conn = sqlite3.connect(db_path)
    try:
        rows = dict(conn.execute("SELECT id, title FROM national_initiatives").fetchall())
        descriptions = dict(conn.execute("SELECT id, description FROM national_initiatives").fetchall())
        history = {r[0] for r in conn.execute("SELECT record_id FROM history WHERE action = 'create'")}
    finally:
        conn.close()
    for key, title in creates.items():
        assert rows.get(key) == title, f"reported commit of {title} is missing after a kill"
        assert key in history, f"the history of {title} is missing after a kill"
    for key, value in updates.items():
        # The writer may have committed a later value before it could report it, never an older one.
        assert int(descriptions[key]) >= value, f"reported update {value} of {key} was lost"


def _write_figures(output_dir: Path, name: str, figures: dict[str, int]) -> None:
    text = ", ".join(f"{k} {v}" for k, v in figures.items())
    (output_dir / f"{name}.txt").write_text(text + "\n", encoding="utf-8")


def test_fifty_kills_lose_no_reported_commit(db_path: Path, output_dir: Path) -> None:
    figures = _kill_rounds(db_path, rounds=50, seed=6)
    _write_figures(output_dir, "crash-safety", figures)
    assert figures["kills"] == 50
    assert figures["commits"] > 50, "the writer must have committed between kills for the test to mean much"
    assert figures["records"] >= 50


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("COOPDESK_SLOW"), reason="the long run: set COOPDESK_SLOW=1")
def test_five_hundred_kills_lose_no_reported_commit(db_path: Path, output_dir: Path) -> None:
    figures = _kill_rounds(db_path, rounds=500, seed=66)
    _write_figures(output_dir, "crash-safety-slow", figures)
    assert figures["commits"] > 500
