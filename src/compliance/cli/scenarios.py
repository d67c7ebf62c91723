"""Running Gherkin scenarios against the rules, and listing the steps a .feature file can use."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from compliance.bdd.files import is_feature, passed_over_notices
from compliance.bdd.tags import chosen_tag, stray_tags
from compliance.cli.shared import (
    EXIT_BAD_INPUT,
    LANG_OPTION,
    RULES_OPTION,
    _pack,
    echo,
    fail,
)
from compliance.model.problems import Problem
from compliance.model.scenarios import ScenariosRun


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--tag", "tags", multiple=True, help="Only scenarios with this tag, e.g. JA-14-7 (repeatable).")
@click.option("--cucumberjson", type=click.Path(dir_okay=False, path_type=Path), help="Also write Cucumber JSON here.")
@click.option("--junitxml", type=click.Path(dir_okay=False, path_type=Path), help="Also write JUnit XML here.")
@click.option("-v", "--verbose", is_flag=True, help="List every scenario, not only the failed ones.")
@LANG_OPTION
@RULES_OPTION
def scenarios(
    paths: tuple[Path, ...],
    tags: tuple[str, ...],
    cucumberjson: Path | None,
    junitxml: Path | None,
    verbose: bool,
    lang: str,
    rules_dir: Path | None,
) -> None:
    """Run Gherkin scenarios (.feature files or folders; default: features/) and summarize them.

    Exit codes: 0 every scenario holds, 1 a scenario failed, 2 nothing to run or a file cannot be read.
    """
    from compliance.bdd.run import render, run_scenarios

    chosen = list(paths) or [Path("features")]
    absent = [p for p in chosen if not p.exists()]
    if absent:
        said = "没有这个文件或文件夹（no such file or folder）" if lang == "zh" else "no such file or folder"
        fail([Problem(str(p), None, "", said) for p in absent])
    other = [p for p in chosen if p.is_file() and not is_feature(p)]  # pytest would say only "not found"
    if other:
        said = (
            "不是 .feature 文件：场景文件的名字须以 .feature 结尾（not a .feature file）"
            if lang == "zh"
            else "not a .feature file: a file of scenarios is named *.feature"
        )
        fail([Problem(str(p), None, "", said) for p in other])
    for report in (cucumberjson, junitxml):  # before the run: a report that cannot be written is no failed scenario
        if report is not None:
            _writable(report)
    wanted = _tags(tags, lang)
    result = run_scenarios(chosen, rules_dir, wanted, cucumberjson, lang)
    echo(render(result, lang, verbose), nl=False)
    for notice in _notices(result.run, wanted, rules_dir, lang) + passed_over_notices(chosen, lang):
        echo(notice)
    if junitxml is not None:
        from compliance.report.junit import render_scenarios

        junitxml.parent.mkdir(parents=True, exist_ok=True)
        junitxml.write_text(render_scenarios(result.run), encoding="utf-8")
    if not result.scenarios and not result.errors:
        if wanted:  # the files have scenarios; none has the tag
            listed = ("、" if lang == "zh" else ", ").join(wanted)
            said = f"没有带标签 {listed} 的场景" if lang == "zh" else f"no scenario has the tag {listed}"
            fail([Problem(", ".join(map(str, chosen)), None, "", said)])
        said = (
            "没有找到场景（.feature 文件）（no scenarios found）"
            if lang == "zh"
            else "no scenarios found (.feature files)"
        )
        fail([Problem(", ".join(map(str, chosen)), None, "", said)])
    if result.errors or result.exit_code not in (0, 1):
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(1 if result.failed else 0)


@click.command()
@LANG_OPTION
def steps(lang: str) -> None:
    """The Gherkin steps a .feature file can use, each with an example."""
    from compliance.bdd.help import render_steps

    echo(render_steps(lang), nl=False)


def _writable(report: Path) -> None:
    """Make sure a report file can be written (its folder made), refusing with exit 2 and the reason if not."""
    existed = report.exists()
    try:
        report.parent.mkdir(parents=True, exist_ok=True)
        with report.open("a", encoding="utf-8"):
            pass
    except (FileExistsError, NotADirectoryError):
        fail([Problem(str(report), None, "", "cannot be written: a folder on its path is a file")])
    except OSError as error:
        fail([Problem(str(report), None, "", f"cannot be written: {error.strerror or error}")])
    if not existed:
        report.unlink()


def _tags(tags: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """The tags `--tag` names, each without the `@` of the file's tag line (pytest would read `@JA-17-6` as a file
    of arguments); text that is no single tag is refused, saying how to give several."""
    chosen: list[str] = []
    for written in tags:
        name = chosen_tag(written)
        if name is None:
            said = (
                f"“{written}”不是一个标签：--tag 只写一个标签，如 --tag JA-17-6；多个标签请重复 --tag"
                if lang == "zh"
                else f"{written!r} is not one tag: give one per --tag, as in --tag JA-17-6, and repeat --tag for more"
            )
            fail([Problem("--tag", None, "", said)])
        chosen.append(name)
    return tuple(chosen)


def _notices(run: ScenariosRun, wanted: tuple[str, ...], rules_dir: Path | None, lang: str) -> list[str]:
    """Tags shaped like a requirement id that name none, and a chosen tag no scenario that ran carries."""
    written = {t.name for f in run.features for t in f.tags} | {t.name for s in run.scenarios() for t in s.tags}
    notices = stray_tags(written, _pack(rules_dir), lang) if written else []
    if run.scenarios():
        unused = [tag for tag in wanted if tag not in written]
        notices += [
            f"提醒：没有带标签 {tag} 的场景" if lang == "zh" else f"notice: no scenario has the tag {tag}"
            for tag in unused
        ]
    return notices
