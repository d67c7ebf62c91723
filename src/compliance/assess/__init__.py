"""Turning a site's facts into an assessment: applicability, targets in force, statuses, reasons, verdict."""
