"""Where the main window opens: sized to the screen on a first start, where it was left later on, and
back on a screen present now when it was left on one that is gone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from coopdesk.db.database import Database
from coopdesk.ui.shell.main_window import MainWindow
from coopdesk.ui.shell.window_geometry import (
    LARGEST_FIRST,
    first_geometry,
    fit_to_screens,
    saved_frame_margins,
)
from coopdesk.ui.widgets.settings import Settings
from tests.helpers.gui import DialogLog

MINIMUM = QSize(720, 480)  # the main window's own minimum
LAPTOP = QRect(0, 0, 1366, 740)  # 1366 x 768 less a 28-pixel panel
MONITOR = QRect(1366, -300, 2560, 1400)  # a large monitor to the laptop's right, its top higher


def _centre_offset(inner: QRect, outer: QRect) -> tuple[int, int]:
    return (
        abs((inner.left() - outer.left()) - (outer.right() - inner.right())),
        abs((inner.top() - outer.top()) - (outer.bottom() - inner.bottom())),
    )


def test_a_first_window_on_a_small_screen_takes_most_of_it_and_is_centred() -> None:
    rect = first_geometry(QRect(0, 0, 1024, 728), MINIMUM)
    assert QRect(0, 0, 1024, 728).contains(rect)
    assert (rect.width(), rect.height()) == (922, 655)  # 90 % each way: room left for the title bar
    assert max(_centre_offset(rect, QRect(0, 0, 1024, 728))) <= 1


def test_a_first_window_on_a_large_screen_is_not_spread_over_all_of_it() -> None:
    screen = QRect(0, 0, 3840, 2112)
    rect = first_geometry(screen, MINIMUM)
    assert rect.size() == LARGEST_FIRST
    assert max(_centre_offset(rect, screen)) <= 1


def test_a_first_window_on_a_screen_that_is_not_the_first_is_centred_there() -> None:
    rect = first_geometry(MONITOR, MINIMUM)
    assert MONITOR.contains(rect) and max(_centre_offset(rect, MONITOR)) <= 1


def test_a_first_window_never_outgrows_a_screen_smaller_than_its_minimum() -> None:
    tiny = QRect(0, 0, 640, 440)
    assert first_geometry(tiny, MINIMUM) == tiny
    # where the screen has room for the minimum, 90 % that would be smaller gives way to it
    assert first_geometry(QRect(0, 0, 780, 520), MINIMUM).size() == QSize(720, 480)


def test_a_window_left_on_a_screen_stays_where_it_was_left() -> None:
    left = QRect(100, 50, 900, 600)
    assert fit_to_screens(left, [LAPTOP, MONITOR], LAPTOP) == left
    across = QRect(1000, 100, 1200, 600)  # over the edge between the two, as the user put it
    assert fit_to_screens(across, [LAPTOP, MONITOR], LAPTOP) == across


def test_a_window_left_on_a_monitor_that_is_gone_is_centred_on_the_laptop() -> None:
    on_monitor = QRect(2000, 100, 1800, 1100)  # larger than the laptop's screen
    rect = fit_to_screens(on_monitor, [LAPTOP], LAPTOP)
    assert LAPTOP.contains(rect)
    assert rect.size() == QSize(1366, 740)
    smaller = fit_to_screens(QRect(2000, 100, 1000, 600), [LAPTOP], LAPTOP)
    assert smaller.size() == QSize(1000, 600)  # the size the user chose, kept where it fits
    assert max(_centre_offset(smaller, LAPTOP)) <= 1


def test_a_window_half_off_the_screen_is_moved_in_whole() -> None:
    rect = fit_to_screens(QRect(900, 500, 800, 500), [LAPTOP], LAPTOP)
    assert rect == QRect(566, 240, 800, 500)  # against the right and bottom edges, same size
    above = fit_to_screens(QRect(-200, -100, 800, 500), [LAPTOP], LAPTOP)
    assert above.topLeft().x() == 0 and above.topLeft().y() == 0


def test_a_window_off_every_screen_after_the_monitors_were_rearranged_comes_to_the_one_it_touches() -> None:
    # the monitor now sits to the left of the laptop; the window was left far to the right
    monitor_left = QRect(-2560, 0, 2560, 1400)
    rect = fit_to_screens(QRect(3000, 200, 1200, 800), [monitor_left, LAPTOP], LAPTOP)
    assert LAPTOP.contains(rect) and rect.size() == QSize(1200, 740)
    touching = fit_to_screens(QRect(-300, 100, 1000, 600), [monitor_left, LAPTOP], LAPTOP)
    assert touching == QRect(-300, 100, 1000, 600)  # across both: left as it is
    mostly_on_monitor = fit_to_screens(QRect(-900, 1000, 1000, 700), [monitor_left, LAPTOP], LAPTOP)
    assert monitor_left.contains(mostly_on_monitor)


def test_the_main_window_opens_sized_to_the_screen_and_comes_back_on_it(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, dialog_log: DialogLog
) -> None:
    screen = QGuiApplication.primaryScreen().availableGeometry()
    settings_file = tmp_path / "geometry.ini"
    first = MainWindow(demo_db, Settings(settings_file))
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    assert screen.contains(first.frameGeometry())
    assert first.size() != QSize(1200, 760)
    assert first.width() >= screen.width() * 0.85 or first.width() == first.minimumWidth()
    assert max(_centre_offset(first.frameGeometry(), screen)) <= 8  # the frame, as the user sees it

    first.resize(760, 540)
    first.move(screen.right() + 2000, screen.bottom() + 1500)  # on a monitor that will be gone
    assert not screen.intersects(first.frameGeometry())
    first.close()

    again = MainWindow(demo_db, Settings(settings_file))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert screen.contains(again.frameGeometry())
    assert again.size() == QSize(760, 540)


def test_the_frame_recorded_by_save_geometry_is_read_back(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    frame, client = window.frameGeometry(), window.geometry()
    expected = (
        client.left() - frame.left(),
        client.top() - frame.top(),
        frame.right() - client.right(),
        frame.bottom() - client.bottom(),
    )
    assert saved_frame_margins(window.saveGeometry()) == expected
    assert (
        saved_frame_margins(QByteArray(b"not a saved geometry, but long enough to be read as one"))
        == (0,) * 4
    )
    assert saved_frame_margins(QByteArray(b"short")) == (0, 0, 0, 0)


# ------------------------------------------------------------- the real start, on the screens given


def _screens_config(tmp_path: Path, *screens: tuple[int, int, int, int]) -> str:
    """The offscreen platform with these screens (x, y, width, height), the first one primary."""
    path = tmp_path / f"screens-{len(list(tmp_path.glob('screens-*')))}.json"
    path.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": f"screen{i}",
                        "x": x,
                        "y": y,
                        "width": w,
                        "height": h,
                        "logicalDpi": 96,
                        "dpr": 1,
                    }
                    for i, (x, y, w, h) in enumerate(screens)
                ]
            }
        )
    )
    return f"offscreen:configfile={path}"


def _environment(tmp_path: Path, platform: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM=platform,
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        **extra,
    )
    return env


def _start(tmp_path: Path, demo_db_path: Path, platform: str) -> QRect:
    """coopdesk started as a user starts it, on these screens: the window's frame where it opened."""
    report = tmp_path / "start.json"
    started = subprocess.run(
        [sys.executable, "-m", "coopdesk", "--db", str(demo_db_path)],
        env=_environment(tmp_path, platform, COOPDESK_START_PROBE=str(report)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode == 0, started.stderr
    x, y, w, h = json.loads(report.read_text())["frame"]
    return QRect(x, y, w, h)


def test_a_first_start_on_a_small_screen_and_on_a_large_one(tmp_path: Path, demo_db_path: Path) -> None:
    small = QRect(0, 0, 1024, 768)
    frame = _start(tmp_path / "small", demo_db_path, _screens_config(tmp_path, (0, 0, 1024, 768)))
    assert small.contains(frame)
    assert frame.width() >= 900 and frame.height() >= 680  # most of the screen, not 1200 x 760 off its edge
    assert max(_centre_offset(frame, small)) <= 8

    large = QRect(0, 0, 3840, 2160)
    frame = _start(tmp_path / "large", demo_db_path, _screens_config(tmp_path, (0, 0, 3840, 2160)))
    assert large.contains(frame)
    assert (frame.width() - LARGEST_FIRST.width(), frame.height() - LARGEST_FIRST.height()) < (16, 48)
    assert max(_centre_offset(frame, large)) <= 8


SAVE_ON_MONITOR = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.setMinimumSize(720, 480)
window.show()
window.resize(1400, 900)
window.move(2000, 200)
app.processEvents()
assert window.screen().name() == "screen1", window.screen().name()
sys.stdout.write(bytes(window.saveGeometry().toBase64()).decode())
"""


def test_a_window_left_on_a_monitor_comes_back_on_the_laptop_once_it_is_undocked(
    tmp_path: Path, demo_db_path: Path
) -> None:
    docked = _screens_config(tmp_path, (0, 0, 1366, 768), (1366, 0, 2560, 1440))
    saved = subprocess.run(
        [sys.executable, "-c", SAVE_ON_MONITOR],
        env=_environment(tmp_path, docked),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    settings = Settings(tmp_path / "config" / "coopdesk" / "coopdesk.ini")
    settings.set_geometry("main", QByteArray.fromBase64(saved.encode()))
    settings.sync()

    on_monitor = _start(tmp_path, demo_db_path, docked)
    assert on_monitor.topLeft().x() >= 1366  # still docked: where it was left
    assert on_monitor.width() >= 1400

    laptop = QRect(0, 0, 1366, 768)
    undocked = _start(tmp_path, demo_db_path, _screens_config(tmp_path, (0, 0, 1366, 768)))
    assert laptop.contains(undocked)
