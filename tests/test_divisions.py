"""A place given by its code is the same place: the division table, resolution, and the same statuses either way."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from compliance.assess.applicability import covering_plans
from compliance.assess.assessor import Assessor
from compliance.load.divisions import Divisions, PlaceConflict, divisions_of, load_divisions
from compliance.load.facts import load_facts
from compliance.load.rules import default_rules_dir
from compliance.model.facts import Site
from compliance.model.gazetteer import PLACE_METRIC
from compliance.model.plan import Comparison, Requirement, RulePack
from compliance.model.problems import InputError
from tests.conftest import AS_OF, EXAMPLES

Run = Callable[..., Result]
XIAMEN_DISTRICTS = {"350203": "思明区", "350205": "海沧区", "350206": "湖里区", "350211": "集美区"}
XIAMEN_DISTRICTS |= {"350212": "同安区", "350213": "翔安区"}


@pytest.fixture(scope="module")
def divisions(pack: RulePack) -> Divisions:
    return divisions_of(pack.divisions)


def test_the_shipped_table_lists_every_district_of_the_plans_with_its_townships(pack: RulePack) -> None:
    table = pack.divisions
    assert "国家统计局" in table.source and table.year == 2022
    districts = {d.code: d for city in table.cities for d in city.districts}
    assert {code: districts[code].name for code in XIAMEN_DISTRICTS} == XIAMEN_DISTRICTS
    assert districts["350111"].name == "晋安区"
    jinan = {t.name: t.code for t in districts["350111"].townships}
    assert jinan["日溪乡"] == "350111202" and jinan["宦溪镇"] == "350111103" and jinan["新店镇"] == "350111101"
    for district in districts.values():
        assert district.townships, district.name
        assert all(t.code.startswith(district.code) for t in district.townships)


def test_the_traditional_forms_fold_into_characters_of_the_place_names(pack: RulePack) -> None:
    """Each traditional or variant form the table lists turns into a character of its own or the gazetteer's names,
    or of the site kinds' words a batch's 类型 is read against (村民委員會, 居委會); and 壽山鄉, 日谿鄉 and
    宦谿鎮 are the townships the plan names."""
    table = pack.divisions
    names = [t.name for city in table.cities for d in city.districts for t in d.townships]
    names += [d.name for city in table.cities for d in city.districts]
    names += [name for place in pack.gazetteer.places for name in (place.name, *place.aliases)]
    names += [name for kind in pack.catalogue.kinds for name in (kind.name_zh, *kind.aliases)]  # 类型 folds too
    characters = {character for name in names for character in name.translate(table.folding())}
    assert table.traditional and all(len(form) == 1 and form != simple for form, simple in table.traditional.items())
    assert set(table.traditional.values()) <= characters
    pairs = (("壽山鄉", "寿山乡"), ("日谿鄉", "日溪乡"), ("宦谿鎮", "宦溪镇"), ("壽山鄉人民政府", "寿山乡"))
    for written, township in pairs:
        place = divisions_of(table).place("", "晋安区", written)
        assert place.township == township and not place.warnings, written


def test_a_table_with_a_township_outside_its_district_is_refused_with_file_and_line(tmp_path: Path) -> None:
    text = (default_rules_dir() / "divisions.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "divisions.yaml"
    bad.write_text(text.replace('{code: "350111202", name: 日溪乡}', '{code: "350112202", name: 日溪乡}'), "utf-8")
    with pytest.raises(InputError) as raised:
        load_divisions(bad)
    (problem,) = raised.value.problems
    assert problem.file == str(bad) and problem.line is not None
    assert "350112202 is not in 晋安区 (350111)" in problem.message


@pytest.mark.parametrize(
    ("code", "district", "township", "expected"),
    [
        ("350211104201", "", "", ("350211104201", "集美区", "", "350211", "")),
        ("350211102201", "", "", ("350211102201", "集美区", "灌口镇", "350211", "350211102")),
        ("350211102000", "", "", ("350211102", "集美区", "灌口镇", "350211", "350211102")),
        ("", "集美区", "灌口", ("350211102", "集美区", "灌口镇", "350211", "350211102")),
        ("", "厦门市集美区", "", ("350211", "集美区", "", "350211", "")),
        ("350200", "集美", "", ("350211", "集美区", "", "350211", "")),
        ("", "厦门市", "", ("350200", "厦门市", "", "", "")),
        ("350111202", "", "", ("350111202", "晋安区", "日溪乡", "350111", "350111202")),
        ("", "晋安区", "新店镇", ("350111101", "晋安区", "新店镇", "350111", "350111101")),
        ("", "翔安区", "新店", ("350213003", "翔安区", "新店街道", "350213", "350213003")),
        ("350102", "", "", ("350102", "", "", "", "")),
    ],
)
def test_codes_and_names_resolve_to_one_place(
    divisions: Divisions, code: str, district: str, township: str, expected: tuple[str, ...]
) -> None:
    place = divisions.place(code, district, township)
    assert (place.admin_code, place.district, place.township, place.district_code, place.township_code) == expected


def test_a_township_code_the_table_does_not_know_places_the_site_in_its_district_with_a_warning(
    divisions: Divisions,
) -> None:
    place = divisions.place("350211104201", "集美区", "")
    assert place.district == "集美区" and place.township == ""
    (warning,) = place.warnings
    assert "350211104" in warning and "township unknown" in warning
    assert "乡镇 350211104 不在2022年区划表的集美区中" in warning  # a Chinese report reads it in Chinese too
    (unknown,) = divisions.place("350111", "晋安区", "北峰街道").warnings  # a name the table holds nowhere
    assert unknown.startswith("乡镇“北峰街道”不在2022年区划表的晋安区中，按所填保留 / township '北峰街道'")


@pytest.mark.parametrize(
    ("code", "district", "township", "field", "named"),
    [
        ("350111", "厦门市", "", "district", ("厦门市", "350111", "晋安区")),
        ("350211104201", "晋安区", "", "district", ("晋安区", "350211104201", "集美区")),
        ("350111", "集美区", "", "district", ("集美区", "350111")),
        ("350102", "晋安区", "", "district", ("晋安区", "350102")),
        ("350211102201", "", "后溪镇", "township", ("后溪镇", "灌口镇")),
        ("350211104201", "集美区", "灌口镇", "township", ("灌口镇", "350211104201")),
        ("35021", "", "", "admin_code", ("35021", "6, 9 or 12 digits")),
        ("", "思明区", "灌口镇", "township", ("灌口镇", "集美区", "思明区")),  # a township of another district
        ("", "湖里区", "莲花镇", "township", ("莲花镇", "同安区", "湖里区")),
        ("", "集美区", "宦溪镇", "township", ("宦溪镇", "属福州市晋安区", "集美区")),  # of the other plan's city
        ("350111", "晋安区", "鼓浪屿街道", "township", ("鼓浪屿街道", "属厦门市思明区", "晋安区")),
    ],
)
def test_a_code_and_a_name_that_disagree_is_an_error_naming_both(
    divisions: Divisions, code: str, district: str, township: str, field: str, named: tuple[str, ...]
) -> None:
    with pytest.raises(PlaceConflict) as raised:
        divisions.place(code, district, township)
    assert raised.value.field == field
    assert all(word in raised.value.message for word in named), raised.value.message


@pytest.mark.parametrize(
    ("kind", "code", "said"),
    [("city", "350211", "区县代码"), ("district", "350211102201", "村代码"), ("township", "350211102201", "村代码")],
)
def test_a_division_sites_code_below_its_kind_is_an_error(
    divisions: Divisions, kind: str, code: str, said: str
) -> None:
    """集美区's code under kind 市 would be judged on the city's duties, a village's under 区 on the district's."""
    with pytest.raises(PlaceConflict) as raised:
        divisions.resolve(kind, "集美区", code, "", "")
    assert raised.value.field == "admin_code" and said in raised.value.message


def test_a_division_site_may_be_given_the_code_of_the_area_it_lies_in(divisions: Divisions) -> None:
    place, name = divisions.resolve("township", "日溪乡", "350111", "晋安区", "")
    assert (place.township, name) == ("日溪乡", "日溪乡")
    assert divisions.resolve("city", "厦门市", "350200", "", "")[0].admin_code.startswith("3502")


def _named_places(pack: RulePack, divisions: Divisions) -> list[tuple[Requirement, str, str, str]]:
    """(requirement, kind, name, code) for every rule limited to a district or township the table knows."""
    codes: dict[str, dict[str, str]] = {"district": {}, "township": {}}
    for city in pack.divisions.cities:
        for district in city.districts:
            codes["district"][district.name] = district.code
            codes["township"].update({t.name: t.code for t in district.townships})
    found = []
    for requirement in pack.requirements:
        condition = requirement.applies.condition
        if not isinstance(condition, Comparison) or condition.metric != PLACE_METRIC:
            continue
        names = condition.value if isinstance(condition.value, list) else [condition.value]
        for kind in requirement.applies.kinds:
            if kind not in ("district", "township"):
                continue
            found += [(requirement, kind, str(name), codes[kind][str(name)]) for name in names if name in codes[kind]]
    return found


def _write(folder: Path, name: str, site: dict[str, object], facts: dict[str, object]) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    return path


def test_every_rule_limited_to_a_named_district_or_township_decides_the_same_by_name_and_by_code(
    pack: RulePack, assessor: Assessor, divisions: Divisions, tmp_path: Path
) -> None:
    cases = _named_places(pack, divisions)
    assert {r.id for r, *_ in cases} >= {"XM-0-19", "XM-0-20", "XM-0-21", "JA-21-3"}
    for requirement, kind, name, code in cases:
        district = divisions.place(code, "", "").district
        facts: dict[str, object] = {}
        if requirement.check is not None and getattr(requirement.check, "metric", None):
            metric = pack.catalogue.metric(requirement.check.metric)  # type: ignore[union-attr]
            facts[metric.name_zh] = True if metric.type.value == "boolean" else 50
        by_name_site: dict[str, object] = {"id": "S", "kind": kind, "name": name, "district": district}
        by_code_site: dict[str, object] = {"id": "S", "kind": kind, "name": code, "admin_code": code}
        statuses = []
        for label, site in (("name", by_name_site), ("code", by_code_site)):
            path = _write(tmp_path, f"{requirement.id}-{code}-{label}", site, facts)
            loaded = load_facts(path, pack.catalogue, divisions)
            assert loaded.site.name == name
            finding = next(f for f in assessor.assess(loaded, AS_OF).findings if f.requirement == requirement.id)
            statuses.append(finding.status.value)
        assert statuses[0] == statuses[1] != "not_applicable", (requirement.id, name, code, statuses)


def test_plans_are_chosen_the_same_by_name_and_by_code(pack: RulePack, divisions: Divisions, tmp_path: Path) -> None:
    for district_code, name in [*XIAMEN_DISTRICTS.items(), ("350111", "晋安区")]:
        by_name = _write(
            tmp_path, f"n{district_code}", {"id": "V", "kind": "village", "name": "村", "district": name}, {}
        )
        by_code = _write(
            tmp_path,
            f"c{district_code}",
            {"id": "V", "kind": "village", "name": "村", "admin_code": district_code + "100201"},
            {},
        )
        chosen = [
            covering_plans(load_facts(p, pack.catalogue, divisions).site, pack.plans, None, str(p))
            for p in (by_name, by_code)
        ]
        assert chosen[0] == chosen[1] == (["jinan"] if district_code == "350111" else ["xiamen"])


def test_check_refuses_a_site_whose_district_and_code_disagree_and_warns_of_an_unknown_township(
    run: Run, tmp_path: Path
) -> None:
    wrong = _write(
        tmp_path,
        "wrong",
        {"id": "V", "kind": "village", "name": "村", "district": "厦门市", "admin_code": "350111"},
        {},
    )
    result = run("check", wrong, "--as-of", "2026-06-30")
    assert result.exit_code == 2
    assert "site.district" in result.output and "厦门市" in result.output and "350111 (福州市晋安区)" in result.output
    unknown = _write(
        tmp_path, "unknown", {"id": "V", "kind": "village", "name": "村", "admin_code": "350211104201"}, {}
    )
    result = run("check", unknown, "--as-of", "2026-06-30", "--format", "json")
    (assessment,) = json.loads(result.output)["assessments"]
    assert assessment["site"]["district"] == "集美区" and assessment["plans"] == ["xiamen"]
    assert any("350211104" in w["text_en"] and "township unknown" in w["text_en"] for w in assessment["warnings"])


def _batch(run: Run, source: Path, out: Path) -> dict[str, object]:
    result = run(
        "batch", source, "--kind", "village", "--out", out, "--as-of", "2026-06-30", "--quiet", "--workers", "1"
    )
    assert result.exit_code == 0, result.output
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _codes_only(source: Path, target: Path, encoding: str) -> Path:
    """The same villages with only their 12-digit code: the district and township columns left out."""
    with source.open(encoding=encoding, newline="") as handle:
        rows = list(csv.reader(handle))
    keep = [i for i, title in enumerate(rows[0]) if title not in ("所在区", "乡镇")]
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([[row[i] for i in keep] for row in rows])
    return target


@pytest.mark.parametrize(("example", "encoding"), [("villages-jinan-gbk.csv", "gbk"), ("villages-xiamen.csv", "utf-8")])
def test_batch_figures_are_identical_with_names_and_with_codes(
    run: Run, tmp_path: Path, example: str, encoding: str
) -> None:
    by_name = _batch(run, EXAMPLES / example, tmp_path / "names")
    by_code = _batch(run, _codes_only(EXAMPLES / example, tmp_path / "codes.csv", encoding), tmp_path / "codes")
    for key in ("rows", "assessed", "rejected", "verdicts", "requirements", "townships", "districts"):
        assert by_name[key] == by_code[key], key
    assert by_name["districts"] and by_name["townships"]
    for township in by_code["townships"]:  # type: ignore[attr-defined]
        assert township["district"].endswith("区") and township["district_code"].isdigit()
        assert township["township"] and township["township_code"].startswith(township["district_code"])
    for district in by_code["districts"]:  # type: ignore[attr-defined]
        assert not district["district"].isdigit() and district["district_code"].isdigit()


def test_the_issue_case_two_jimei_villages_by_code_keep_xm_0_19(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "jimei.csv"
    source.write_text(
        "站点编号,名称,行政区划代码,已建成美丽乡村\nV1,甲村,350211104201,是\nV2,乙村,350211104202,否\n", "utf-8"
    )
    summary = _batch(run, source, tmp_path / "out")
    figures = {(d["district"], d["requirement"]): d for d in summary["districts"]}  # type: ignore[attr-defined]
    row = figures[("集美区", "XM-0-19")]
    assert row["district_code"] == "350211" and row["figure"] == "50%" and row["status"] == "at_risk"
    assert any("350211104" in note for note in summary["notes"])  # type: ignore[attr-defined]


def test_batch_rejects_a_row_whose_district_and_code_disagree(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "mixed.csv"
    source.write_text(
        "站点编号,名称,所在区,乡镇,行政区划代码,已建成美丽乡村\n"
        "V1,甲村,集美区,灌口镇,350211102201,是\nV2,乙村,集美区,,350111103201,是\nV3,丙村,集美区,后溪镇,350211102203,否\n",
        "utf-8",
    )
    summary = _batch(run, source, tmp_path / "out")
    assert summary["assessed"] == 1 and summary["rejected"] == 2
    with (tmp_path / "out" / "rejected.csv").open(encoding="utf-8-sig") as handle:
        rejected = {row["site_id"]: row for row in csv.DictReader(handle)}
    assert rejected["V2"]["field"] == "所在区" and "集美区" in rejected["V2"]["reason"]
    assert "350111103201" in rejected["V2"]["reason"]
    assert (
        rejected["V3"]["field"] == "乡镇"
        and "后溪镇" in rejected["V3"]["reason"]
        and "灌口镇" in rejected["V3"]["reason"]
    )


def test_a_site_built_in_code_with_district_and_code_of_different_plans_is_refused(pack: RulePack) -> None:
    """Sites made without the loader (district figures, library use) get the same refusal, never both plans."""
    site = Site(id="V", kind="village", name="村", district="厦门市", admin_code="350111")
    with pytest.raises(InputError) as raised:
        covering_plans(site, pack.plans, None, "here")
    assert "厦门市" in str(raised.value) and "350111" in str(raised.value)


def test_a_code_written_in_the_district_or_township_column_is_read_as_a_code(divisions: Divisions) -> None:
    place, _ = divisions.resolve("village", "村", "", "350211", "350211102")
    assert (place.district, place.township, place.admin_code) == ("集美区", "灌口镇", "350211102")
    with pytest.raises(PlaceConflict) as raised:
        divisions.resolve("village", "村", "350211102201", "350111", "")
    assert raised.value.field == "district" and "350111" in raised.value.message


def test_a_township_written_with_the_other_level_word_is_the_table_s(pack: RulePack) -> None:
    """日溪镇 is 日溪乡 (its code 350111202 agrees), said in a warning, not two places in conflict."""
    divisions = divisions_of(pack.divisions)
    place = divisions.place("350111202001", "晋安区", "日溪镇")
    assert place.township == "日溪乡"
    assert any("乡镇“日溪镇”按区划表读作日溪乡" in warning for warning in place.warnings)
    with pytest.raises(PlaceConflict, match="name different places"):
        divisions.place("350111202001", "晋安区", "宦溪镇")  # another township than the code's


def test_a_code_in_full_width_digits_or_spaced_into_groups_is_the_code(pack: RulePack) -> None:
    """３５０１１１ and 3501 1110 3205 are the codes they show, not 'different places' or unreadable."""
    divisions = divisions_of(pack.divisions)
    assert divisions.place("３５０１１１１０３", "", "").township == divisions.place("350111103", "", "").township
    assert divisions.place("3501 1110 3205", "晋安区", "").district == "晋安区"
    with pytest.raises(PlaceConflict, match="is not a division code"):
        divisions.place("3501-11", "", "")


def test_a_township_alone_fills_its_district_when_one_district_holds_it(divisions: Divisions) -> None:
    """灌口镇 or 灌口 with no 所在区 (or only 厦门市) is in 集美区; 新店 is in 晋安区 and 翔安区, so alone it stays
    unplaced, and with 厦门市 it is 翔安区's; a code of a district the table lacks is never overruled by it."""
    for district, township in (("", "灌口镇"), ("", "灌口"), ("厦门市", "灌口镇"), ("福建省厦门市", "灌口")):
        place = divisions.place("", district, township)
        assert (place.district, place.township, place.admin_code) == ("集美区", "灌口镇", "350211102"), district
    alone = divisions.place("", "", "新店")
    assert (alone.district, alone.district_code) == ("", "")
    assert divisions.place("", "厦门市", "新店").district == "翔安区"
    kept = divisions.place("350299102201", "", "灌口镇")
    assert kept.admin_code == "350299102201" and kept.district_code == ""
    site, _ = divisions.resolve("township", "灌口镇", "", "", "")
    assert (site.district, site.admin_code) == ("集美区", "350211102")


def test_a_site_given_by_its_code_alone_needs_no_name(run: Run, tmp_path: Path) -> None:
    """A township written only as its code (spaced into groups or not) is named from the table (日溪乡), a village
    by its id, as a batch row without a name is; with neither a code nor a name the name is still asked for."""
    cases = [
        ({"kind": "乡", "admin_code": "350111202000"}, "日溪乡"),
        ({"kind": "村", "admin_code": "350211102203"}, "S9"),
        ({"kind": "township", "district": "晋安区", "admin_code": "350111 202"}, "日溪乡"),  # spaced, as printed
        ({"kind": "district", "admin_code": "350 111"}, "晋安区"),
    ]
    for site, name in cases:
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump({"site": {"id": "S9", **site}, "facts": {}}, allow_unicode=True), "utf-8")
        result = run("check", path, "--as-of", AS_OF.isoformat(), "--format", "json")
        assert result.exit_code != 2, result.output  # assessed (3: incomplete), not refused
        assert json.loads(result.output)["assessments"][0]["site"]["name"] == name
    bare = tmp_path / "bare.yaml"
    bare.write_text(yaml.safe_dump({"site": {"id": "S9", "kind": "村"}, "facts": {}}, allow_unicode=True), "utf-8")
    refused = run("check", bare, "--as-of", AS_OF.isoformat())
    assert refused.exit_code == 2 and "site.name: this field is required" in refused.output


@pytest.mark.parametrize(("written", "shown"), [("[寿山乡, 日溪乡]", "寿山乡、日溪乡"), ("123", "123")])
def test_a_township_written_as_a_list_or_a_number_is_refused(
    run: Run, tmp_path: Path, written: str, shown: str
) -> None:
    """attributes.township is one name: a list (a site spanning two townships) or a number is refused naming the
    line and field, never kept as its Python spelling ("['寿山乡', '日溪乡']", '123.0') with only a warning."""
    path = tmp_path / "site.yaml"
    path.write_text(
        "site:\n  id: V1\n  kind: village\n  name: 岭头村\n  district: 晋安区\n  attributes:\n"
        f"    township: {written}\nfacts:\n  农村生活污水治理率: 80\n",
        "utf-8",
    )
    result = run("check", path, "--as-of", AS_OF.isoformat())
    assert result.exit_code == 2, result.output
    assert f"site.yaml:7: site.attributes.township: 应为一个乡镇名称（文字），得到“{shown}”" in result.output


def test_a_city_by_its_name_and_an_office_by_its_name(divisions: Divisions) -> None:
    """厦门市 alone is the city (its code chooses the plan); 灌口镇人民政府 with its code is 灌口镇, as
    同安区人民政府 is 同安区, not two places in conflict."""
    city, _ = divisions.resolve("city", "厦门市", "", "", "")
    assert (city.district, city.admin_code) == ("厦门市", "350200")
    office, name = divisions.resolve("township", "灌口镇人民政府", "350211102", "集美区", "")
    assert (office.township, office.admin_code, name) == ("灌口镇", "350211102", "灌口镇人民政府")
    district, _ = divisions.resolve("district", "同安区人民政府", "", "", "")
    assert district.district_code == "350212"


@pytest.mark.parametrize(
    ("name", "city", "district"),
    [
        ("集美", "厦门市", "集美区"),
        ("同安", "厦门市", "同安区"),
        ("翔安", "厦门", "翔安区"),
        ("思明", "厦门市", "思明区"),
        ("湖里", "厦门市", "湖里区"),
        ("海沧", "厦门市", "海沧区"),
        ("集美区政府", "厦门市", "集美区"),
        ("晋安", "福州市", "晋安区"),
    ],
)
def test_a_district_site_written_short_in_its_city_is_that_district(
    divisions: Divisions, name: str, city: str, district: str
) -> None:
    """The 厦门 plan writes its districts short (集美、同安、翔安整区建成美丽乡村): a district site 集美 in 厦门市 is
    集美区."""
    site = Site(id="d", kind="district", name=name, district=city)
    assert divisions.site(site)[0].district == district


def test_a_short_district_name_two_districts_share_is_refused_naming_both(pack: RulePack) -> None:
    table = pack.divisions.model_copy(deep=True)
    twin = table.cities[1].districts[0].model_copy(update={"code": "350299", "name": "思明县", "townships": []})
    table.cities[1].districts.append(twin)
    with pytest.raises(PlaceConflict, match=r"思明区.*思明县"):
        Divisions(table).site(Site(id="d", kind="district", name="思明", district="厦门市"))


@pytest.mark.parametrize(("name", "code"), [("集美区", "350212"), ("海沧区", "350212"), ("集美", "350212")])
def test_a_district_named_after_another_district_than_its_code_is_refused(
    run: Run, tmp_path: Path, name: str, code: str
) -> None:
    """A district site whose name and code are different districts (集美区 with 350212, 同安区's code) is refused in
    `check` and `batch`, naming both, as a name against its district is; neither the name nor the code wins."""
    path = tmp_path / "d.yaml"
    site = {"id": "D", "kind": "district", "name": name, "admin_code": code}
    path.write_text(yaml.safe_dump({"site": site, "facts": {}}, allow_unicode=True), encoding="utf-8")
    result = run("check", path, "--as-of", "2028-03-01")
    assert result.exit_code == 2 and f"与行政区划代码 {code}（同安区）不符" in result.output, result.output
    table = tmp_path / "dist.csv"
    header = "站点编号,名称,行政区划代码,2027年建成美丽乡村的行政村比例"
    table.write_text(f"{header}\nD1,{name},{code},90\n", encoding="utf-8")
    run("batch", table, "--kind", "district", "--out", tmp_path / "out", "--as-of", "2028-03-01")
    rejected = (tmp_path / "out" / "rejected.csv").read_text(encoding="utf-8-sig")
    assert "D1" in rejected and "（同安区）不符" in rejected
    path.write_text(yaml.safe_dump({"site": {**site, "name": "同安区"}, "facts": {}}, allow_unicode=True), "utf-8")
    assert run("check", path, "--as-of", "2028-03-01").exit_code != 2
