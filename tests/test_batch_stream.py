"""Streamed batches: pairs from JSON Lines, Parquet and CSV, results one line a pair.

The pairs are the golden compare cases, so every result can be checked against the
findings each case expects.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from unitcheck import compare
from unitcheck.batch import BatchError
from unitcheck.batch_stream import PairRecord, done_positions, read_pairs
from unitcheck.cli import main

CASES = sorted((Path(__file__).parent / "cases" / "compare").glob("*.toml"))


def golden() -> list[dict[str, object]]:
    out = []
    for path in CASES:
        case = tomllib.loads(path.read_text(encoding="utf-8"))
        codes = sorted(e["code"] for e in case.get("expect", []))
        out.append({"id": path.stem, "original": case["original"], "revised": case["revised"],
                    "codes": codes})
    return out


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps({k: v for k, v in row.items() if k != "codes"}) + "\n")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["compare", "--no-config", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- reading ----------------------------------------------------------------------------


def test_batch_stream_jsonl_texts_and_paths(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("It is 5 km.", encoding="utf-8")
    src = tmp_path / "pairs.jsonl"
    src.write_text(
        '{"id": "t1", "original": "It is 5 km.", "revised": "It is 5 miles."}\n'
        "\n"
        '{"original_path": "a.md", "revised_path": "/abs/b.md", "id": 7}\n'
        '{"original": "<p>5 km</p>", "revised": "<p>5 mi</p>", "format": "html"}\n',
        encoding="utf-8",
    )
    assert list(read_pairs(src)) == [
        PairRecord(1, "t1", None, None, "It is 5 km.", "It is 5 miles."),
        PairRecord(2, "7", str(tmp_path / "a.md"), "/abs/b.md"),
        PairRecord(3, None, None, None, "<p>5 km</p>", "<p>5 mi</p>", "html"),
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        # a line that is not JSON, pointed at by its line number
        ('{"original": "a", "revised": "b"}\n{oops\n', ":2: not a JSON object"),
        # neither the text nor the path of a side
        (
            '{"original": "a"}\n',
            ":1: give one of 'revised' (the text) and 'revised_path', not neither",
        ),
        # both the text and the path of a side
        ('{"original": "a", "original_path": "x", "revised": "b"}\n', ":1: give one of 'original'"),
        # a text that is not a string
        ('{"original": 5, "revised": "b"}\n', ":1: 'original' must be a string"),
        # an unknown format
        ('{"original": "a", "revised": "b", "format": "pdf"}\n', ":1: format must be"),
    ],
)
def test_batch_stream_jsonl_bad_rows(tmp_path: Path, body: str, message: str) -> None:
    src = tmp_path / "p.jsonl"
    src.write_text(body, encoding="utf-8")
    with pytest.raises(BatchError) as info:
        list(read_pairs(src))
    assert str(info.value).startswith(f"{src}{message}")


def test_batch_stream_parquet_reads_like_jsonl(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = golden()[:5]
    table = pa.Table.from_pylist([{k: r[k] for k in ("id", "original", "revised")} for r in rows])
    pq.write_table(table, tmp_path / "p.parquet", row_group_size=2)
    write_jsonl(tmp_path / "p.jsonl", rows)
    assert list(read_pairs(tmp_path / "p.parquet")) == list(read_pairs(tmp_path / "p.jsonl"))


def test_batch_stream_reads_lazily(tmp_path: Path) -> None:
    # a bad line far down is met only when reading gets there: nothing is read ahead
    src = tmp_path / "p.jsonl"
    src.write_text('{"original": "a", "revised": "b"}\n' * 3 + "{bad\n", encoding="utf-8")
    records = read_pairs(src)
    assert [next(records).n for _ in range(3)] == [1, 2, 3]
    with pytest.raises(BatchError, match=":4:"):
        next(records)


# --- results ----------------------------------------------------------------------------


def test_batch_stream_results_match_golden_expectations(tmp_path: Path) -> None:
    rows = golden()
    src = write_jsonl(tmp_path / "pairs.jsonl", rows)
    code, _, err = run("--pairs", str(src), "--results", str(tmp_path / "out.jsonl"))
    out = lines(tmp_path / "out.jsonl")
    assert [r["n"] for r in out] == list(range(1, len(rows) + 1))
    assert [r["id"] for r in out] == [r["id"] for r in rows]
    for row, result in zip(rows, out, strict=True):
        got = sorted(f["code"] for f in result["findings"])
        direct = compare(str(row["original"]), str(row["revised"]))
        assert got == sorted(f.code for f in direct.findings), row["id"]
        assert set(row["codes"]) <= set(got), row["id"]  # every expected finding is there
    assert code == 1  # the golden cases hold errors
    assert f"in {len(rows)} pairs (results in {tmp_path / 'out.jsonl'})" in err


def test_batch_stream_processes_give_the_same_bytes(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "pairs.jsonl", golden() * 3)
    run("--pairs", str(src), "--results", str(tmp_path / "one.jsonl"))
    run("--pairs", str(src), "--results", str(tmp_path / "two.jsonl"), "-j", "2",
        "--chunk-size", "5")
    run("--pairs", str(src), "--results", str(tmp_path / "any.jsonl"), "-j", "2",
        "--chunk-size", "5", "--unordered")
    one = (tmp_path / "one.jsonl").read_text(encoding="utf-8")
    assert (tmp_path / "two.jsonl").read_text(encoding="utf-8") == one
    unordered = (tmp_path / "any.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(unordered) == sorted(one.splitlines())


def test_batch_stream_stdout_by_default_for_jsonl_pairs(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "pairs.jsonl", golden()[1:2])
    code, out, _ = run("--pairs", str(src))
    (result,) = [json.loads(line) for line in out.splitlines()]
    assert result["id"] == "002_unit_miles_to_km"
    (finding,) = result["findings"]
    assert (finding["code"], finding["a"]["text"], finding["b"]["text"]) == (
        "UC101", "30 miles", "30km")
    assert code == 1


def test_batch_stream_csv_of_paths_and_unreadable_pair(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The road is 30 miles long.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The road is 30km long.", encoding="utf-8")
    csv = tmp_path / "pairs.csv"
    csv.write_text("original,revised,id\na.txt,b.txt,good\na.txt,missing.txt,bad\n",
                   encoding="utf-8")
    code, _, err = run("--pairs", str(csv), "--results", str(tmp_path / "out.jsonl"))
    good, bad = lines(tmp_path / "out.jsonl")
    assert good["revised"] == str(tmp_path / "b.txt")
    assert [f["code"] for f in good["findings"]] == ["UC101"]
    assert good["findings"][0]["path"] == str(tmp_path / "b.txt")
    assert bad["id"] == "bad" and "missing.txt" in bad["error"] and bad["findings"] == []
    assert code == 2 and "1 could not be checked" in err


def test_batch_stream_resume_skips_what_was_written(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "pairs.jsonl", golden())
    full = tmp_path / "full.jsonl"
    run("--pairs", str(src), "--results", str(full))
    expected = full.read_text(encoding="utf-8").splitlines(keepends=True)
    # a run stopped after 20 pairs, halfway through writing the 21st line
    part = tmp_path / "part.jsonl"
    marked = json.loads(expected[4])
    marked["findings"] = "kept"  # proof that pair 5 is not checked again
    head = [*expected[:4], json.dumps(marked, ensure_ascii=False) + "\n", *expected[5:20]]
    part.write_text("".join(head) + expected[20][:37], encoding="utf-8")
    assert len(done_positions(str(part))) == 20
    assert part.read_text(encoding="utf-8") == "".join(head)  # the torn line is cut off
    part.write_text("".join(head) + expected[20][:37], encoding="utf-8")
    _, _, err = run("--pairs", str(src), "--results", str(part), "--resume")
    assert "20 pairs already done" in err
    got = part.read_text(encoding="utf-8").splitlines(keepends=True)
    assert got == [*head, *expected[20:]]


def test_batch_stream_parquet_results(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    rows = golden()
    src = write_jsonl(tmp_path / "pairs.jsonl", rows)
    run("--pairs", str(src), "--results", str(tmp_path / "out.jsonl"))
    run("--pairs", str(src), "--results", str(tmp_path / "parts") + "/", "--chunk-size", "10")
    parts = sorted((tmp_path / "parts").iterdir())
    assert [p.name for p in parts] == [f"part-{i:05d}.parquet" for i in range(-(-len(rows) // 10))]
    got = [r for p in parts for r in pq.read_table(p).to_pylist()]
    for row in got:
        row["findings"] = json.loads(row["findings"])
    assert got == lines(tmp_path / "out.jsonl")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        # resuming needs a file to read back, not the stdout JSON Lines pairs go to
        (["--resume"], "--resume needs --results FILE.jsonl"),
        # results stream; reports need everything in memory
        (["--results", "out.jsonl", "-o", "json"], "not -o/--format reports"),
        # resume cannot continue a stream on stdout
        (["--results", "-", "--resume"], "--resume needs --results FILE.jsonl"),
    ],
)
def test_batch_stream_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    src = write_jsonl(tmp_path / "pairs.jsonl", golden()[:1])
    code, _, err = run("--pairs", str(src), *args)
    assert code == 2 and message in err


def test_batch_stream_results_need_a_batch(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("5 km", encoding="utf-8")
    code, _, err = run(str(a), str(a), "--results", "out.jsonl")
    assert code == 2 and "go with --pairs or --orig-dir" in err


# --- Ctrl-C -----------------------------------------------------------------------------


def _as_from_a_terminal() -> None:
    # A job started in the background of a non-interactive shell (as CI may start this
    # suite) inherits SIGINT ignored, and Python then installs no Ctrl-C handler; a
    # person's terminal gives the default, which is what these tests are about.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interrupt(tmp_path: Path, *args: str) -> tuple[int, list[int], float]:
    """Start a big batch, press Ctrl-C once it is under way; its status, workers, delay."""
    src = write_jsonl(tmp_path / "pairs.jsonl", golden() * 200)
    return _interrupt_command(tmp_path, "--pairs", str(src), *args)


def _interrupt_command(tmp_path: Path, *args: str) -> tuple[int, list[int], float]:
    """Run ``compare -j 2 ARGS``, press Ctrl-C once both workers are busy checking."""
    psutil = pytest.importorskip("psutil")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "unitcheck", "compare", "--no-config", "-j", "2", *args],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        preexec_fn=_as_from_a_terminal,
    )
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while time.monotonic() < deadline:
            kids = psutil.Process(proc.pid).children(recursive=True)
            busy = [k for k in kids if k.cpu_times().user > 1.0]  # warm and checking
            if len(busy) >= 2:
                workers = [k.pid for k in kids]
                break
            time.sleep(0.2)
        assert workers, "the workers never started"
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        status = proc.wait(timeout=20)
        delay = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    time.sleep(0.5)
    alive = [p for p in workers if psutil.pid_exists(p)
             and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]
    return status, alive, delay


def test_batch_stream_ctrl_c_ends_workers_and_exits_130(tmp_path: Path) -> None:
    status, alive, _ = _interrupt(tmp_path, "--results", "out.jsonl")
    assert status == 130 and alive == []
    text = (tmp_path / "out.jsonl").read_text(encoding="utf-8")
    assert text == "" or text.endswith("\n")  # whole lines only: --resume can go on


def test_batch_ctrl_c_leaves_no_partial_report(tmp_path: Path) -> None:
    csv = tmp_path / "pairs.csv"
    for side in ("a", "b"):
        (tmp_path / f"{side}.txt").write_text("The road is 30 miles long. " * 40, encoding="utf-8")
    csv.write_text("".join(f"a.txt,b.txt,p{n}\n" for n in range(6000)), encoding="utf-8")
    (tmp_path / "pairs.jsonl").unlink(missing_ok=True)
    status, alive, _ = _interrupt_command(
        tmp_path, "--pairs", str(csv), "-o", "json:report.json"
    )
    assert status == 130 and alive == []
    assert not (tmp_path / "report.json").exists()


# --- the rest ---------------------------------------------------------------------------


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_batch_stream_progress_bar_counts_the_pairs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from unitcheck import batch, batch_stream

    terminal = FakeTTY()
    real = batch.tty_progress
    monkeypatch.setattr(batch, "tty_progress", lambda total, verb: real(total, verb, terminal))
    monkeypatch.setattr(batch_stream, "on_terminal", lambda: True)
    src = write_jsonl(tmp_path / "pairs.jsonl", golden()[:12])
    run("--pairs", str(src), "--results", str(tmp_path / "out.jsonl"), "--chunk-size", "5")
    drawn = terminal.getvalue()
    assert "compared" in drawn and "12/12" in drawn and "ETA" in drawn
    assert len(lines(tmp_path / "out.jsonl")) == 12


def test_batch_stream_job_is_pure_and_pickles() -> None:
    from unitcheck.batch_stream import ChunkResult, check_chunk, check_lines
    from unitcheck.config import Settings

    rows = golden()[:4]
    chunk = [PairRecord(n, str(r["id"]), None, None, str(r["original"]), str(r["revised"]))
             for n, r in enumerate(rows, 1)]
    first = check_chunk(chunk, Settings())
    assert pickle.loads(pickle.dumps(first)) == first == check_chunk(chunk, Settings())
    packed = check_lines(chunk, Settings())  # what crosses to the writer: one string, counts
    assert pickle.loads(pickle.dumps(packed)) == packed == ChunkResult.of(first)
    assert packed.text == "".join(o.line + "\n" for o in first if o.line is not None)
    assert (packed.counts.pairs, packed.records) == (4, 4)
    assert (packed.counts.errors, packed.counts.warnings, packed.counts.infos) == tuple(
        sum(o.counts[i] for o in first) for i in range(3)
    )
    assert packed.counts.worst == max(o.worst for o in first)
    direct = compare(str(rows[1]["original"]), str(rows[1]["revised"]))
    assert pickle.loads(pickle.dumps(direct)) == direct  # a Comparison crosses processes


def test_batch_stream_excluded_pairs_are_passed_over(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.unitcheck]\nexclude = ["wire/**"]\n',
                                            encoding="utf-8")
    for name in ("a.txt", "wire/b.txt", "b.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("The road is 30 miles long.", encoding="utf-8")
    csv = tmp_path / "pairs.csv"
    csv.write_text("a.txt,wire/b.txt,skipped\na.txt,b.txt,kept\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", "--pairs", str(csv), "--results", "-"])
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["kept"]
    assert result.exit_code == 0


def test_batch_stream_bad_record_stops_the_run(tmp_path: Path) -> None:
    src = tmp_path / "pairs.jsonl"
    src.write_text('{"original": "5 km", "revised": "5 mi"}\n' * 2 + '{"original": 1}\n',
                   encoding="utf-8")
    code, _, err = run("--pairs", str(src), "--results", str(tmp_path / "out.jsonl"), "-j", "2")
    assert code == 2 and f"{src}:3: 'original' must be a string" in err


def test_batch_stream_recycled_workers_give_the_same_lines(tmp_path: Path) -> None:
    from unitcheck.batch_stream import JsonlWriter, chunks, run_local
    from unitcheck.config import Settings

    src = write_jsonl(tmp_path / "pairs.jsonl", golden()[:16])
    one, recycled = io.StringIO(), io.StringIO()
    run_local(chunks(read_pairs(src), 4), Settings(), JsonlWriter(one), jobs=1)
    tally = run_local(
        chunks(read_pairs(src), 4), Settings(), JsonlWriter(recycled), jobs=2, recycle=8
    )  # a fresh pool after 2 chunks: 2 pools in all
    assert recycled.getvalue() == one.getvalue() and tally.pairs == 16


_HALF_SENT = """
import concurrent.futures, multiprocessing, os, struct, time
from unitcheck.batch_stream import end_pool

def busy(payload):
    time.sleep(120)

if __name__ == "__main__":
    pool = concurrent.futures.ProcessPoolExecutor(
        1, mp_context=multiprocessing.get_context("spawn"))
    pool.submit(int).result()  # the worker runs
    pool.submit(busy, b"")  # and is busy from now on
    pool.submit(busy, b"x" * 4_000_000)  # more than the task pipe holds: the sender blocks
    time.sleep(1)
    # half a result, as from a worker ended while sending one: 1000 bytes said, 10 sent
    os.write(pool._result_queue._writer.fileno(), struct.pack("!i", 1000) + b"x" * 10)
    time.sleep(1)
    end_pool(pool)
    print("ended", flush=True)
"""


def test_batch_pool_ended_mid_message_lets_the_process_exit(tmp_path: Path) -> None:
    # Ctrl-C can end a worker while it sends a result, or while a chunk is being sent
    # to it; the pool's threads then wait on pipes no one will finish, and Python used
    # to hang at exit joining them (a Ctrl-C in twenty). end_pool leaves nothing to wait on.
    script = tmp_path / "half_sent.py"
    script.write_text(_HALF_SENT, encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                              timeout=90)
    except subprocess.TimeoutExpired:
        pytest.fail("the process hung at exit after end_pool")
    assert done.stdout == "ended\n", done.stderr


class _Chunk:
    """A future of the fake pool below: done when the test says so, never waited on."""

    def __init__(self, index: int) -> None:
        self.index, self.done = index, False

    def result(self) -> object:
        assert self.done, "the runner waited on a chunk that is not done"
        from unitcheck.batch_stream import ChunkResult, Tally

        return ChunkResult(f"{self.index}\n", Tally(pairs=1), records=1)


def test_batch_stream_a_slow_chunk_does_not_stop_the_others() -> None:
    # Chunk 0 is slow: every other chunk finishes first. The runner keeps submitting
    # while chunk 0 runs, up to a window of finished chunks held for the ordered
    # output, and never more; the output is still in input order.
    from unitcheck.batch_stream import drive

    window, submitted, written = 2, [], []
    running: list[_Chunk] = []

    def submit(chunk: list[PairRecord]) -> _Chunk:
        future = _Chunk(len(submitted))
        submitted.append(future)
        running.append(future)
        assert len(submitted) - len(written) <= 2 * window  # running and held, bounded
        return future

    def wait_first(futures: set[_Chunk]) -> set[_Chunk]:
        others = [f for f in running if f.index != 0 and f in futures]
        future = others[-1] if others else next(f for f in running if f.index == 0)
        if future.index == 0:
            head_done_at.append(len(submitted))
        future.done = True
        running.remove(future)
        return {future}

    class Lines:
        def write(self, index: int, chunk: object) -> None:
            written.append(index)

        def close(self) -> None:
            pass

    head_done_at: list[int] = []
    chunks = [[PairRecord(n)] for n in range(10)]
    tally = drive(submit, wait_first, chunks, Lines(), window=window)
    assert written == list(range(10)) and tally.pairs == 10
    assert head_done_at == [2 * window]  # chunk 0's wait did not hold the others up


def test_batch_stream_recycled_pool_is_gone_before_the_next_starts() -> None:
    from unitcheck.batch_stream import _Pools, check_lines
    from unitcheck.config import Settings

    rows = golden()[:2]
    chunk = [PairRecord(n, None, None, None, str(r["original"]), str(r["revised"]))
             for n, r in enumerate(rows, 1)]
    pools = _Pools(1, recycle=2)
    try:
        first = pools.submit(check_lines, chunk, Settings())
        old = list(pools.all[0]._processes.values())
        second = pools.submit(check_lines, chunk, Settings())  # 2 pairs taken: a fresh pool
        assert len(pools.all) == 2 and first.done()
        assert old and not any(p.is_alive() for p in old)  # never two pools at once
        assert second.result() == first.result()
    finally:
        pools.close()
