"""A real `compliance batch` stopped by Ctrl-C or SIGTERM: quick, no worker left, what was written marked
incomplete beside --out, and the previous results in --out untouched."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF
from tests.test_batch import Run, batch, villages, write_csv
from tests.test_compact_findings import reference_csv

ROWS = 200_000


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ROWS villages: a hundredth of them drawn, the rest their values again under new ids and names (drawing
    every cell of 200,000 rows took longer than the batch runs here)."""
    drawn = villages(ROWS // 100)
    path = write_csv(tmp_path_factory.mktemp("input") / "villages.csv", [])  # the header
    tails = io.StringIO()
    csv.writer(tails).writerows(row[2:] for row in drawn)  # each drawn row's cells after id and name, quoted once
    lines = tails.getvalue().splitlines(keepends=True)
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.writelines(f"V{number:04d},村{number},{lines[number % len(lines)]}" for number in range(ROWS))
    return path


def _command() -> str:
    beside = Path(sys.executable).parent / "compliance"
    return str(beside) if beside.exists() else shutil.which("compliance") or "compliance"


def _parents() -> dict[int, int]:
    """Every process's parent, from /proc/PID/stat."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    return parents


def _descendants(pid: int) -> set[int]:
    """The processes `pid` started, and theirs."""
    parents = _parents()
    found: set[int] = set()
    stack = [pid]
    while stack:
        current = stack.pop()
        children = {child for child, parent in parents.items() if parent == current}
        found |= children
        stack.extend(children)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _default_signals() -> None:
    """In the child: Ctrl-C as a terminal gives it, even if these tests run where SIGINT is ignored (a
    shell's background job), which the batch would rightly go on ignoring."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _staging(out: Path) -> Path | None:
    found = sorted(out.parent.glob(f"{out.name}.incomplete-*"))
    return found[0] if found else None


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")
@pytest.mark.parametrize(
    ("signum", "workers", "code", "findings"),
    [
        (signal.SIGINT, 2, 130, "full"),
        (signal.SIGINT, 1, 130, "full"),
        (signal.SIGTERM, 1, 143, "full"),
        (signal.SIGTERM, 2, 143, "compact"),  # compact writes findings.jsonl too: this is SIGTERM's two-worker case
    ],
    ids=["SIGINT-2-workers", "SIGINT-1-worker", "SIGTERM-1-worker", "SIGTERM-2-workers-compact"],
)
def test_a_signal_stops_the_batch_at_once_and_marks_what_was_written(
    run: Run, big_csv: Path, tmp_path: Path, signum: int, workers: int, code: int, findings: str
) -> None:
    out = tmp_path / "out"
    previous = write_csv(tmp_path / "previous.csv", villages(20, seed=3))
    batch(run, previous, out, "--findings", "compact" if findings == "full" else "full")  # files this run won't write
    before = {path.name: path.read_bytes() for path in out.iterdir()}

    argv = [_command(), "batch", str(big_csv), "--kind", "village", "--out", str(out)]
    argv += ["--as-of", AS_OF.isoformat(), "--workers", str(workers), "--findings", findings, "--quiet"]
    process = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, preexec_fn=_default_signals
    )
    try:
        deadline = time.monotonic() + 120
        started = False
        while not started and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
            sites = (_staging(out) or out) / "sites.csv"
            started = sites.parent != out and sites.exists() and sites.stat().st_size > 100_000
        assert started, "the batch never got going"
        children = _descendants(process.pid)
        assert len(children) >= (workers if workers > 1 else 0)
        # Ctrl-C reaches the whole foreground process group, workers included; SIGTERM only the main process
        if signum == signal.SIGINT:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
        sent = time.monotonic()
        _, errors = process.communicate(timeout=30)
        elapsed = time.monotonic() - sent
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    message = errors.decode()
    assert process.returncode == code, message
    assert elapsed < 2.0, f"took {elapsed:.2f} s to stop"
    assert "Traceback" not in message and "Exception ignored" not in message, message
    assert not [pid for pid in children if _alive(pid)], "a worker outlived the batch"
    lines = message.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("batch stopped: interrupted by " + signal.Signals(signum).name)
    staging = _staging(out)
    assert staging is not None and str(staging) in lines[0]
    manifest = json.loads((staging / "manifest.json").read_text(encoding="utf-8"))
    summary = json.loads((staging / "summary.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is False and summary["complete"] is False
    assert "interrupted" in manifest["stopped"] and "interrupted" in summary["stopped"]
    assert 0 < summary["rows"] < ROWS and not (staging / "report.xlsx").exists()
    lines = (staging / "findings.jsonl").read_bytes().splitlines(keepends=True)
    # whole lines, one finding each: a cut line or two appends run together would break the braces or the ends
    assert all(line.startswith(b'{"') and line.endswith(b"}\n") for line in lines)
    for line in lines[:1] + lines[-1:]:
        json.loads(line)
    if findings == "compact":  # whole rows, the JSONL's (a chunk fewer at most), and nothing made at the end
        rows = (staging / "findings.csv").read_bytes()
        assert rows.endswith(b"\r\n") and reference_csv(staging).startswith(rows)
        assert not (staging / "requirements.csv").exists() and not (staging / "findings.parquet").exists()
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before, "the previous results changed"


def _full_pipe() -> tuple[int, int]:
    """A pipe whose buffer is full: a process writing to it waits until the other end is read."""
    reading, writing = os.pipe()
    os.set_blocking(writing, False)
    for size in (1 << 12, 1):
        with contextlib.suppress(BlockingIOError):
            while True:
                os.write(writing, b"." * size)
    os.set_blocking(writing, True)  # the child's writes wait, rather than fail
    return reading, writing


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="signal masks are POSIX")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_after_the_results_are_whole_ends_the_run_as_finished(run: Run, tmp_path: Path, signum: int) -> None:
    """The files are all in --out when the signal comes (the batch is held printing its summary to a full pipe):
    exit 0 as a finished run, one line saying the signal came after the results were complete, no .incomplete
    folder, and --out holding this run's files only (the earlier compact run's findings.csv gone)."""
    out = tmp_path / "out"
    batch(run, write_csv(tmp_path / "previous.csv", villages(20, seed=3)), out, "--findings", "compact")
    source = write_csv(tmp_path / "villages.csv", villages(300))
    argv = [_command(), "batch", str(source), "--kind", "village", "--out", str(out)]
    argv += ["--as-of", AS_OF.isoformat(), "--workers", "2", "--quiet"]
    reading, writing = _full_pipe()
    process = subprocess.Popen(
        argv, stdout=writing, stderr=subprocess.PIPE, start_new_session=True, preexec_fn=_default_signals
    )
    os.close(writing)
    try:
        deadline = time.monotonic() + 120
        published = False
        while not published and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
            with contextlib.suppress(OSError, ValueError):
                published = json.loads((out / "manifest.json").read_text("utf-8"))["input"]["path"] == str(source)
        assert published and process.poll() is None, "the batch never published, or did not wait on its output"
        if signum == signal.SIGINT:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
        printed = b""
        while chunk := os.read(reading, 1 << 16):
            printed += chunk
        _, errors = process.communicate(timeout=60)
    finally:
        os.close(reading)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    message = errors.decode()
    assert process.returncode == 0, message
    assert "输出 outputs:" in printed.decode("utf-8", "replace")
    late = [line for line in message.splitlines() if "came after the results were complete" in line]
    name = signal.Signals(signum).name
    assert late == [
        f"注意：{name} 在结果已完整写入 {out}/ 之后到达，批处理照常结束 / {name} came after the results were"
        f" complete in {out}/; the batch finished normally"
    ]
    assert "batch stopped" not in message and "Traceback" not in message and not _staging(out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is True and sorted(p.name for p in out.iterdir()) == sorted(manifest["outputs"])
    assert "findings.csv" not in manifest["outputs"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's parent-death signal is Linux's")
def test_workers_die_with_a_main_process_killed_outright(big_csv: Path, tmp_path: Path) -> None:
    """SIGKILL leaves the main process no chance to stop its workers: the kernel ends them instead."""
    out = tmp_path / "out"
    argv = [_command(), "batch", str(big_csv), "--kind", "village", "--out", str(out), "--workers", "2", "--quiet"]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while len(_descendants(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        while _staging(out) is None and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = _descendants(process.pid)
        assert len(workers) >= 2
        process.kill()
        process.wait()
        gone = time.monotonic() + 2.0
        while [pid for pid in workers if _alive(pid)] and time.monotonic() < gone:
            time.sleep(0.05)
        assert not [pid for pid in workers if _alive(pid)], "a worker outlived its killed main process"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _held_then_released(report: Any) -> None:
    """In a forked child: SIGTERM while held must not end it; releasing the hold must."""
    from compliance.batch.stopping import terminable_in_worker

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    terminable_in_worker(False)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(0.2)
    report.send("alive while held")
    terminable_in_worker(True)
    report.send("alive after release")  # never reached: the pending SIGTERM ends the process first


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="signal masks are POSIX")
def test_a_worker_is_never_ended_half_way_through_sending_a_result() -> None:
    """SIGTERM reaches a worker only while it assesses: one cut off while writing its result to the pool's
    pipe would leave half a message there, and the pool's reader would wait for the rest for ever."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_held_then_released, args=(sending,))
    child.start()
    sending.close()
    child.join(10)
    messages = []
    with contextlib.suppress(EOFError):  # the child's end closes when it dies
        while receiving.poll(1):
            messages.append(receiving.recv())
    assert messages == ["alive while held"]
    assert child.exitcode == -signal.SIGTERM


def test_ctrl_c_in_any_command_is_a_stop_not_a_verdict_nor_a_traceback(tmp_path: Path) -> None:
    """Click's own handling says "Aborted!" and exits 1, which is the code for non-compliant. A check of many sites
    stopped by Ctrl-C once its first site is printed exits 130 with one line, no traceback."""
    example = (Path(__file__).resolve().parents[1] / "examples" / "village-compliant.yaml").read_text(encoding="utf-8")
    sites = []
    for number in range(300):
        path = tmp_path / f"v{number}.yaml"
        path.write_text(example.replace("JA-V-0001", f"JA-V-{number + 1000}"), encoding="utf-8")
        sites.append(str(path))
    process = subprocess.Popen(
        [_command(), "check", *sites, "--as-of", "2026-06-30"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},  # the first site's line arrives as it is printed, not at 8 KiB
    )
    assert process.stdout is not None
    process.stdout.readline()  # the first site is out: the command is running, its modules loaded
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=120)
    message = errors.decode()
    assert process.returncode == 130 and "已中断 / interrupted" in message, message
    assert "Traceback" not in message and "Aborted" not in message
