"""Run in a fresh process by ``gui_bench``: start a window offscreen and report when it was painted.

    python bench/gui_harness.py baseline            a bare QMainWindow after ``import sqlalchemy.orm``
    python bench/gui_harness.py app DB              coopdesk's own start-up (``coopdesk --db DB``)
    python bench/gui_harness.py interact DB SPEC    start-up, then type in the country filter, open
                                                    workspaces and search, through the real window
    python bench/gui_harness.py screenshot DB ISO3 PNG   the window on a State's workspace, to look at

The script prints one line ``RESULT {json}``. Wall-clock times are ``time.time()`` so the parent can
subtract the moment it started the process. It is run as a script (not ``-m bench...``) so the baseline
and the app pay exactly the same interpreter start-up. Nothing is imported before the mode needs it.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

#: The main window's size while the interaction is measured (the size of the figures in bench/README.md).
WINDOW_SIZE = (1200, 760)


def _emit(result: dict[str, Any]) -> None:
    import resource

    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps(result), flush=True)
    os._exit(0)  # no closeEvent: the window's own shutdown is not part of any measure


def baseline() -> None:
    import sqlalchemy.orm  # noqa: F401  (the baseline includes the ORM import, as the issue asks)
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv)

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                _emit({"painted": time.time()})
            return False

    window = QMainWindow()
    window.setWindowTitle("baseline")
    window.resize(1200, 800)
    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    app.exec()


# --------------------------------------------------------------------------- the real app


class _Watch:
    """Paint events of the coopdesk main window, seen through an application-wide event filter.

    ``scope`` narrows what counts as "the result was painted" to some widgets: a line edit's clear
    button fades in with an animation that repaints for a quarter of a second, which is not the result.
    """

    def __init__(self) -> None:
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QApplication, QMainWindow

        self.first_paint: float | None = None
        self.first_paint_with_countries: float | None = None
        self.last_paint = 0.0
        self.paints: list[float] = []
        self.scope: Any = None
        self.window: Any = None
        self.on_ready: Any = None
        self.log: list[tuple[float, str]] | None = [] if os.environ.get("BENCH_PAINT_LOG") else None
        watch = self

        class Filter(QObject):
            def eventFilter(self, obj: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint and obj.isWidgetType():
                    top = obj.window()  # type: ignore[attr-defined]
                    if isinstance(top, QMainWindow):
                        watch.painted(top, obj)
                return False

        self._filter = Filter()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self._filter)

    def painted(self, window: Any, widget: Any) -> None:
        now = time.time()
        if self.scope is None or self.scope(widget):
            self.last_paint = now
            self.paints.append(now)
            if self.log is not None:
                name = widget.objectName() or widget.accessibleName()
                self.log.append((now, f"{type(widget).__name__}:{name}"))
        if self.first_paint is None:
            self.first_paint = now
            self.window = window
        if self.first_paint_with_countries is None and _country_rows(window) > 0:
            self.first_paint_with_countries = now
            if self.on_ready is not None:
                self._when_loaded(window)

    def _when_loaded(self, window: Any) -> None:
        """Run ``on_ready`` once the window has loaded what its first paint did not need: the measures
        of typing and clicking are of a window that takes input."""
        from PySide6.QtCore import QTimer

        ready = self.on_ready
        if window.is_loaded():
            QTimer.singleShot(0, ready)
        else:
            window.loaded.connect(lambda: QTimer.singleShot(0, ready))

    def reset(self, scope: Any) -> None:
        self.scope = scope
        self.last_paint = 0.0
        self.paints = []
        if self.log is not None:
            self.log.clear()

    def report(self, label: str, started: float, figure: float) -> None:
        if self.log is not None:
            paints = ", ".join(f"{1000 * (t - started):.0f} {w}" for t, w in self.log[:12])
            print(f"{label}: {1000 * figure:.0f} ms ({paints})", file=sys.stderr)


def _inside(*widgets: Any) -> Any:
    """A scope: the given widgets and everything inside them."""

    def scope(widget: Any) -> bool:
        return any(widget is w or w.isAncestorOf(widget) for w in widgets)

    return scope


def _country_view(window: Any) -> Any:
    from PySide6.QtWidgets import QAbstractItemView

    for view in window.findChildren(QAbstractItemView):
        if view.accessibleName() == "Countries" and view.model() is not None:
            return view
    return None


def _country_rows(window: Any) -> int:
    view = _country_view(window)
    return view.model().rowCount() if view is not None else 0


def _start_app(db: str, on_ready: Any) -> tuple[Any, _Watch]:
    """QApplication first (so the filter sees every paint), then coopdesk's own entry point.

    The entry point prepares its start (``prepare_gui_start``: core imported before Qt, integrity check
    on a thread) before it creates the QApplication; the harness does the same, in the same order."""
    from coopdesk.launcher import prepare_gui_start

    prepare_gui_start(db)  # exactly what the entry point does before it builds the window
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    app.setCursorFlashTime(0)  # a blinking cursor would repaint forever and never let the window settle
    watch = _Watch()
    watch.on_ready = on_ready
    return app, watch


def app_mode(db: str) -> None:
    """The cold start, watched the way the baseline is: an event filter on the main window alone, put on
    it as the window is built, and the window's first paint once its country list holds rows; then the
    moment the window says it has loaded the rest (``loaded``), when it takes input.

    The interaction modes watch every widget through an application-wide filter (they time the country
    list and the workspace); here that would cost the app a Python call for each of the thousands of
    events its widgets get while the window is built, which the baseline's filter does not see."""
    from coopdesk.launcher import prepare_gui_start

    # The entry point's first step, taken here before the window's modules load; main() finds it done.
    prepare_gui_start(db)
    from PySide6.QtCore import QEvent, QObject

    from coopdesk.ui.shell import main_window

    seen: dict[str, Any] = {}

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "painted" not in seen:
                painted = time.time()
                if _country_rows(obj) == 0:
                    _emit({"error": "the main window was painted before it showed the country list"})
                seen.update(painted=painted, painted_with_countries=painted)
                obj.removeEventFilter(self)
            return False

    def loaded() -> None:
        # The window takes input (everything behind its first paint is built): reported beside it.
        seen["loaded"] = time.time()
        if "painted" not in seen:
            _emit({"error": "the main window said it had loaded before it was painted"})
        _emit(seen)

    watcher = FirstPaint()
    build = main_window.MainWindow.__init__

    def build_and_watch(window: Any, *args: Any, **kwargs: Any) -> None:
        build(window, *args, **kwargs)
        window.installEventFilter(watcher)
        window.loaded.connect(loaded)

    main_window.MainWindow.__init__ = build_and_watch  # type: ignore[method-assign]
    from coopdesk.launcher import main

    main(["--db", db])
    _emit({"error": "the window closed before it showed the country list"})


# --------------------------------------------------------------------------- interaction


def _changes(model: Any) -> list[float]:
    """Times at which ``model`` told its views that its rows changed."""
    times: list[float] = []
    for signal in (
        model.modelReset,
        model.layoutChanged,
        model.rowsInserted,
        model.rowsRemoved,
        model.dataChanged,
    ):
        signal.connect(lambda *_args: times.append(time.time()))
    return times


def _wait(check: Any, limit: float) -> Any:
    """Run the real event loop (it sleeps until an event arrives, as in the application) and look at
    ``check()`` every few milliseconds; its first non-None answer is returned. Polling with
    ``processEvents`` in a Python loop instead would keep the interpreter lock busy and slow down the
    application's worker threads, which the user's idle event loop does not."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    answer: list[Any] = []
    deadline = time.time() + limit

    def look() -> None:
        value = check()
        if value is not None or time.time() > deadline:
            answer.append(value)
            loop.quit()

    timer = QTimer()
    timer.setInterval(4)
    timer.timeout.connect(look)
    timer.start()
    loop.exec()
    timer.stop()
    return answer[0] if answer else None


def _shown(
    watch: _Watch, started: float, changed: list[float], condition: Any = None, limit: float = 10.0
) -> float:
    """Seconds from ``started`` until the first paint in scope after the model changed (and
    ``condition()`` holds): the moment the user sees the new rows."""

    def check() -> float | None:
        after = [t for t in changed if t >= started]
        if after and (condition is None or condition()):
            painted = [t for t in watch.paints if t >= after[0]]
            if painted:
                return painted[0] - started
        return None

    figure = _wait(check, limit)
    if figure is None:
        raise TimeoutError("the new rows were not shown within 10 s")
    return float(figure)


def _settle(
    watch: _Watch,
    started: float,
    condition: Any = None,
    quiet: float = 0.3,
    limit: float = 10.0,
    allow_nothing: bool = True,
) -> float:
    """Run the event loop until ``condition()`` holds and nothing in scope has repainted for ``quiet`` s;
    returns the time from ``started`` to the last paint in scope (when the user saw it all)."""

    def check() -> float | None:
        done = condition is None or condition()
        if done and watch.last_paint and time.time() - watch.last_paint >= quiet:
            return watch.last_paint - started
        if done and not watch.last_paint and time.time() - started >= quiet and allow_nothing:
            return 0.0  # nothing in scope needed repainting
        return None

    figure = _wait(check, limit)
    if figure is None:
        raise TimeoutError("the window did not settle within 10 s")
    return float(figure)


def interact(db: str, words: list[str], countries: list[str], search_words: list[str]) -> None:
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["painted_with_countries"] = watch.first_paint_with_countries
            result.update(_measure(watch, db, words, countries, search_words))
        except Exception as exc:  # reported to the parent, which prints it in the table
            result["error"] = f"{type(exc).__name__}: {exc}"
        _emit(result)

    _app, watch = _start_app(db, run)
    from coopdesk.launcher import main

    main(["--db", db])
    _emit({"error": "the window closed before it showed the country list"})


def _measure(
    watch: _Watch, db: str, words: list[str], countries: list[str], search_words: list[str]
) -> dict[str, Any]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

    from coopdesk.db.opener import open_database
    from coopdesk.records.service import RecordService

    window = watch.window
    # The interaction is measured in a window of one size, whatever the screen: a first start sizes the
    # window to the screen (offscreen, 800x800), and the Overview lays itself out differently in a
    # narrow pane (stacked, its tables wrapped).
    window.resize(*WINDOW_SIZE)
    watch.reset(None)
    _settle(watch, time.time(), quiet=0.2)
    view = _country_view(window)
    edits = [e for e in window.findChildren(QLineEdit) if e.accessibleName() == "Filter countries"]
    if view is None or not edits:
        raise LookupError("no country list with a filter box in the main window")
    edit = edits[0]
    reader = open_database(db, read_only=True)
    service = RecordService(reader)
    out: dict[str, Any] = {"filter_ms": [], "workspace_ms": [], "search_ms": []}

    def clear(box: QLineEdit) -> None:
        box.setFocus()
        box.selectAll()
        QTest.keyClick(box, Qt.Key.Key_Backspace)
        watch.reset(None)
        _settle(watch, time.time())

    # Filter the country list, one keystroke at a time, until the matching rows are painted.
    changed = _changes(view.model())
    for word in words:
        clear(edit)
        typed = ""
        for char in word:
            typed += char
            expected = service.count("country", search=typed)
            watch.reset(_inside(view))
            started = time.time()
            QTest.keyClicks(edit, char)
            figure = _shown(watch, started, changed, lambda e=expected: view.model().rowCount() == e)  # type: ignore[misc]
            watch.report(f"filter {typed!r}", started, figure)
            out["filter_ms"].append(1000 * figure)
    clear(edit)

    # Open a State's workspace by clicking it in the list; done when the workspace stops repainting.
    # Everything in the central area except the country list: the workspace, or whatever the window
    # shows in its place before a State is chosen.
    central = window.centralWidget()
    country_list = view.parentWidget()

    def in_workspace(widget: Any) -> bool:
        inside = widget is central or central.isAncestorOf(widget)
        return inside and not (widget is country_list or country_list.isAncestorOf(widget))

    model = view.model()
    current = getattr(window, "current_country", lambda: None)

    def shown(iso3: str) -> Any:
        """A condition: the window is on the State, its page in front shows it, and something was painted
        since. The Overview is filled on a worker thread: on a busy machine its facts can arrive after
        the window has been quiet for the settling time, so "quiet" alone would stop the clock before
        the page was there."""
        ready: list[float] = []

        def condition() -> bool:
            if not ready:
                if current() != iso3:
                    return False
                workspace = getattr(window, "workspace", None)
                page = workspace.currentWidget() if workspace is not None else None
                if hasattr(page, "overview") and getattr(page.overview, "iso3", None) != iso3:
                    return False  # the Overview in front still shows another State, or nothing yet
                ready.append(time.time())
            return watch.last_paint >= ready[0]

        return condition

    for iso3 in countries:
        row = next(
            r for r in range(model.rowCount()) if model.index(r, 0).data(Qt.ItemDataRole.UserRole) == iso3
        )
        index = model.index(row, 0)
        view.scrollTo(index)
        watch.reset(None)
        _settle(watch, time.time(), quiet=0.1)
        point = view.visualRect(index).center()
        watch.reset(in_workspace)
        started = time.time()
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        figure = _settle(watch, started, shown(iso3), allow_nothing=False)
        watch.report(f"workspace {iso3}", started, figure)
        out["workspace_ms"].append(1000 * figure)

    # Search everywhere (Ctrl+F), one keystroke at a time, until the results are painted.
    if search_words:
        QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        watch.reset(None)
        _settle(watch, time.time(), quiet=0.2)
        box = QApplication.focusWidget()
        results = [
            v for v in window.findChildren(QAbstractItemView) if v.accessibleName() == "Search results"
        ]
        if not isinstance(box, QLineEdit) or box is edit or not results:
            out["search_error"] = "Ctrl+F did not put the cursor in a search box with a results list"
        else:
            hits = _changes(results[0].model())
            for word in search_words:
                clear(box)
                for char in word:
                    watch.reset(_inside(results[0]))
                    started = time.time()
                    QTest.keyClicks(box, char)
                    figure = _shown(watch, started, hits)
                    watch.report(f"search {char!r}", started, figure)
                    out["search_ms"].append(1000 * figure)
    reader.dispose()
    return out


def screenshot(db: str, iso3: str, path: str) -> None:
    """Start the app, open a State's workspace and save the window as an image (to look at, at scale)."""

    def shoot() -> None:
        window = watch.window
        window.resize(1400, 900)
        if hasattr(window, "select_country"):
            window.select_country(iso3)
        watch.reset(None)
        _settle(watch, time.time(), quiet=0.5)
        window.grab().save(path)
        _emit({"saved": path})

    _app, watch = _start_app(db, shoot)
    from coopdesk.launcher import main

    main(["--db", db])


def main() -> None:
    mode = sys.argv[1]
    if mode == "screenshot":
        screenshot(sys.argv[2], sys.argv[3], sys.argv[4])
        return
    if mode == "baseline":
        baseline()
    elif mode == "app":
        app_mode(sys.argv[2])
    elif mode == "interact":
        spec = json.loads(sys.argv[3])
        interact(sys.argv[2], spec["words"], spec["countries"], spec["search"])
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
