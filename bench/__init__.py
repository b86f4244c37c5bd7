"""Benchmarks of coopdesk on the stress database: ``make bench`` (``python -m bench``) runs them all.

Each measure is a module with ``run(context) -> list[Row]``; the runner prints a table of medians, each
with its ratio against the baseline measured in the same run, or against its target. GUI measures run in
fresh subprocesses (``gui_harness.py``), offscreen, through the real window with the event loop running.
"""
