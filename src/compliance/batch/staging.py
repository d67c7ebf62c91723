"""Where a batch writes: a new folder beside --out, whose files move into --out only when they are whole.

So a run that fails or is interrupted never leaves --out holding new partial files beside an older
manifest and report that look complete: the previous results stay as they were. The folder is named
`OUT.incomplete-XXXXXXXX`; a run that fails removes it, a run that is stopped (Ctrl-C, SIGTERM, the
findings limit) keeps it, marked incomplete, and says where it is.

--out is checked before anything is read: it may be new, empty, or hold what an earlier run wrote (the
files its manifest.json lists, which the finished run replaces: those it does not write are removed);
anything else there is refused unless --overwrite, which writes the batch's files beside them and
leaves them alone. An input inside --out is refused (a rerun would
overwrite it), and so is --out inside a folder input (a rerun would read the outputs as facts files).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Iterable
from pathlib import Path

from compliance.batch.outputs import MANIFEST, OUTPUTS
from compliance.batch.stopping import signals_held
from compliance.model.problems import InputError, Problem


def _within(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def _written_before(out: Path) -> set[str]:
    """The files an earlier run's manifest.json lists (its own outputs), or none."""
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    listed = manifest.get("outputs") if isinstance(manifest, dict) else None
    if not isinstance(listed, list):
        return set()
    return {name for name in listed if isinstance(name, str) and name in OUTPUTS}


def check_out(out: Path, inputs: Iterable[Path], overwrite: bool) -> None:
    """Refuse an --out the batch must not write to; see the module's docstring."""
    if out.exists() and not out.is_dir():
        raise InputError([Problem(str(out), None, "--out", "exists and is not a folder")])
    folder = out.resolve()
    for path in inputs:
        source = path.resolve()
        if _within(source, folder):
            message = f"holds the input {path}, which a run would overwrite; choose another --out"
            raise InputError([Problem(str(out), None, "--out", message)])
        if source.is_dir() and _within(folder, source):
            message = f"is inside the input folder {path}, whose facts files a rerun would mix with the outputs"
            raise InputError([Problem(str(out), None, "--out", message)])
    if overwrite or not out.is_dir():
        return
    ours = _written_before(out)
    if ours:
        ours.add(MANIFEST)
    foreign = sorted(entry.name for entry in out.iterdir() if entry.name not in ours or not entry.is_file())
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        message = (
            f"holds files this tool did not write ({shown}); choose a new or empty folder, "
            "or pass --overwrite to write the batch's files beside them"
        )
        raise InputError([Problem(str(out), None, "--out", message)])


class Staging:
    """The folder a batch writes into, beside `out`, and the move of its files into `out`."""

    def __init__(self, out: Path) -> None:
        self.out = out
        parent = out.absolute().parent
        parent.mkdir(parents=True, exist_ok=True)
        while True:
            path = parent / f"{out.absolute().name}.incomplete-{secrets.token_hex(4)}"
            try:
                path.mkdir()  # the user's usual permissions (umask), unlike a private temporary folder
                break
            except FileExistsError:
                continue
        self.path = path

    def publish(self) -> None:
        """Move the finished files into `out`: manifest.json last, so a folder whose manifest says
        complete holds the files it lists. The files an earlier run's manifest lists that this run did not
        write (findings.csv of a --findings compact run) go first, with that manifest: everything in `out`
        is then of this run. A signal meanwhile waits until they are all in place."""
        with signals_held(self.out):
            if not self.out.exists():
                try:
                    self.path.rename(self.out)
                    return
                except OSError:  # made meanwhile: move the files one by one instead
                    pass
            self.out.mkdir(parents=True, exist_ok=True)
            names = sorted(entry.name for entry in self.path.iterdir())
            earlier = _written_before(self.out) - set(names)
            (self.out / MANIFEST).unlink(missing_ok=True)
            for name in sorted(earlier - {MANIFEST}):
                if not (self.out / name).is_dir():
                    (self.out / name).unlink(missing_ok=True)
            for name in [n for n in names if n != MANIFEST] + [MANIFEST]:
                os.replace(self.path / name, self.out / name)
            self.path.rmdir()

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
