"""Starting the window where it cannot open: a plain message and a non-zero exit, never Qt's abort.

The missing system library is staged the way it happens on a workstation: Qt's own X11 plugin, copied
into a scratch plugin folder with two of the libraries it needs renamed to ones no system has
(``libxcb-icccm.so.9``, ``libxcb-keysyms.so.9``), and put first on ``QT_PLUGIN_PATH``. A bare Qt
application aborts there with "Could not load the Qt platform plugin "xcb"" (checked first, so the stand-in
is known to be the real failure); coopdesk says what is missing and which packages to install.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coopdesk.system_check.display import window_start_problem
from coopdesk.system_check.elf import NotAnElfLibrary, expand_origin, read_dynamic
from coopdesk.system_check.packages import packages_for, stem

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's Linux platforms")

PYSIDE = Path(__import__("PySide6").__file__).parent
XCB_PLUGIN = PYSIDE / "Qt" / "plugins" / "platforms" / "libqxcb.so"
RENAMED = {b"libxcb-icccm.so.4": b"libxcb-icccm.so.9", b"libxcb-keysyms.so.1": b"libxcb-keysyms.so.9"}
BARE_QT = "from PySide6.QtGui import QGuiApplication; QGuiApplication([]); print('started')"


@pytest.fixture
def broken_plugins(tmp_path: Path) -> Path:
    """A plugin folder whose X11 plugin needs two libraries that are not installed anywhere."""
    if not XCB_PLUGIN.is_file():
        pytest.skip("this PySide6 has no X11 plugin")
    data = XCB_PLUGIN.read_bytes()
    for name, renamed in RENAMED.items():
        assert data.count(name + b"\0") == 1, f"the plugin no longer needs {name!r}"
        data = data.replace(name + b"\0", renamed + b"\0")
    plugins = tmp_path / "qt" / "plugins"
    (plugins / "platforms").mkdir(parents=True)
    (plugins / "platforms" / "libqxcb.so").write_bytes(data)
    # The plugin finds Qt's own libraries through its run path, $ORIGIN/../../lib.
    (tmp_path / "qt" / "lib").symlink_to(PYSIDE / "Qt" / "lib")
    return plugins


def _environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A desktop session's environment, without the variables that choose a platform or display; PATH
    is an empty folder (no desktop message tool) unless given."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("QT_", "DISPLAY", "WAYLAND_", "XDG_SESSION"))
    }
    empty = tmp_path / "empty-path"
    empty.mkdir(exist_ok=True)
    env.update(
        PATH=str(empty), XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data")
    )
    env.update(extra)
    return env


def _no_core_dump() -> None:
    import resource  # Unix only, as these tests are

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _run(code_or_module: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *code_or_module],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_no_core_dump,
    )


def test_a_missing_system_library_is_named_with_its_packages_instead_of_qts_abort(
    tmp_path: Path, broken_plugins: Path
) -> None:
    # A display that the check cannot probe (a remote one): only the plugin's libraries decide.
    env = _environment(tmp_path, QT_PLUGIN_PATH=str(broken_plugins), DISPLAY="localhost:99.0")
    env["QT_QPA_PLATFORM"] = "xcb"

    bare = _run(["-c", BARE_QT], env, tmp_path)
    assert bare.returncode < 0, bare.stdout + bare.stderr  # aborted by a signal
    assert 'Could not load the Qt platform plugin "xcb"' in bare.stderr

    database = tmp_path / "coopdesk.sqlite"
    started = _run(["-m", "coopdesk", "--db", str(database)], env, tmp_path)

    assert started.returncode == 1
    assert started.stdout == ""
    lines = started.stderr.splitlines()
    assert lines[0] == "coopdesk cannot open its window: system libraries it needs are not installed."
    assert "    libxcb-icccm.so.9" in lines
    assert "    libxcb-keysyms.so.9" in lines
    assert "    Debian, Ubuntu:  sudo apt install libxcb-icccm4 libxcb-keysyms1" in lines
    assert "    Fedora:          sudo dnf install xcb-util-wm xcb-util-keysyms" in lines
    assert "Could not load" not in started.stderr and "qt.qpa" not in started.stderr
    assert "Traceback" not in started.stderr
    assert not database.exists()  # nothing was opened, created or locked


def test_started_from_the_desktop_menu_the_message_is_also_shown_in_a_message_box(
    tmp_path: Path, broken_plugins: Path
) -> None:
    """Nobody reads the output of a program started from the menu: the desktop's own message tool
    (here a stand-in ``xmessage`` that writes down what it was asked to show) gets the same words."""
    tools = tmp_path / "tools"
    tools.mkdir()
    shown = tmp_path / "shown.txt"
    xmessage = tools / "xmessage"
    xmessage.write_text(
        f'#!/bin/sh\nPATH=/usr/bin:/bin\nprintf "%s\\n" "$@" > "{shown}.part" && mv "{shown}.part" "{shown}"\n'
    )
    xmessage.chmod(0o755)
    env = _environment(
        tmp_path, QT_PLUGIN_PATH=str(broken_plugins), DISPLAY="localhost:99.0", PATH=str(tools)
    )
    env["QT_QPA_PLATFORM"] = "xcb"

    started = _run(["-m", "coopdesk", "--db", str(tmp_path / "x.sqlite")], env, tmp_path)

    assert started.returncode == 1
    for _ in range(100):  # the message box is not waited for
        if shown.exists():
            break
        subprocess.run(["sleep", "0.05"], check=True)
    arguments = shown.read_text()
    assert arguments.startswith("-center\n")
    assert arguments.removeprefix("-center\n").strip() == started.stderr.strip()


def test_no_display_is_said_plainly(tmp_path: Path) -> None:
    started = _run(["-m", "coopdesk", "--db", str(tmp_path / "x.sqlite")], _environment(tmp_path), tmp_path)

    assert started.returncode == 1
    assert started.stderr.splitlines()[:2] == [
        "coopdesk cannot open its window: there is no graphical desktop here to show it on",
        "(the DISPLAY environment variable is not set).",
    ]
    assert "coopdesk --help" in started.stderr
    assert "qt.qpa" not in started.stderr and "Traceback" not in started.stderr
    assert not (tmp_path / "x.sqlite").exists()


# ---------------------------------------------------------------------------------- the check itself


@pytest.fixture
def x_display() -> Iterator[str]:
    """A local X display number with something listening on its (abstract) socket."""
    number = 4000 + os.getpid() % 1000
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(f"\0/tmp/.X11-unix/X{number}")
        server.listen(1)
        yield f":{number}"


def test_platforms_that_need_no_display_are_left_to_qt() -> None:
    for platform in ("offscreen", "minimal", "vnc", "xcb;offscreen"):
        assert window_start_problem({"QT_QPA_PLATFORM": platform}, "linux") is None
    assert window_start_problem({}, "win32") is None
    assert window_start_problem({}, "darwin") is None


def test_a_local_display_that_is_not_running_is_named() -> None:
    problem = window_start_problem({"DISPLAY": ":987"}, "linux")
    assert problem is not None
    assert problem.message.startswith(
        "coopdesk cannot open its window: no X display is running at DISPLAY=:987."
    )


def test_a_running_local_display_passes_the_display_check(x_display: str) -> None:
    problem = window_start_problem({"DISPLAY": x_display}, "linux")
    # Whatever this machine's libraries say, the display itself is not the problem.
    assert problem is None or "no X display" not in problem.message


PROBE = """
import json, sys
from coopdesk.system_check.display import window_start_problem
problem = window_start_problem(json.loads(sys.argv[1]), "linux")
print(json.dumps(None if problem is None else problem.message))
"""


def _problem(env: dict[str, str], cwd: Path) -> str | None:
    """The check, run in a fresh process (the plugins it loads stay loaded)."""
    import json

    out = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(env)], capture_output=True, text=True, check=True, cwd=cwd
    ).stdout
    message: str | None = json.loads(out)
    return message


def _loadable_plugin(folder: Path, name: str) -> None:
    """A stand-in for a platform plugin that loads on this machine: Qt's offscreen plugin, which the
    tests themselves run on, under the other plugin's file name."""
    (folder / "platforms").mkdir(parents=True, exist_ok=True)
    shutil.copy(PYSIDE / "Qt" / "plugins" / "platforms" / "libqoffscreen.so", folder / "platforms" / name)
    qt_libraries = folder.parent / "lib"  # its run path: $ORIGIN/../../lib
    if not qt_libraries.exists():
        qt_libraries.symlink_to(PYSIDE / "Qt" / "lib")


def test_a_plugin_that_loads_passes(tmp_path: Path, broken_plugins: Path) -> None:
    _loadable_plugin(broken_plugins, "libqxcb.so")
    env = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": "localhost:99.0", "QT_PLUGIN_PATH": str(broken_plugins)}
    assert _problem(env, tmp_path) is None


def test_a_wayland_session_is_not_stopped_for_x11_alone(tmp_path: Path, broken_plugins: Path) -> None:
    """With a Wayland socket and QT_QPA_PLATFORM unset, Qt may start on Wayland: a broken X11 plugin
    stops nothing while the Wayland plugin loads; when neither can, both reasons are said."""
    (tmp_path / "wayland-0").touch()
    env = {
        "XDG_RUNTIME_DIR": str(tmp_path),
        "WAYLAND_DISPLAY": "wayland-0",
        "QT_PLUGIN_PATH": str(broken_plugins),
    }
    _loadable_plugin(broken_plugins, "libqwayland.so")
    assert _problem(env, tmp_path) is None

    (broken_plugins / "platforms" / "libqwayland.so").unlink()
    (tmp_path / "wayland-0").unlink()  # no Wayland display after all: X11 is all there is
    message = _problem({**env, "DISPLAY": "localhost:99.0"}, tmp_path)
    assert message is not None and "libxcb-icccm.so.9" in message and "Wayland" not in message


def test_a_plugin_that_qt_would_not_load_first_does_not_count(tmp_path: Path, broken_plugins: Path) -> None:
    """Qt loads the first X11 plugin on its plugin path and no other: one further down that would load
    does not make the start work (QT_QPA_PLATFORM_PLUGIN_PATH is the exception: Qt falls back from it)."""
    later = tmp_path / "other-qt" / "plugins"
    _loadable_plugin(later, "libqxcb.so")
    env = {
        "QT_QPA_PLATFORM": "xcb",
        "DISPLAY": "localhost:99.0",
        "QT_PLUGIN_PATH": os.pathsep.join([str(broken_plugins), str(later)]),
    }
    message = _problem(env, tmp_path)
    assert message is not None and "libxcb-keysyms.so.9" in message

    direct = {
        **env,
        "QT_PLUGIN_PATH": str(later),
        "QT_QPA_PLATFORM_PLUGIN_PATH": str(broken_plugins / "platforms"),
    }
    assert _problem(direct, tmp_path) is None


# ---------------------------------------------------------------------------------- ELF and packages


def test_the_elf_reader_finds_the_plugins_needs_and_run_path() -> None:
    info = read_dynamic(XCB_PLUGIN)
    assert "libQt6XcbQpa.so.6" in info.needed and "libxcb-icccm.so.4" in info.needed
    assert info.search_path == ("$ORIGIN/../../lib",)
    folder = expand_origin(info.search_path[0], XCB_PLUGIN.parent)
    assert (folder / "libQt6XcbQpa.so.6").is_file()
    readelf = shutil.which("readelf")
    if readelf is not None:  # the same list as binutils reads, in the same order
        out = subprocess.run(
            [readelf, "-d", str(XCB_PLUGIN)], capture_output=True, text=True, check=True
        ).stdout
        listed = [line.split("[", 1)[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line]
        assert list(info.needed) == listed


def test_the_elf_reader_refuses_what_is_not_an_elf_library(tmp_path: Path) -> None:
    for content in (b"", b"#!/bin/sh\n", b"\x7fELF\x09\x01" + bytes(40)):
        path = tmp_path / "libnot.so"
        path.write_bytes(content)
        with pytest.raises(NotAnElfLibrary):
            read_dynamic(path)


def test_library_names_give_their_packages_once_each() -> None:
    assert stem("libxcb-icccm.so.4") == "libxcb-icccm"
    assert stem("libxkbcommon-x11.so.0.0.0") == "libxkbcommon-x11"
    debian, fedora, unknown = packages_for(
        ["libxcb-cursor.so.0", "libxcb-shape.so.0", "libxcb-randr.so.0", "libfoo.so.3"]
    )
    assert debian == ["libxcb-cursor0", "libxcb-shape0", "libxcb-randr0"]
    assert fedora == ["xcb-util-cursor", "libxcb"]
    assert unknown == ["libfoo.so.3"]
