"""`compliance report`: one file per site in the output folder, and an index when there are several.

File names come from site ids, kept to characters every file system takes; two sites that would share a
name (the same id in two facts files) get -2, -3 … so that no report overwrites another.
"""

from __future__ import annotations

import re
from pathlib import Path

from compliance.model.names import site_key
from compliance.model.problems import Problem
from compliance.model.result import Assessment
from compliance.report import html, markdown
from compliance.report.handover import Handover, Provenance, build
from compliance.report.unused import SetAside

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


def write_reports(
    assessments: list[tuple[Assessment, Provenance]],
    out: Path,
    fmt: str,
    lang: str,
    unused: list[SetAside] | None = None,
    unread: list[Problem] | None = None,
) -> list[Path]:
    """Write the reports; returns the files written, the index (if any) last. `unused`: the attestations set aside,
    each shown on its site's page (one naming no site of the run on every page); `unread`: the inputs that could
    not be read, listed on the index (written then even for one site) so that no site is missing without a word."""
    sites = {site_key(a.site.id) for a, _ in assessments}
    stray = [u for u in unused or [] if site_key(u.attestation.site) not in sites]
    reports: list[Handover] = [
        build(
            a,
            provenance,
            lang,
            [u for u in unused or [] if site_key(u.attestation.site) == site_key(a.site.id)] + stray,
        )
        for a, provenance in assessments
    ]
    suffix = ".html" if fmt == "html" else ".md"
    names = file_names([r.site_id for r in reports], suffix)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, report in zip(names, reports, strict=True):
        text = html.site_page(report) if fmt == "html" else markdown.site_text(report)
        written.append(out / name)
        written[-1].write_text(text, encoding="utf-8")
    if len(reports) > 1 or unread:
        pairs = list(zip(names, reports, strict=True))
        unread_rows = [[p.file, "" if p.line is None else str(p.line), str(p).split(": ", 1)[1]] for p in unread or []]
        index = (
            html.index_page(pairs, lang, unread_rows)
            if fmt == "html"
            else markdown.index_text(pairs, unread_rows, lang)
        )
        written.append(out / f"index{suffix}")
        written[-1].write_text(index, encoding="utf-8")
    return written
