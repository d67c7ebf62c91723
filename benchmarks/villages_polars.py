"""A polars contender: the village rules of `village_rules.py` as column expressions, as an analyst writes them.

Usage: python benchmarks/villages_polars.py VILLAGES.csv OUT_DIR

Writes OUT_DIR/sites.csv (row, site id, verdict) and OUT_DIR/findings.jsonl (one line per finding that
did not pass, with value, target, gap and bilingual reasons), the same outputs as `villages_plain.py`.
polars uses every core it is given.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from village_rules import BASE_YEAR, LATER_YEARS, LATEST, REDUCTION, THRESHOLDS, WASTE, Rule, verdict

BASE = WASTE.format(year=BASE_YEAR)


def _status(rule: Rule, value: pl.Expr) -> pl.Expr:
    return (
        pl.when(value.is_null())
        .then(pl.lit("insufficient_data"))
        .when(value >= rule.target)
        .then(pl.lit("pass"))
        .otherwise(pl.lit(rule.missed))
    )


def _findings(frame: pl.DataFrame, rule: Rule, value: pl.Expr, gap: pl.Expr) -> pl.DataFrame:
    status = pl.col(rule.requirement)
    missing = status == "insufficient_data"
    return frame.filter(status != "pass").select(
        pl.col("row"),
        pl.col("站点编号").alias("site"),
        pl.lit(rule.requirement).alias("requirement"),
        status.alias("status"),
        value.alias("value"),
        pl.lit(rule.target).alias("target"),
        pl.lit(rule.due, dtype=pl.String).alias("due"),
        gap.alias("gap"),
        pl.when(missing)
        .then(pl.lit(f"缺少数据：{rule.title_zh}"))
        .otherwise(pl.format(f"观测值 {{}}，目标 ≥ {rule.target:g}，差 {{}}：{rule.title_zh}", value, gap.round(2)))
        .alias("reason_zh"),
        pl.when(missing)
        .then(pl.lit(f"missing data: {rule.title_en}"))
        .otherwise(
            pl.format(f"observed {{}}, target ≥ {rule.target:g}, {{}} short: {rule.title_en}", value, gap.round(2))
        )
        .alias("reason_en"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("villages", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    numbers = {rule.column: pl.Float64 for rule in THRESHOLDS} | {c: pl.Float64 for c in [BASE, *LATER_YEARS]}
    frame = pl.read_csv(args.villages, schema_overrides={"站点编号": pl.String, **numbers}, infer_schema=False)
    frame = frame.with_row_index("row", offset=2)
    change = (pl.col(LATEST) - pl.col(BASE)) / pl.col(BASE) * 100
    frame = frame.with_columns(
        *(_status(rule, pl.col(rule.column)).alias(rule.requirement) for rule in THRESHOLDS),
        pl.when(change.is_null() | change.is_infinite() | change.is_nan())
        .then(pl.lit("insufficient_data"))
        .when(change < 0)
        .then(pl.lit("pass"))
        .otherwise(pl.lit("fail"))
        .alias(REDUCTION.requirement),
    )
    ids = [rule.requirement for rule in [*THRESHOLDS, REDUCTION]]
    statuses = pl.concat_list(ids)
    frame = frame.with_columns(
        pl.when(statuses.list.contains("fail"))
        .then(pl.lit(verdict(["fail"])))
        .when(statuses.list.contains("insufficient_data"))
        .then(pl.lit(verdict(["insufficient_data"])))
        .otherwise(pl.lit(verdict([])))
        .alias("verdict")
    )
    frame.select("row", pl.col("站点编号").alias("site_id"), "verdict").write_csv(
        args.out / "sites.csv", include_bom=True
    )
    parts = [_findings(frame, rule, pl.col(rule.column), rule.target - pl.col(rule.column)) for rule in THRESHOLDS]
    reduction = pl.when(pl.col(REDUCTION.requirement) == "insufficient_data").then(None).otherwise(change)
    parts.append(_findings(frame, REDUCTION, reduction, reduction))
    findings = pl.concat(parts).sort("row", maintain_order=True)
    findings.write_ndjson(args.out / "findings.jsonl")


if __name__ == "__main__":
    main()
