"""Imports: `python -m data_access import KIND FILE` and the page /import.

    from data_access import imports
    result = imports.run_import("assessments", path_or_bytes, dry_run=True)
    result.status, result.inserted, result.updated, result.unchanged
    result.issues         # Issue(file, sheet, row, column, value, expected), first 200
    result.discrepancies  # published vs computed scores, more than 0.5 apart

KINDs and their columns: kinds.py (one declarative spec each), documented column by column
in docs/import.md. Every import runs in one transaction, applied whole or not at all, and is
recorded in import_batch; after an applied import that changed data, `on_change` listeners run.
"""
from data_access.imports.core import (
    DISCREPANCY_POINTS, MAX_ISSUES, RESULT_LABELS, WEB_USER, Discrepancy, ImportResult,
    cli_user, run_import,
)
from data_access.imports.events import data_version, notify, on_change, remove_listener
from data_access.imports.issues import Issue
from data_access.imports.kinds import KINDS
from data_access.imports.reader import MAX_FILE_BYTES, MAX_ROWS

__all__ = ["DISCREPANCY_POINTS", "Discrepancy", "ImportResult", "Issue", "KINDS",
           "MAX_FILE_BYTES", "MAX_ISSUES", "MAX_ROWS", "RESULT_LABELS", "WEB_USER", "cli_user",
           "data_version", "notify", "on_change", "remove_listener", "run_import"]
