"""``compare --dask``: the same chunks and the same pure job on a 2-worker LocalCluster.

Skipped when Dask distributed is not installed (``pip install "unitcheck[dask]"``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from test_batch_stream import golden, run, write_jsonl  # noqa: E402


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dask")
    return write_jsonl(folder / "pairs.jsonl", golden() * 2)


def test_dask_local_cluster_matches_one_process(pairs: Path, tmp_path: Path) -> None:
    one, dask = tmp_path / "one.jsonl", tmp_path / "dask.jsonl"
    code_one, _, _ = run("--pairs", str(pairs), "--results", str(one))
    code, _, err = run(
        "--pairs", str(pairs), "--results", str(dask), "--dask", "local", "-j", "2",
        "--chunk-size", "8",
    )
    assert dask.read_bytes() == one.read_bytes()
    assert code == code_one == 1
    assert f"in {2 * len(golden())} pairs" in err


def test_dask_partitioned_parquet_matches_one_process(pairs: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    one = tmp_path / "one.jsonl"
    run("--pairs", str(pairs), "--results", str(one))
    run("--pairs", str(pairs), "--results", str(tmp_path / "out.parquet"), "--dask", "local",
        "-j", "2", "--chunk-size", "16", "--unordered")
    parts = sorted((tmp_path / "out.parquet").glob("part-*.parquet"))
    assert len(parts) == -(-2 * len(golden()) // 16)
    rows = [r for p in parts for r in pq.read_table(p).to_pylist()]
    for row in rows:
        row["findings"] = json.loads(row["findings"])
    assert rows == [json.loads(line) for line in one.read_text(encoding="utf-8").splitlines()]


def test_dask_unreachable_scheduler(pairs: Path) -> None:
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code, _, err = run("--pairs", str(pairs), "--dask", "tcp://127.0.0.1:9", "--results", "-")
    assert code == 2 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err


def test_dask_lean_worker_settings_are_dask_settings() -> None:
    # a misspelt key would be set and read by no one: every one must name a setting
    import dask

    from unitcheck.batch_dask import LEAN_CONFIG

    for key, value in LEAN_CONFIG.items():
        assert type(dask.config.get(key)) is type(value), key


def test_dask_default_spans_are_guided(pairs: Path, tmp_path: Path) -> None:
    # without --chunk-size, tasks are the guided spans of the file (one Parquet part
    # each), not DASK_CHUNK records sent by the client
    pytest.importorskip("pyarrow.parquet")
    from unitcheck.batch_stream import DASK_CHUNK, DASK_SPAN, jsonl_spans

    n = 2 * len(golden())
    spans = list(jsonl_spans(str(pairs), DASK_SPAN, share=2))
    assert len(spans) != -(-n // DASK_CHUNK)  # the pairs tell the two apart
    run("--pairs", str(pairs), "--results", str(tmp_path / "dask") + "/", "--dask", "local",
        "-j", "2")
    assert len(list((tmp_path / "dask").glob("part-*.parquet"))) == len(spans)


def test_dask_leaves_no_parts_and_resumes_from_them(pairs: Path, tmp_path: Path) -> None:
    from unitcheck.batch_stream import parts_folder

    one, dask = tmp_path / "one.jsonl", tmp_path / "dask.jsonl"
    run("--pairs", str(pairs), "--results", str(one))
    expected = one.read_text(encoding="utf-8").splitlines(keepends=True)
    run("--pairs", str(pairs), "--results", str(dask), "--dask", "local", "-j", "2",
        "--chunk-size", "8")
    assert not Path(parts_folder(str(dask))).exists()  # each part appended and deleted
    # a stop after 10 lines were appended and pairs 17-24's part was written: the part
    # counts as done (its lines are marked, so a check again would show)
    folder = Path(parts_folder(str(dask)))
    folder.mkdir()
    marked = [line.replace('"findings": [', '"findings": ["kept", ', 1) for line in expected]
    (folder / "part-00002.jsonl").write_text("".join(marked[16:24]), encoding="utf-8")
    dask.write_text("".join(expected[:10]), encoding="utf-8")
    _, _, err = run("--pairs", str(pairs), "--results", str(dask), "--dask", "local", "-j", "2",
                    "--chunk-size", "8", "--resume")
    assert "18 pairs already done" in err
    got = dask.read_text(encoding="utf-8").splitlines(keepends=True)
    assert got[:18] == [*expected[:10], *marked[16:24]]
    assert got[18:] == [*expected[10:16], *expected[24:]]  # the rest, in input order
    assert not folder.exists()


def test_dask_falls_back_when_workers_cannot_see_the_files(
    pairs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # workers on other machines: the client reads the texts and takes the lines back
    from unitcheck import batch_dask

    seen: list[tuple[bool, bool]] = []

    def blind(client: object, path: object, target: object) -> tuple[bool, bool]:
        seen.append(real(client, path, target))
        return False, False

    real = batch_dask._shared
    monkeypatch.setattr(batch_dask, "_shared", blind)
    one, dask = tmp_path / "one.jsonl", tmp_path / "dask.jsonl"
    run("--pairs", str(pairs), "--results", str(one))
    run("--pairs", str(pairs), "--results", str(dask), "--dask", "local", "-j", "2",
        "--chunk-size", "16")
    assert seen == [(True, True)]  # a LocalCluster's workers do see them
    assert dask.read_bytes() == one.read_bytes()


def test_dask_worker_sees_only_the_same_file(tmp_path: Path) -> None:
    import os

    from unitcheck.batch_dask import _sees

    path = tmp_path / "p.jsonl"
    path.write_text("{}\n", encoding="utf-8")
    info = os.stat(path)
    assert _sees((str(path), info.st_size, info.st_mtime_ns), str(path)) == (True, True)
    assert _sees((str(path), info.st_size + 1, info.st_mtime_ns), None) == (False, False)
    assert _sees((str(tmp_path / "gone"), 1, 1), str(tmp_path / "gone")) == (False, False)


def test_dask_bad_record_names_its_line(tmp_path: Path) -> None:
    # the worker reading its span raises the error the client would have
    src = tmp_path / "pairs.jsonl"
    src.write_text('{"original": "5 km", "revised": "5 mi"}\n' * 2 + '{"original": 1}\n',
                   encoding="utf-8")
    code, _, err = run("--pairs", str(src), "--results", str(tmp_path / "out.jsonl"),
                       "--dask", "local", "-j", "2", "--chunk-size", "1")
    assert code == 2 and f"{src}:3: 'original' must be a string" in err


def test_dask_workers_read_parquet_row_groups(pairs: Path, tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from unitcheck.batch_stream import parquet_spans

    rows = [json.loads(line) for line in pairs.read_text(encoding="utf-8").splitlines()]
    src = tmp_path / "pairs.parquet"
    pq.write_table(pa.Table.from_pylist(rows), src, row_group_size=10)
    one = tmp_path / "one.jsonl"
    run("--pairs", str(src), "--results", str(one))
    run("--pairs", str(src), "--results", str(tmp_path / "parts") + "/", "--dask", "local",
        "-j", "2", "--chunk-size", "20")
    spans = parquet_spans(str(src), 20)
    assert spans is not None and len(spans) == -(-len(rows) // 20)
    parts = sorted((tmp_path / "parts").glob("part-*.parquet"))
    assert len(parts) == len(spans)  # a task a span of two row groups
    got = [r for p in parts for r in pq.read_table(p).to_pylist()]
    for row in got:
        row["findings"] = json.loads(row["findings"])
    assert got == [json.loads(line) for line in one.read_text(encoding="utf-8").splitlines()]
