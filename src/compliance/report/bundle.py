"""`compliance report`: one file per site in the output folder, and an index when there are several.

File names come from site ids, kept to characters every file system takes; two sites that would share a
name (the same id in two facts files) get -2, -3 … so that no report overwrites another.
"""

from __future__ import annotations

import re
from pathlib import Path

from compliance.model.result import Assessment
from compliance.report import html, markdown
from compliance.report.handover import Handover, Provenance, build

_UNSAFE = re.compile(r"[^\w.-]+")


def file_names(site_ids: list[str], suffix: str) -> list[str]:
    taken: set[str] = set()
    names = []
    for site_id in site_ids:
        stem = _UNSAFE.sub("_", site_id).strip("._")[:80] or "site"
        name, number = f"{stem}{suffix}", 1
        while name.lower() in taken or name.lower() == f"index{suffix}":
            number += 1
            name = f"{stem}-{number}{suffix}"
        taken.add(name.lower())
        names.append(name)
    return names


def write_reports(assessments: list[tuple[Assessment, Provenance]], out: Path, fmt: str, lang: str) -> list[Path]:
    """Write the reports; returns the files written, the index (if any) last."""
    reports: list[Handover] = [build(assessment, provenance, lang) for assessment, provenance in assessments]
    suffix = ".html" if fmt == "html" else ".md"
    names = file_names([r.site_id for r in reports], suffix)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, report in zip(names, reports, strict=True):
        text = html.site_page(report) if fmt == "html" else markdown.site_text(report)
        written.append(out / name)
        written[-1].write_text(text, encoding="utf-8")
    if len(reports) > 1:
        pairs = list(zip(names, reports, strict=True))
        index = html.index_page(pairs, lang) if fmt == "html" else markdown.index_text(pairs)
        written.append(out / f"index{suffix}")
        written[-1].write_text(index, encoding="utf-8")
    return written
