"""Fill-in facts files listing every metric the applicable requirements need."""

from __future__ import annotations

import csv
import io

from compliance.assess.describe import allowed_values
from compliance.model.checks import for_kind, metrics_of
from compliance.model.metric import Metric, MetricType
from compliance.model.plan import Requirement, RulePack


def _requirements(pack: RulePack, kind: str, plans: list[str] | None) -> list[Requirement]:
    """The requirements for `kind` as they apply to it (a condition on the site's kind decided: `for_kind`)."""
    return [
        own
        for r in pack.requirements
        if kind in r.applies.kinds and (not plans or pack.plan_of[r.id] in plans)
        if (own := for_kind(r, kind)) is not None
    ]


def needed(pack: RulePack, kind: str, plans: list[str] | None) -> list[tuple[Metric, list[str]]]:
    """Metrics that decide applicability first, then the rest, each in catalogue order with the ids reading it."""
    users: dict[str, list[str]] = {}
    for requirement in _requirements(pack, kind, plans):
        for metric in [*metrics_of(requirement.applies.condition), *metrics_of(requirement.check)]:
            users.setdefault(metric, [])
            if requirement.id not in users[metric]:
                users[metric].append(requirement.id)
    for metric_id, readers in figure_facts(pack, kind, plans).items():
        users.setdefault(metric_id, [])
        users[metric_id] += [r for r in readers if r not in users[metric_id]]
    deciding = applicability_facts(pack, kind, plans)
    found = [(m, users[m.id]) for m in pack.catalogue.metrics if m.id in users]
    return sorted(found, key=lambda pair: pair[0].id not in deciding)


def figure_facts(pack: RulePack, kind: str, plans: list[str] | None) -> dict[str, list[str]]:
    """The member facts a batch of `kind` computes district figures from (what each member states, the fact that
    makes it a member, the base that weights its rate), with the district requirements reading those figures."""
    readers: dict[str, list[str]] = {}
    for requirement in _requirements(pack, "district", plans):
        for metric_id in metrics_of(requirement.check):
            aggregate = pack.catalogue.metric(metric_id).aggregate
            if aggregate is None or aggregate.over != kind:
                continue
            for fact in (
                aggregate.among,
                aggregate.within,
                aggregate.exempt,
                aggregate.exempt_once,
                aggregate.of,
                aggregate.weight,
            ):
                if fact is not None and requirement.id not in readers.setdefault(fact, []):
                    readers[fact].append(requirement.id)
    return readers


def header(metric: Metric) -> str:
    """The Chinese column header of a metric, with its unit: 农村生活污水治理率(%)."""
    return f"{metric.name_zh}({metric.unit})" if metric.unit else metric.name_zh


def as_yaml(pack: RulePack, kind: str, plans: list[str] | None) -> str:
    kind_name = pack.catalogue.kind(kind).name_zh
    lines = [
        f"# {kind_name}（{kind}）事实填报模板 / facts template",
        "# 填写每个指标的数值；不清楚的请留空（缺失的数据报告为“数据不足”，不会视为通过）。",
        "# Leave unknown values blank: they are reported as missing data, never passed.",
        "site:",
        "  id: ''            # 站点编号 / site id",
        f"  kind: {kind}",
        "  name: ''          # 名称 / name",
        "  district: ''      # 所在区（县），如 晋安区 / district",
        "  admin_code: ''    # 行政区划代码，如 350111 / administrative code",
        "  aliases: []       # 别名，如 福兴开发区 / other names of the site",
        "facts:",
    ]
    deciding = applicability_facts(pack, kind, plans)
    members = membership_facts(pack, kind, plans)  # may decide a rule too (属城镇新建建筑: JA-11-10 and JA-11-9)
    shared = jurisdiction_facts(pack, kind, plans) & deciding
    for metric, users in needed(pack, kind, plans):
        unit = metric.unit or metric.type.value
        lines.append(f"  # {metric.name_zh}（{unit}）/ {metric.name_en} — {', '.join(users)}")
        if metric.id in deciding | members or metric.levels or metric.type == MetricType.BOOLEAN:
            values_zh, values_en = allowed_values(metric, [kind], pack, plans)
            role = "【决定是否适用 decides whether rules apply】" if metric.id in deciding else ""
            if metric.id in members:
                role += "【决定是否计入全区数值 decides whether it counts in a district figure】"
            lines.append(f"  # {role}可填 / allowed: {values_zh}（{values_en}）")
        if metric.id in shared:
            lines.append(f"  # 含义：{metric.definition_zh}")
            lines.append(f"  # meaning: {metric.definition_en}")
        lines.append(f"  {metric.id}: ")
    return "\n".join(lines) + "\n"


def applicability_facts(pack: RulePack, kind: str, plans: list[str] | None) -> set[str]:
    """Metrics that decide whether a requirement of this kind applies (its condition reads them)."""
    return {m for r in _requirements(pack, kind, plans) for m in metrics_of(r.applies.condition)}


JURISDICTIONS = frozenset({"district", "township", "city"})


def jurisdiction_facts(pack: RulePack, kind: str, plans: list[str] | None) -> set[str]:
    """For a 区 or 乡镇（街道）: facts its rules' conditions share with the units in it (油烟达标排放, a restaurant's
    own fact, read for a township as 辖区内所有餐饮服务单位均达标排放), whose meaning there the template says."""
    if kind not in JURISDICTIONS:
        return set()
    return {
        metric
        for r in _requirements(pack, kind, plans)
        if set(r.applies.kinds) - JURISDICTIONS
        for metric in metrics_of(r.applies.condition)
    }


def membership_facts(pack: RulePack, kind: str, plans: list[str] | None) -> set[str]:
    """Member facts that decide whether a site of this kind counts in a district figure (`among`, `exempt`)."""
    facts: set[str] = set()
    for requirement in _requirements(pack, "district", plans):
        for metric_id in metrics_of(requirement.check):
            aggregate = pack.catalogue.metric(metric_id).aggregate
            if aggregate is not None and aggregate.over == kind:
                facts |= {f for f in (aggregate.among, aggregate.within, aggregate.exempt) if f is not None}
    return facts


def as_csv(pack: RulePack, kind: str, plans: list[str] | None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["站点编号", "类型", "名称", "别名", "所在区", "行政区划代码"]
        + [header(m) for m, _ in needed(pack, kind, plans)]
    )
    return buffer.getvalue()
