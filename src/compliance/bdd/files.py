"""Which files of a folder are feature files, the same for running scenarios and for `rules coverage`.

A feature file is named `*.feature` in any case (`A.FEATURE`, `B.Feature`, as Windows and macOS users save them),
in any folder but a hidden one, `node_modules` or a Python virtual environment: pytest's own default also passes
over folders named `build`, `dist` or `venv`, where policy staff may well keep scenarios, so `compliance scenarios`
runs pytest with that list cut down to these. A file named `*.feature.txt` (a text editor's doing) holds scenarios
that would not run: it is named in a notice, never passed over without a word.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

NORECURSEDIRS = ".* node_modules"
"""pytest's `norecursedirs` for a run of scenarios: hidden folders and node_modules (where `npm install` of an HTML
reporter puts JavaScript packages, some with feature files of their own). pytest also passes over any virtual
environment, whatever its name."""


def is_feature(path: Path) -> bool:
    return path.suffix.lower() == ".feature"


def passed_over_name(path: Path) -> bool:
    """`试一试.feature.txt`: a feature file saved under another suffix."""
    return not is_feature(path) and ".feature." in path.name.lower()


def _searched(folder: Path) -> bool:
    """Whether a run of scenarios looks into this folder (the folder given itself is always searched)."""
    name = folder.name
    if name.startswith(".") or name in ("node_modules", "__pycache__"):
        return False
    return not ((folder / "pyvenv.cfg").is_file() or (folder / "conda-meta" / "history").is_file())


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if _searched(Path(root) / d))
        yield from (Path(root) / name for name in sorted(files))


def feature_files(paths: list[Path]) -> list[Path]:
    """The feature files a run of `paths` (files or folders) reads, in order."""
    found: set[Path] = set()
    for path in paths:
        found.update((p for p in _walk(path) if is_feature(p)) if path.is_dir() else [path])
    return sorted(found)


def passed_over(paths: list[Path]) -> list[Path]:
    """Files below the folders of `paths` that look like feature files saved under another suffix."""
    return sorted({p for path in paths if path.is_dir() for p in _walk(path) if passed_over_name(p)})


def passed_over_notices(paths: list[Path], lang: str) -> list[str]:
    return [
        f"提醒：{path} 不是 .feature 文件，没有运行：若其中是场景，请把文件名改为以 .feature 结尾"
        if lang == "zh"
        else f"notice: {path} is not a .feature file and was not run: if it holds scenarios, rename it to end in"
        " .feature"
        for path in passed_over(paths)
    ]
