"""Every command, given a bad option or an input it cannot use, answers with a clear message and the
documented exit code (2: bad input or usage), never a traceback."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from compliance.batch import outputs
from compliance.cli import main
from tests.conftest import AS_OF, EXAMPLES, ROOT
from tests.test_batch import villages, write_csv

Case = Callable[[Path], list[str]]


def _invoke(args: list[str]) -> Result:
    return CliRunner().invoke(main, args, catch_exceptions=True)


def _csv(folder: Path) -> Path:
    return write_csv(folder / "villages.csv", villages(30))


def _batch(folder: Path, *extra: str, source: Path | None = None) -> list[str]:
    source = source or _csv(folder)
    return ["batch", str(source), "--kind", "village", "--out", str(folder / "out"), "--quiet", *extra]


def _deep_json(depth: int) -> str:
    return (
        '{"site": {"id": "D1", "kind": "village", "name": "深村"}, "facts": {"x": ' + "[" * depth + "]" * depth + "}}"
    )


def _fifo(folder: Path, name: str) -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def _rules_copy(folder: Path, plan_text: Callable[[Path], None]) -> Path:
    rules = folder / "rules"
    shutil.copytree(ROOT / "rules", rules)
    plan_text(rules / "jinan" / "text.txt")
    return rules


def _gb18030(path: Path) -> None:
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _attestations(folder: Path, rows: str) -> Path:
    path = folder / "attestations.csv"
    path.write_text("requirement,site,outcome,inspector,date,expires\n" + rows, encoding="utf-8")
    return path


CASES: dict[str, tuple[Case, str]] = {
    "batch --encoding rot13": (lambda d: _batch(d, "--encoding", "rot13"), "unknown text encoding 'rot13'"),
    "batch --encoding utf-16 without a BOM": (lambda d: _batch(d, "--encoding", "utf-16"), "byte-order mark"),
    "batch --encoding nonsense": (lambda d: _batch(d, "--encoding", "klingon"), "unknown text encoding"),
    "batch --xlsx-rows -1": (lambda d: _batch(d, "--xlsx-rows", "-1"), "--xlsx-rows"),
    "batch --workers 0": (lambda d: _batch(d, "--workers", "0"), "--workers"),
    "batch --max-findings-bytes lots": (lambda d: _batch(d, "--max-findings-bytes", "lots"), "number of bytes"),
    "batch --max-findings-bytes 0": (lambda d: _batch(d, "--max-findings-bytes", "0"), "number of bytes"),
    "batch --as-of tomorrow": (lambda d: _batch(d, "--as-of", "tomorrow"), "--as-of"),
    "batch --kind vilage": (lambda d: ["batch", str(_csv(d)), "--kind", "vilage", "--out", str(d / "o")], "village"),
    "batch a device": (lambda d: _batch(d, source=Path("/dev/zero")), "not a regular file"),
    "batch a FIFO": (lambda d: _batch(d, source=_fifo(d, "pipe.csv")), "not a regular file"),
    "batch an input inside --out": (
        lambda d: ["batch", str(_csv(d)), "--kind", "village", "--out", str(d), "--quiet"],
        "holds the input",
    ),
    "batch --out holding other files": (
        lambda d: (d / "out").mkdir() or ((d / "out" / "notes.txt").write_text("x") and _batch(d)),
        "holds files this tool did not write (notes.txt)",
    ),
    "batch --out is a file": (lambda d: (d / "out").write_text("x") and _batch(d), "is a file"),
    "batch conflicting attestations": (
        lambda d: _batch(
            d,
            "--attestations",
            str(_attestations(d, "JA-14-1,V0001,通过,林,2026-05-20,\nJA-14-1,V0001,不通过,王,2026-05-20,\n")),
        ),
        "is fail here but pass in",
    ),
    "check an attestation expiring before its date": (
        lambda d: [
            "check",
            str(EXAMPLES / "village-compliant.yaml"),
            "--attestations",
            str(_attestations(d, "JA-14-1,JA-V-0001,通过,林,2026-05-20,2026-01-01\n")),
        ],
        "expires 2026-01-01, before its date 2026-05-20",
    ),
    "check /dev/zero": (lambda d: ["check", "/dev/zero"], "not a regular file"),
    "check a FIFO": (lambda d: ["check", str(_fifo(d, "facts.yaml"))], "not a regular file"),
    "check a folder": (lambda d: ["check", str(d)], "is a directory"),
    "check a file over the size limit": (lambda d: ["check", str(_sparse(d / "big.yaml", 65 << 20))], "larger than"),
    "check JSON nested 5000 deep": (
        lambda d: (d / "deep.json").write_text(_deep_json(5000)) and ["check", str(d / "deep.json")],
        "nested",
    ),
    "check YAML nested 40 deep": (
        lambda d: (d / "deep.yaml").write_text(_deep_json(40)) and ["check", str(d / "deep.yaml")],
        "nested more than 32 levels deep",
    ),
    "check --format xml": (lambda d: ["check", str(EXAMPLES / "park-compliant.yaml"), "--format", "xml"], "xml"),
    "scenarios an empty .feature": (
        lambda d: (d / "empty.feature").write_text("") or ["scenarios", str(d / "empty.feature")],
        "is empty",
    ),
    "scenarios a binary .feature": (
        lambda d: (d / "bin.feature").write_bytes(bytes(range(256)) * 4) and ["scenarios", str(d / "bin.feature")],
        "is not UTF-8",
    ),
    "rules lint, plan text missing": (
        lambda d: ["rules", "lint", str(_rules_copy(d, Path.unlink))],
        "cannot read the file",
    ),
    "rules lint, plan text in GB18030": (
        lambda d: ["rules", "lint", str(_rules_copy(d, _gb18030))],
        "not UTF-8",
    ),
    "rules lint, plan text a folder": (lambda d: ["rules", "lint", str(_rules_copy(d, _folder))], "is a folder"),
    "rules doc, plan text missing": (
        lambda d: ["rules", "doc", "--rules", str(_rules_copy(d, Path.unlink))],
        "cannot read the file",
    ),
    "batch --out inside the input folder": (
        lambda d: ["batch", str(d), "--kind", "village", "--out", str(d / "out"), "--quiet"],
        "is inside the input folder",
    ),
    "rules list --plan nope": (lambda d: ["rules", "list", "--plan", "nope"], "unknown plan 'nope'"),
    "rules coverage --features missing": (
        lambda d: ["rules", "coverage", "--features", str(d / "missing")],
        "does not exist",
    ),
    "steps --lang fr": (lambda d: ["steps", "--lang", "fr"], "'fr' is not one of"),
    "schema rules --kind x": (lambda d: ["schema", "rules", "--kind", "x"], "No such option"),
    "rules show an unknown id": (lambda d: ["rules", "show", "JA-99-9"], "no such requirement"),
    "facts template --kind nope": (lambda d: ["facts", "template", "--kind", "nope"], "unknown site kind"),
    "schema facts --kind nope": (lambda d: ["schema", "facts", "--kind", "nope"], "unknown site kind"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_options_and_inputs_give_a_message_and_exit_2(name: str, tmp_path: Path) -> None:
    make, expected = CASES[name]
    args = make(tmp_path)
    result = _invoke(args)
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2, result.output
    assert expected in result.output, result.output
    assert not list(tmp_path.glob("out.incomplete-*")), "a refused run left its staging folder behind"


def test_a_full_disk_while_writing_report_xlsx_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/dev/full fails every write with ENOSPC, as a full disk does; the previous results stay as they were."""
    previous = write_csv(tmp_path / "previous.csv", villages(5, seed=1))
    out = tmp_path / "out"
    assert _invoke(["batch", str(previous), "--kind", "village", "--out", str(out), "--quiet"]).exit_code == 0
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    monkeypatch.setattr(outputs, "REPORT", "/dev/full")
    result = _invoke(_batch(tmp_path, "--as-of", AS_OF.isoformat()))
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit | None)
    assert result.exit_code == 2 and "cannot be written: No space left" in result.output
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before
    assert not list(tmp_path.glob("out.incomplete-*"))


def test_a_deeply_nested_jsonl_line_or_facts_file_is_a_rejected_row(tmp_path: Path) -> None:
    good = {"site": {"id": "G1", "kind": "village", "name": "好村", "district": "晋安区"}, "facts": {}}
    lines = tmp_path / "sites.jsonl"
    lines.write_text(json.dumps(good, ensure_ascii=False) + "\n" + _deep_json(5000) + "\n", encoding="utf-8")
    folder = tmp_path / "facts"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    (folder / "b.json").write_text(_deep_json(5000), encoding="utf-8")
    for source in (lines, folder):
        out = tmp_path / f"out-{source.name}"
        result = _invoke(["batch", str(source), "--kind", "village", "--out", str(out), "--quiet"])
        assert result.exit_code == 0 and "Traceback" not in result.output, result.output
        rejected = (out / "rejected.csv").read_text(encoding="utf-8-sig")
        assert "nested" in rejected and rejected.count("\n") == 2
