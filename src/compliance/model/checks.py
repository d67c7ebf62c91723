"""Walks over a requirement's check: which metrics, trends and comparisons it reads.

Pure functions of the model, so the engine, the loader's reference checks, the assessor, the reports and
the batch all ask the same question the same way without importing one another.
"""

from __future__ import annotations

from compliance.model.plan import AllOf, AnyOf, Check, Comparison, Not, Trend, TrendSpec


def metrics_of(check: Check | None) -> list[str]:
    """Metric ids a check reads, in first-use order."""
    found: list[str] = []

    def walk(node: Check) -> None:
        if isinstance(node, Comparison | Trend):
            metric = node.metric if isinstance(node, Comparison) else node.trend.metric
            if metric not in found:
                found.append(metric)
        elif isinstance(node, AllOf):
            for child in node.all:
                walk(child)
        elif isinstance(node, AnyOf):
            for child in node.any:
                walk(child)
        else:
            walk(node.not_)

    if check is not None:
        walk(check)
    return found


def trends_of(check: Check | None) -> list[TrendSpec]:
    """The trend rules a check contains, in first-use order."""
    if check is None:
        return []
    if isinstance(check, Trend):
        return [check.trend]
    if isinstance(check, Comparison):
        return []
    if isinstance(check, Not):
        return trends_of(check.not_)
    children = check.all if isinstance(check, AllOf) else check.any
    return [spec for child in children for spec in trends_of(child)]


def comparisons_of(check: Check | None) -> list[Comparison]:
    """The single comparisons a check contains, in first-use order."""
    if check is None or isinstance(check, Trend):
        return []
    if isinstance(check, Comparison):
        return [check]
    if isinstance(check, Not):
        return comparisons_of(check.not_)
    children = check.all if isinstance(check, AllOf) else check.any
    return [comparison for child in children for comparison in comparisons_of(child)]
