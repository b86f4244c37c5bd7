"""The Excel workbook: export every record to a workbook and import an edited one back safely.

No Qt here: the GUI and the command line both call ``export_workbook``, ``read_workbook``,
``plan_import`` and ``apply_import``.
"""
