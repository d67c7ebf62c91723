"""A cache of validated rule packs, so a cold `compliance check` does not re-parse every YAML file.

Keyed by a hash of every pack file, the pack's folder, the package version and every module that shapes
a pack (model/, load/ and engine/, sources and compiled forms), so any change to a rule, the catalogue,
the models or the loading code misses the cache. Stored as JSON and validated again
on reading (data, never code). Set COMPLIANCE_NO_CACHE=1 to bypass it, COMPLIANCE_CACHE_DIR to move it.
Any failure to read or write it is ignored: the cache only ever saves time. Each edit of a rule file, and each
release, caches a new pack (about 1.7 MB), so writing one also removes the packs not written for `KEEP_DAYS`
days and all but the newest `KEEP_PACKS`.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from functools import cache
from pathlib import Path

from pydantic import ValidationError

import compliance
from compliance import __version__
from compliance.model.plan import RulePack

SHAPING_PACKAGES = ("model", "load", "engine")
"""The parts of the package whose code decides what a loaded pack holds."""
KEEP_DAYS = 30
KEEP_PACKS = 200
"""How long and how many cached packs are kept (see the module)."""
SHAPING_MODULES = ("pack",)
"""Top-level modules that do too (`pack.py` runs the engine's compile check before a pack is cached)."""


def _folder() -> Path | None:
    if os.environ.get("COMPLIANCE_NO_CACHE"):
        return None
    if os.environ.get("COMPLIANCE_CACHE_DIR"):
        return Path(os.environ["COMPLIANCE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "compliance"


def shaping_files() -> list[Path]:
    """Every source or compiled module of the packages that shape a pack, in a fixed order."""
    package = Path(compliance.__file__).parent
    inside = [path for name in SHAPING_PACKAGES for path in (package / name).iterdir()]
    beside = [path for path in package.iterdir() if path.name.split(".")[0] in SHAPING_MODULES]
    return sorted(path for path in [*inside, *beside] if path.suffix in (".py", ".so", ".pyd"))


@cache
def _code_hash() -> str:
    digest = hashlib.sha256(__version__.encode() + b"\0")
    package = Path(compliance.__file__).parent
    for path in shaping_files():
        content = path.read_bytes()
        digest.update(f"{path.relative_to(package)}\0{len(content)}\0".encode() + content)
    return digest.hexdigest()


def _path(root: Path, files_digest: str) -> Path | None:
    folder = _folder()
    if folder is None:
        return None
    key = hashlib.sha256(f"{root.resolve()}\0{files_digest}\0{_code_hash()}".encode()).hexdigest()
    return folder / f"pack-{key[:32]}.json"


_HELD: dict[Path, tuple[tuple[int, int], RulePack]] = {}
"""Packs this process read, by cache file, with the file's modification time and size when it was read: a
long-lived process (a test run, a scenario run) validates each file once, and a file rewritten since is
read again."""


def read(root: Path, files_digest: str) -> RulePack | None:
    path = _path(root, files_digest)
    if path is None:
        return None
    try:
        stamp = _stamp(path)
        held = _HELD.get(path)
        if held is not None and held[0] == stamp:
            return held[1]
        pack = RulePack.model_validate_json(path.read_bytes())
    except (OSError, ValidationError, ValueError):
        return None
    _hold(path, stamp, pack)
    return pack


def write(root: Path, files_digest: str, pack: RulePack) -> None:
    path = _path(root, files_digest)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as handle:
            handle.write(pack.model_dump_json().encode())
        os.replace(handle.name, path)
        stamp = _stamp(path)
    except OSError:
        return
    _hold(path, stamp, pack)
    _prune(path.parent)


def _prune(folder: Path) -> None:
    """Remove the cached packs older than KEEP_DAYS and all but the newest KEEP_PACKS (another process may have
    removed some already: each file is its own try)."""
    stamped: list[tuple[float, Path]] = []
    for cached in folder.glob("pack-*.json"):
        try:
            stamped.append((cached.stat().st_mtime, cached))
        except OSError:
            continue
    stamped.sort(reverse=True)
    oldest = time.time() - KEEP_DAYS * 86400
    for index, (modified, cached) in enumerate(stamped):
        if index >= KEEP_PACKS or modified < oldest:
            try:
                cached.unlink()
            except OSError:
                continue


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_mtime_ns, status.st_size


def _hold(path: Path, stamp: tuple[int, int], pack: RulePack) -> None:
    if len(_HELD) >= 8:
        _HELD.clear()
    _HELD[path] = (stamp, pack)
