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


def test_dask_default_chunks_are_larger(pairs: Path, tmp_path: Path) -> None:
    # without --chunk-size a Dask task takes DASK_CHUNK pairs, a local worker DEFAULT_CHUNK
    pytest.importorskip("pyarrow.parquet")
    from unitcheck.batch_stream import DASK_CHUNK, DEFAULT_CHUNK

    n = 2 * len(golden())
    assert -(-n // DASK_CHUNK) < -(-n // DEFAULT_CHUNK)  # the pairs tell the two apart
    run("--pairs", str(pairs), "--results", str(tmp_path / "dask") + "/", "--dask", "local",
        "-j", "2")
    run("--pairs", str(pairs), "--results", str(tmp_path / "local") + "/", "-j", "1")
    assert len(list((tmp_path / "dask").glob("part-*.parquet"))) == -(-n // DASK_CHUNK)
    assert len(list((tmp_path / "local").glob("part-*.parquet"))) == -(-n // DEFAULT_CHUNK)
