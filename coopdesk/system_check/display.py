"""Can the window open here? Asked on Linux before Qt is started, so a missing system library or a missing
display is told in plain words instead of Qt's abort ("Could not load the Qt platform plugin "xcb" ...
Reinstalling the application may fix this problem"), which an office worker cannot act on.

What is checked, and only when Qt would use its X11 (``xcb``) or Wayland platform, which is when
``QT_QPA_PLATFORM`` is unset or names one of them (``offscreen``, ``vnc`` ... are left to Qt):

- a display to show the window on: ``DISPLAY`` for X11 (and, for a local display, its socket), the
  Wayland socket for Wayland;
- that the platform plugin's shared library loads, with everything it needs: it is loaded with
  ``dlopen``, as Qt will load it moments later (so a start that works pays almost nothing: the libraries
  are loaded once, here, instead of in Qt). Only when that fails are the plugin's needs read from its
  ELF file, to name every missing library and the packages that hold them.

The check never stops a start that Qt could manage: when it cannot tell (no plugin file where it looks,
a remote display, a failure other than a missing library), it says nothing and lets Qt try.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing itself is not imported: see below

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

# Kept light: this runs first thing in every start on Linux, before the modules the rest of the start
# needs (no typing, dataclasses, re or pathlib until something is wrong).

#: Qt platform name -> the plugin file that holds it (Qt 6).
PLUGIN_FILES = {"xcb": "libqxcb.so", "wayland": "libqwayland.so", "wayland-egl": "libqwayland.so"}
WHAT = {"xcb": 'X11 (Qt\'s "xcb" platform plugin)', "wayland": 'Wayland (Qt\'s "wayland" platform plugin)'}
_CANNOT_OPEN = ": cannot open shared object file"


def _missing_name(failure: str | None) -> str | None:
    """The library the loader could not find, from its message ("libxcb-icccm.so.4: cannot open shared
    object file: No such file or directory"); None for any other failure."""
    name, found, _rest = (failure or "").partition(_CANNOT_OPEN)
    return name if found and name and ":" not in name else None


class Problem:
    """Why the window cannot open, in plain words (several lines, complete on their own)."""

    def __init__(self, message: str) -> None:
        self.message = message


class _Verdict:
    def __init__(self, usable: bool, problem: str = "", missing: tuple[str, ...] = ()) -> None:
        self.usable = usable  # True when the platform should work, or when the check cannot tell
        self.problem = problem  # what is wrong, worded for the user, when not usable
        self.missing = missing  # the missing libraries, when that is the problem


_USABLE = _Verdict(True)


def window_start_problem(env: Mapping[str, str] | None = None, platform: str | None = None) -> Problem | None:
    """What stops the window from opening on this machine, or None when nothing is known to.

    ``env`` and ``platform`` default to this process's environment and ``sys.platform``."""
    if not (platform or sys.platform).startswith("linux"):
        return None
    env = os.environ if env is None else env
    names = _platforms(env)
    if names is None:
        return None
    verdicts: list[tuple[str, _Verdict]] = []
    for name in names:
        verdict = _check(name, env)
        if verdict.usable:
            return None
        verdicts.append((name, verdict))
    return Problem(_message(verdicts))


def _platforms(env: Mapping[str, str]) -> list[str] | None:
    """The platforms Qt will try, in order, or None when one of them is not checked here."""
    requested = [
        part.split(":", 1)[0].strip() for part in env.get("QT_QPA_PLATFORM", "").split(";") if part.strip()
    ]
    if not requested:
        # Qt starts on X11, or on Wayland in a Wayland session: either will do.
        requested = ["wayland", "xcb"] if _wayland_socket(env) is not None else ["xcb"]
    if any(name not in PLUGIN_FILES for name in requested):
        return None
    return requested


def _check(name: str, env: Mapping[str, str]) -> _Verdict:
    if name == "xcb":
        display = env.get("DISPLAY", "").strip()
        if not display:
            return _Verdict(
                False,
                "there is no graphical desktop here to show it on\n(the DISPLAY environment variable is "
                "not set).",
            )
        if not _x_display_may_answer(display):
            return _Verdict(False, f"no X display is running at DISPLAY={display}.")
    elif _wayland_socket(env) is None:
        return _Verdict(False, "there is no Wayland display here to show it on\n(no WAYLAND_DISPLAY socket).")
    plugins = _plugin_files(PLUGIN_FILES[name], env)
    if not plugins:
        return _USABLE  # not where it is looked for: Qt may know better, and says so if not
    first_failure = ""
    for plugin in plugins:
        failure = _load(plugin)
        if failure is None:
            return _USABLE
        first_failure = first_failure or failure
    cannot_open = _missing_name(first_failure)
    if cannot_open is None:
        return _USABLE  # not a missing library (a symbol, a damaged file): Qt's own words are better
    from pathlib import Path

    missing = _missing_libraries(Path(plugins[0])) or [cannot_open]
    return _Verdict(False, "", tuple(missing))


def _load(path: str) -> str | None:
    """``dlopen`` the library at ``path`` (or a library name): None when it loads, else the loader's
    reason. A loaded library stays loaded: Qt loads the same one next."""
    import _ctypes

    try:
        _ctypes.dlopen(path, os.RTLD_LAZY | os.RTLD_LOCAL)
    except OSError as exc:
        return str(exc)
    return None


def _plugin_files(filename: str, env: Mapping[str, str]) -> list[str]:
    """The plugin files Qt may load for a platform, in the order it tries them: the one in
    ``QT_QPA_PLATFORM_PLUGIN_PATH`` if any, then the first found in its plugin folders
    (``QT_PLUGIN_PATH``, then Qt's own): Qt tries no other when that one fails to load."""
    files: list[str] = []
    direct = env.get("QT_QPA_PLATFORM_PLUGIN_PATH", "")
    if direct and os.path.isfile(os.path.join(direct, filename)):
        files.append(os.path.join(direct, filename))
    folders = [
        os.path.join(entry, "platforms") for entry in env.get("QT_PLUGIN_PATH", "").split(os.pathsep) if entry
    ]
    folders.extend(os.path.join(folder, "Qt", "plugins", "platforms") for folder in _pyside_folders())
    first = next(
        (os.path.join(f, filename) for f in folders if os.path.isfile(os.path.join(f, filename))), None
    )
    if first is not None:
        files.append(first)
    return files


def _pyside_folders() -> list[str]:
    """Where PySide6 is installed, found without importing it (Qt's own plugins are under it)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return []
    if spec is None or spec.submodule_search_locations is None:
        return []
    return list(spec.submodule_search_locations)


def _x_display_may_answer(display: str) -> bool:
    """False only when ``display`` is a local X display whose socket is certainly not there."""
    if display.startswith("/"):
        return True  # a socket named by its path (with a screen number after it): left to Qt
    host, _, rest = display.rpartition(":")
    number = rest.split(".", 1)[0]
    if host not in ("", "unix") or not number.isdigit():
        return True  # a remote display (ssh -X gives "localhost:10.0"): only connecting would tell
    socket_path = f"/tmp/.X11-unix/X{number}"
    if os.path.exists(socket_path):
        return True
    import socket

    # X servers on Linux also listen on an abstract socket of the same name, which a sandbox may keep.
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect("\0" + socket_path)
        except OSError:
            return False
    return True


def _wayland_socket(env: Mapping[str, str]) -> str | None:
    name = env.get("WAYLAND_DISPLAY", "").strip()
    if not name:
        return None
    path = name if name.startswith("/") else os.path.join(env.get("XDG_RUNTIME_DIR", "/nonexistent"), name)
    return path if os.path.exists(path) else None


def _missing_libraries(plugin: Path) -> list[str]:
    """Every system library that the plugin (and the Qt libraries shipped beside it) needs and that
    cannot be loaded, in the order they are first needed: the names the loader looks for."""
    from coopdesk.system_check.elf import NotAnElfLibrary, expand_origin, read_dynamic

    missing: list[str] = []
    seen: set[str] = set()

    def visit(library: Path) -> None:
        try:
            info = read_dynamic(library)
        except (OSError, NotAnElfLibrary):
            return
        folders = [expand_origin(entry, library.parent) for entry in info.search_path]
        for name in info.needed:
            if name in seen:
                continue
            seen.add(name)
            shipped = next((folder / name for folder in folders if (folder / name).is_file()), None)
            if shipped is not None:
                visit(shipped)  # a Qt library shipped with coopdesk: what does it need in turn?
                continue
            absent = _missing_name(_load(name))
            if absent is not None and absent not in missing:
                missing.append(absent)

    visit(plugin)
    return missing


def _message(verdicts: list[tuple[str, _Verdict]]) -> str:
    from coopdesk.system_check.packages import packages_for

    lines: list[str] = []
    for name, verdict in verdicts:
        what = WHAT.get(name, WHAT["wayland"])
        if not verdict.missing:
            lines.append(f"coopdesk cannot open its window: {verdict.problem}")
            if name == "xcb":
                lines += [
                    "Start coopdesk from your desktop's menu, or from a terminal window inside the desktop.",
                    "Over SSH, connect with 'ssh -X' to show the window on your own screen.",
                ]
            continue
        lines.append("coopdesk cannot open its window: system libraries it needs are not installed.")
        lines.append(f"Missing for {what}:")
        lines += [f"    {library}" for library in verdict.missing]
        debian, fedora, unknown = packages_for(list(verdict.missing))
        lines.append("Install them (your administrator may have to), then start coopdesk again:")
        if debian:
            lines.append(f"    Debian, Ubuntu:  sudo apt install {' '.join(debian)}")
            lines.append(f"    Fedora:          sudo dnf install {' '.join(fedora)}")
        for library in unknown:
            lines.append(
                f"    {library}: find its package with 'apt-file search {library}' (Debian, Ubuntu) "
                f"or 'dnf provides */{library}' (Fedora)"
            )
    lines.append("The commands work without a window: see 'coopdesk --help'.")
    return "\n".join(lines)


def report(problem: Problem, env: Mapping[str, str] | None = None) -> None:
    """Say the problem on stderr. When stderr is not a terminal (coopdesk started from the desktop's
    menu, whose output nobody sees) and there is a display, also show it with the first of the desktop's
    own message tools that is installed (zenity, kdialog, xmessage, notify-send), without waiting."""
    env = os.environ if env is None else env
    if sys.stderr is not None:
        print(problem.message, file=sys.stderr, flush=True)
        if sys.stderr.isatty():
            return
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        return
    import shutil
    import subprocess

    commands = {
        "zenity": ["--error", "--no-wrap", "--title=coopdesk", f"--text={problem.message}"],
        "kdialog": ["--title", "coopdesk", "--error", problem.message],
        "xmessage": ["-center", problem.message],
        "notify-send": ["--app-name=coopdesk", "coopdesk cannot open its window", problem.message],
    }
    for tool, arguments in commands.items():
        found = shutil.which(tool, path=env.get("PATH"))
        if found is None:
            continue
        try:
            subprocess.Popen(
                [found, *arguments],
                env=dict(env),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError:
            continue
        return
