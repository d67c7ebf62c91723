"""Mutation check: each test module must fail when the code or data it guards is broken on purpose.

`tests/mutations.yaml` names, for every `tests/test_*.py`, one realistic edit of the repository (an `old`
text occurring once in `file`, replaced by `new`) and what bug the module catches. For each entry this
copies the tracked files (`git ls-files`) to a temporary folder, applies the edit there and runs that module
in the copy with the copy's `src/` first on PYTHONPATH, so the mutated package (and its `rules/`) is the one
imported, never the editable install. The repository itself is never written.

    python tests/mutate.py                 # every module
    python tests/mutate.py test_cache      # some modules
    python tests/mutate.py --baseline      # also run each module unmutated in its copy (it must pass)
    python tests/mutate.py --table         # the table of docs/testing.md, from mutations.yaml

Outcome per module: caught (some test failed), SURVIVED (every test passed) or broken (the edit's text is
not found once, the module does not collect, or with --baseline the unmutated copy fails). Exit 1 if any
module survived or is broken.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
MUTATIONS = ROOT / "tests" / "mutations.yaml"
FIELDS = ("module", "file", "old", "new", "catches")
TIMEOUT = 1200
"""Seconds one module may run in its copy before it counts as broken (the slowest takes about a minute)."""
PROBE = (
    "import compliance, compliance.load.rules as r; from pathlib import Path; "
    "print(Path(compliance.__file__).resolve()); print(r.default_rules_dir().resolve())"
)
"""Where the copy's interpreter finds the package and the shipped rules: both must be inside the copy."""


@dataclass(frozen=True)
class Mutation:
    module: str
    file: str
    old: str
    new: str
    catches: str


@dataclass(frozen=True)
class Outcome:
    module: str
    status: str
    """caught, SURVIVED or broken."""
    detail: str
    seconds: float


def read_mutations(path: Path = MUTATIONS) -> list[Mutation]:
    """The entries of mutations.yaml, each with every field a non-empty string."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise SystemExit(f"{path}: expected a list of mutations")
    mutations = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or sorted(entry) != sorted(FIELDS):
            raise SystemExit(f"{path}: entry {number}: expected exactly the fields {', '.join(FIELDS)}")
        if not all(isinstance(entry[name], str) and (entry[name] or name == "new") for name in FIELDS):
            message = "every field must be a text, and all but `new` non-empty"
            raise SystemExit(f"{path}: entry {number} ({entry.get('module')}): {message}")
        mutations.append(Mutation(**{name: entry[name] for name in FIELDS}))
    return mutations


def tracked_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return [name for name in listed.decode("utf-8").split("\0") if name and (ROOT / name).is_file()]


def copy_tree(files: list[str], target: Path) -> None:
    for name in files:
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, destination)


def apply(mutation: Mutation, copy: Path) -> str | None:
    """Edit the copy; the reason it cannot be applied, if it cannot."""
    path = copy / mutation.file
    if not path.is_file():
        return f"{mutation.file}: no such tracked file"
    text = path.read_text(encoding="utf-8")
    found = text.count(mutation.old)
    if found != 1:
        return f"{mutation.file}: `old` occurs {found} times, expected once"
    path.write_text(text.replace(mutation.old, mutation.new), encoding="utf-8")
    return None


def environment(copy: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("COMPLIANCE_")}
    env["PYTHONPATH"] = os.pathsep.join([str(copy / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])
    env["COMPLIANCE_CACHE_DIR"] = str(copy / ".cache")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def shadows(copy: Path) -> str | None:
    """Why the copy's package would not be the one imported, if it would not."""
    probe = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=copy, env=environment(copy), capture_output=True, text=True, check=False
    )
    if probe.returncode != 0:
        return f"importing the copy failed: {probe.stderr.strip()[-300:]}"
    for line in probe.stdout.split():
        if not Path(line).is_relative_to(copy.resolve()):
            return f"the copy does not shadow the installed package: {line} is outside {copy}"
    return None


def run_module(module: str, copy: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", f"tests/{module}.py"]
    try:
        return subprocess.run(
            command, cwd=copy, env=environment(copy), capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(command, -1, "", f"timed out after {TIMEOUT} s")


def last_lines(result: subprocess.CompletedProcess[str], count: int = 3) -> str:
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    return " | ".join(lines[-count:])


def check(mutation: Mutation, files: list[str], baseline: bool) -> Outcome:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"mutate-{mutation.module}-") as folder:
        copy = Path(folder)
        copy_tree(files, copy)
        problem = shadows(copy)
        if problem is None and baseline:
            unmutated = run_module(mutation.module, copy)
            if unmutated.returncode != 0:
                problem = f"fails unmutated: {last_lines(unmutated)}"
        problem = problem or apply(mutation, copy)
        if problem is not None:
            return Outcome(mutation.module, "broken", problem, time.monotonic() - started)
        result = run_module(mutation.module, copy)
    seconds = time.monotonic() - started
    if result.returncode == 1:
        failed = [line for line in result.stdout.splitlines() if line.startswith(("FAILED ", "ERROR "))]
        return Outcome(mutation.module, "caught", (failed or [last_lines(result, 1)])[0][:160], seconds)
    if result.returncode == 0:
        return Outcome(mutation.module, "SURVIVED", last_lines(result, 1), seconds)
    return Outcome(mutation.module, "broken", f"pytest exit {result.returncode}: {last_lines(result)}", seconds)


def table(mutations: list[Mutation]) -> str:
    """The Markdown table of docs/testing.md: each module, what it catches and where the mutation is made."""
    lines = ["| test module | catches | mutated |", "|---|---|---|"]
    for mutation in sorted(mutations, key=lambda m: m.module):
        catches = mutation.catches.replace("|", "\\|")
        lines.append(f"| `{mutation.module}` | {catches} | `{mutation.file}` |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="test modules to check (test_cache or test_cache.py); all if none")
    parser.add_argument("--jobs", type=int, default=1, help="modules checked at once (default 1: cores are shared)")
    parser.add_argument("--baseline", action="store_true", help="first run each module unmutated; it must pass")
    parser.add_argument("--table", action="store_true", help="print the table of docs/testing.md and stop")
    options = parser.parse_args(argv)
    mutations = read_mutations()
    if options.table:
        print(table(mutations), end="")
        return 0
    known = {m.module for m in mutations}
    wanted = [name.removesuffix(".py").removeprefix("tests/") for name in options.modules]
    unknown = [name for name in wanted if name not in known]
    if unknown:
        parser.error(f"no mutation for {', '.join(unknown)} in {MUTATIONS.relative_to(ROOT)}")
    chosen = [m for m in mutations if not wanted or m.module in wanted]
    files = tracked_files()
    started = time.monotonic()
    outcomes = []
    with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
        for outcome in pool.map(lambda m: check(m, files, options.baseline), chosen):
            outcomes.append(outcome)
            print(f"{outcome.status:8} {outcome.module:28} {outcome.seconds:6.1f} s  {outcome.detail}", flush=True)
    totals = {status: sum(o.status == status for o in outcomes) for status in ("caught", "SURVIVED", "broken")}
    summary = ", ".join(f"{count} {status}" for status, count in totals.items())
    print(f"{len(outcomes)} modules: {summary} in {time.monotonic() - started:.0f} s")
    return 0 if totals["caught"] == len(outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
