"""属自然保护地 read from a 景区's or 林地's name says yes only: 国家湿地公园 and 国家级海洋公园 are protected areas
too, and a name without any of the words (天竺山林场) leaves the fact missing, never a 否 making XM-8-11 not
applicable."""

from __future__ import annotations

import datetime as dt

import pytest

from compliance.assess.assessor import Assessor
from compliance.model.facts import Facts, Observation, Site
from compliance.model.result import Finding, Status

AS_OF = dt.date(2026, 6, 30)


def _findings(assessor: Assessor, kind: str, name: str, district: str, **values: object) -> dict[str, Finding]:
    observations = {m: Observation(metric=m, value=v) for m, v in {"routine_monitoring": False, **values}.items()}
    site = Site(id="N", kind=kind, name=name, district=district)
    assessment = assessor.assess(Facts(site=site, observations=observations, source="test"), AS_OF)
    return {f.requirement: f for f in assessment.findings}


@pytest.mark.parametrize(
    ("kind", "name", "district"),
    [("scenic_area", "厦门国家级海洋公园", "思明区"), ("scenic_area", "厦门下潭尾国家湿地公园", "翔安区")],
)
def test_a_national_marine_or_wetland_park_is_a_protected_area(
    assessor: Assessor, kind: str, name: str, district: str
) -> None:
    findings = _findings(assessor, kind, name, district)
    assert findings["XM-8-11"].status == Status.FAIL
    assert findings["XM-4-7"].status == Status.NEEDS_REVIEW


@pytest.mark.parametrize(("kind", "name"), [("forest", "天竺山林场"), ("scenic_area", "某湿地公园")])
def test_a_name_that_does_not_say_leaves_the_fact_missing(assessor: Assessor, kind: str, name: str) -> None:
    findings = _findings(assessor, kind, name, "海沧区")
    for requirement in ("XM-8-11", "XM-4-7"):
        finding = findings[requirement]
        assert finding.status == Status.INSUFFICIENT_DATA, (requirement, finding.reason_zh)
        assert "protected_area" in finding.missing


def test_a_no_stated_is_taken_even_beside_a_word_of_the_list(assessor: Assessor) -> None:
    """A city's own 森林公园 stated not to be a protected area is taken at its word, not refused."""
    findings = _findings(assessor, "scenic_area", "某城市森林公园", "湖里区", protected_area=False)
    assert findings["XM-8-11"].status == Status.NOT_APPLICABLE
