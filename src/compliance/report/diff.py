"""Two assessments of the same site compared: the rectification (整改) follow-up.

Each requirement's status before and after is ranked by how much it asks of the site (fail, then missing
data, then at risk; pass, not applicable and review items ask nothing yet): a finding that asked something
and now asks nothing is fixed, one that asks less is better, one that asks more is worse; one still failing is
worse or better by its gap to the same target (差 8 → 20 个百分点 is worse), with both figures shown. A failure or a
risk that is now missing data or a review item is not fixed or better: nothing shows the problem gone, only
its data or its inspector's record (the attestation not given again, or lapsed), so it is undecided. Findings only in
the new assessment (a rule added, a plan now covering the site) are new, those only in the old one gone; a
failure only in the old one is listed apart (gone_failing, 原为不达标、现不再评估) and counts as worse: nothing shows it
resolved, only that it was not assessed (another rule pack, or facts no longer placing the site under it). A failure
the new assessment finds not applicable is fixed by the facts that decided it, which are named.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from compliance.model.problems import Problem
from compliance.model.result import Assessment, Finding, Status, TargetView, Verdict
from compliance.report.text import wrap
from compliance.report.words import STATUS, VERDICT

RANK = {
    Status.FAIL: 3,
    Status.INSUFFICIENT_DATA: 2,
    Status.AT_RISK: 1,
    Status.PASS: 0,
    Status.NOT_APPLICABLE: 0,
    Status.NEEDS_REVIEW: 0,
}
"""How much a status asks of the site; a 力争 or encouraged item asks less than a binding one (see `_rank`)."""
KINDS = ("worse", "new", "undecided", "gone_failing", "fixed", "better", "gone", "unchanged")
DECIDED = (Status.FAIL, Status.AT_RISK, Status.PASS)
UNDECIDED = (Status.INSUFFICIENT_DATA, Status.NEEDS_REVIEW)


@dataclass(frozen=True)
class Change:
    requirement: str
    title_zh: str
    title_en: str
    before: Finding | None
    after: Finding | None


@dataclass
class SiteDiff:
    site: str
    name: str
    old: Assessment
    new: Assessment
    changes: dict[str, list[Change]] = field(default_factory=lambda: {kind: [] for kind in KINDS})

    @property
    def got_worse(self) -> bool:
        """Something asks more of the site than before: a finding worse, a new problem, or the verdict; or a failure
        is no longer decided or no longer assessed."""
        new_problems = any(_rank(c.after) > 0 for c in self.changes["new"] if c.after is not None)
        lost = bool(self.changes["worse"] or self.changes["undecided"] or self.changes["gone_failing"])
        return lost or new_problems or _verdict_rank(self.new) > _verdict_rank(self.old)


def _rank(finding: Finding | None) -> int:
    if finding is None:
        return 0
    return RANK[finding.status] * 2 + (1 if finding.bears_on_verdict and RANK[finding.status] else 0)


def _by_gap(was: Finding, now: Finding) -> str:
    """A finding still failing (or at risk) whose gap to the same target grew is worse, one whose gap shrank
    better (92% → 80%: 差 8 → 20 个百分点); one whose gap did not change, or cannot be compared, unchanged."""
    before, after = _gap(was), _gap(now)
    if _rank(now) == 0 or before is None or after is None or before.gap is None or after.gap is None:
        return "unchanged"
    amounts = before.gap.amount, after.gap.amount
    if amounts[0] is None or amounts[1] is None or before.gap.unit != after.gap.unit or before.text_zh != after.text_zh:
        return "unchanged"
    if amounts[1] > amounts[0]:
        return "worse"
    return "better" if amounts[1] < amounts[0] else "unchanged"


def _verdict_rank(assessment: Assessment) -> int:
    order = ["compliant", "no_applicable_requirement", "incomplete", "non_compliant"]
    return order.index(assessment.verdict.value)


def compare(old: Assessment, new: Assessment) -> SiteDiff:
    """The changes from `old` to `new`, each list in the new assessment's order (then the old one's)."""
    diff = SiteDiff(site=new.site.id, name=new.site.name, old=old, new=new)
    before = {f.requirement: f for f in old.findings}
    after = {f.requirement: f for f in new.findings}
    for requirement in [*after, *(r for r in before if r not in after)]:
        was, now = before.get(requirement), after.get(requirement)
        shown = now or was
        assert shown is not None
        change = Change(requirement, shown.title_zh, shown.title_en, was, now)
        if was is None:
            kind = "new"
        elif now is None:
            kind = "gone_failing" if was.status == Status.FAIL else "gone"
        elif was.status in (Status.FAIL, Status.AT_RISK) and now.status in UNDECIDED:
            kind = "undecided"  # the problem is not shown gone: its data or its inspector's judgement is
        elif _rank(now) > _rank(was):
            kind = "worse"
        elif _rank(now) < _rank(was):
            kind = "fixed" if _rank(now) == 0 else "better"
        else:
            kind = _by_gap(was, now)
        diff.changes[kind].append(change)
    return diff


_LABELS = {
    "zh": {
        "worse": "变差",
        "new": "新增",
        "undecided": "不再能判定",
        "fixed": "已整改",
        "better": "有改善",
        "gone_failing": "原为不达标、现不再评估",
        "gone": "不再评估",
        "unchanged": "仍未解决",
        "same": "无变化",
    },
    "en": {
        "worse": "Worse",
        "new": "New",
        "undecided": "No longer decided",
        "fixed": "Fixed",
        "better": "Better",
        "gone_failing": "No longer assessed, was failing",
        "gone": "No longer assessed",
        "unchanged": "Still open",
        "same": "unchanged",
    },
}


def render_text(diffs: list[SiteDiff], lang: str) -> str:
    return "\n".join(_site_text(diff, lang) for diff in diffs)


def _site_text(diff: SiteDiff, lang: str) -> str:
    labels = _LABELS[lang]
    old, new = diff.old, diff.new
    verdicts = " → ".join(dict.fromkeys(VERDICT[lang][a.verdict] for a in (old, new)))
    if lang == "zh":
        lines = wrap(f"站点：{diff.name}（{diff.site}）  {old.as_of} → {new.as_of}  结论：{verdicts}")
    else:
        lines = wrap(f"site: {diff.name} ({diff.site})  {old.as_of} → {new.as_of}  verdict: {verdicts}")
    for kind in KINDS:
        listed = diff.changes[kind]
        if kind == "unchanged":
            listed = [c for c in listed if _rank(c.after) > 0]
        if not listed:
            continue
        lines += ["", f"{labels[kind]}（{len(listed)}）" if lang == "zh" else f"{labels[kind]} ({len(listed)})"]
        for change in listed:
            lines += wrap(_change_text(change, lang), "· ")
    same = sum(_rank(c.after) == 0 for c in diff.changes["unchanged"])
    counts = {kind: len(diff.changes[kind]) for kind in KINDS if kind != "unchanged"}
    summary = [f"{labels[kind]} {n}" for kind, n in counts.items()] + [f"{labels['same']} {same}"]
    lines += ["", *wrap(("，" if lang == "zh" else ", ").join(summary))]
    return "\n".join(lines) + "\n"


def _change_text(change: Change, lang: str) -> str:
    title = change.title_zh if lang == "zh" else change.title_en
    sides = [f for f in (change.before, change.after) if f is not None]
    statuses = dict.fromkeys(STATUS[lang][f.status] for f in sides)  # a status that stayed is said once
    text = f"{change.requirement}  {' → '.join(statuses)}  {title}"
    gaps = [_gap(f) for f in sides]
    if any(view is not None and view.gap is not None and not view.gap.met for view in gaps):
        shown = [(g.text_zh if lang == "zh" else g.text_en) for view in gaps if view and (g := view.gap)]
        text += ("：差距 " if lang == "zh" else ": gap ") + " → ".join(shown)
    if change.after is not None and change.after.status == Status.NOT_APPLICABLE and change.before is not None:
        text += ("：" if lang == "zh" else ": ") + resolved_by(change.after, lang)
    return text


def resolved_by(finding: Finding, lang: str) -> str:
    """How the facts make a finding not applicable, which is what resolves an earlier problem: its reason without
    the clause (适用条件「本站点为福兴经济开发区」不成立：规划点名地点 无…)."""
    if lang == "zh":
        return "由事实解决：" + finding.reason_zh.split("；依据", 1)[0]
    return "resolved by the facts: " + finding.reason_en.split("; per ", 1)[0]


def lost_failures(diff: SiteDiff) -> list[str]:
    """A warning, in Chinese and English, for each failure the new assessment no longer assesses."""
    return [
        f"{diff.site}: {c.requirement} failed in OLD and is not assessed in NEW: not shown resolved"
        f" / {c.requirement} 原为不达标，NEW 中不再评估：不能视为已整改（请核对规则包、规划范围或决定适用的事实）"
        for c in diff.changes["gone_failing"]
    ]


def _gap(finding: Finding) -> TargetView | None:
    """The target a finding's gap is to: the one in force, else the next one."""
    return finding.target if finding.target and finding.target.gap else finding.next_target


def render_json(diffs: list[SiteDiff], missing: list[MissingSite] | None = None) -> str:
    document: dict[str, Any] = {"format": 1, "sites": [_site_json(diff) for diff in diffs]}
    if missing:
        document["missing_sites"] = [site.json() for site in missing]
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _site_json(diff: SiteDiff) -> dict[str, Any]:
    def side(assessment: Assessment) -> dict[str, Any]:
        return {"as_of": assessment.as_of.isoformat(), "verdict": assessment.verdict.value, "source": assessment.source}

    def entry(change: Change) -> dict[str, Any]:
        def state(finding: Finding | None) -> dict[str, Any] | None:
            if finding is None:
                return None
            gaps = {
                name: view.gap.model_dump(mode="json") if view is not None and view.gap is not None else None
                for name, view in (("target", finding.target), ("next_target", finding.next_target))
            }
            state: dict[str, Any] = {
                "status": finding.status.value,
                "bears_on_verdict": finding.bears_on_verdict,
                "gap": gaps,
            }
            if finding.status == Status.NOT_APPLICABLE:
                state["decided_by"] = [o.metric for o in finding.observed]
            return state

        return {
            "requirement": change.requirement,
            "title_zh": change.title_zh,
            "title_en": change.title_en,
            "before": state(change.before),
            "after": state(change.after),
        }

    return {
        "site": diff.site,
        "name": diff.name,
        "before": side(diff.old),
        "after": side(diff.new),
        "got_worse": diff.got_worse,
        **{kind: [entry(change) for change in diff.changes[kind]] for kind in KINDS},
    }


@dataclass(frozen=True)
class MissingSite:
    """A site OLD assessed that NEW does not, NEW having refused some of its input (its `errors`: a facts file with a
    typo): nothing shows its problems resolved, so its failures are no longer assessed (as `gone_failing` is)."""

    old: Assessment
    errors: list[Problem]

    @property
    def failing(self) -> list[Finding]:
        return [f for f in self.old.findings if f.status == Status.FAIL]

    @property
    def got_worse(self) -> bool:
        return bool(self.failing) or self.old.verdict == Verdict.NON_COMPLIANT

    def warning(self) -> str:
        """In Chinese and English, naming NEW's errors that may be the site's."""
        said = "; ".join(str(error) for error in self.errors)
        site, verdict = self.old.site.id, self.old.verdict
        return (
            f"{site}: assessed in OLD ({verdict.value}) and not in NEW, which refused {said}: not shown resolved /"
            f" {site} 在 OLD 中已评估（{VERDICT['zh'][verdict]}），NEW 中未评估（NEW 未能读取其输入）：不能视为已整改，"
            "请改正后重新评估"
        )

    def text(self, lang: str) -> str:
        old, labels = self.old, _LABELS[lang]
        verdict = VERDICT[lang][old.verdict]
        if lang == "zh":
            lines = wrap(f"站点：{old.site.name}（{old.site.id}）  {old.as_of} → —  结论：{verdict} → 未评估")
            lines += wrap("NEW 未能读取：" + "；".join(str(error) for error in self.errors))
        else:
            lines = wrap(f"site: {old.site.name} ({old.site.id})  {old.as_of} → —  verdict: {verdict} → not assessed")
            lines += wrap("NEW refused: " + "; ".join(str(error) for error in self.errors))
        if self.failing:
            count = len(self.failing)
            lines += [
                "",
                f"{labels['gone_failing']}（{count}）" if lang == "zh" else f"{labels['gone_failing']} ({count})",
            ]
            for finding in self.failing:
                title = finding.title_zh if lang == "zh" else finding.title_en
                lines += wrap(f"{finding.requirement}  {STATUS[lang][finding.status]}  {title}", "· ")
        return "\n".join(lines) + "\n"

    def json(self) -> dict[str, Any]:
        return {
            "site": self.old.site.id,
            "name": self.old.site.name,
            "before": {
                "as_of": self.old.as_of.isoformat(),
                "verdict": self.old.verdict.value,
                "source": self.old.source,
            },
            "after": None,
            "errors": [{"file": e.file, "line": e.line, "field": e.field, "message": e.message} for e in self.errors],
            "got_worse": self.got_worse,
            "gone_failing": [f.requirement for f in self.failing],
        }


def missing_site(old: Assessment, errors: list[Problem], assessed: list[Assessment]) -> MissingSite:
    """OLD's site that NEW did not assess, with NEW's errors for its facts file (the same path, or the same file name);
    when none names it (the file renamed), every error of a file NEW assessed no site from."""
    name = PurePath(old.source).name if old.source else ""
    own = [e for e in errors if e.file == old.source or (name and PurePath(e.file).name == name)]
    sources = {PurePath(a.source).name for a in assessed if a.source}
    return MissingSite(old, own or [e for e in errors if PurePath(e.file).name not in sources])
