"""Spans and parts: how a Dask worker reads its own records and writes its own results.

``jsonl_spans`` cuts a JSON Lines pairs file into byte ranges aligned to record lines;
``read_span`` reads one back. Whatever the sizes, blank lines, line ends or skipped
positions, the spans must give every record once, exactly as ``read_pairs`` does.
``check_part`` writes a chunk's lines to a part file; ``JsonlWriter`` appends parts in
the order it is given them, and ``recover_parts`` takes up the whole parts a stopped
run left.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from unitcheck.batch import BatchError
from unitcheck.batch_stream import (
    DEFAULT_CHUNK,
    JsonlWriter,
    PairRecord,
    PartTarget,
    Span,
    check_lines,
    check_part,
    done_positions,
    jsonl_spans,
    parts_folder,
    read_pairs,
    read_span,
    recover_parts,
)
from unitcheck.config import Settings

# Lines that hold no record, as text mode's strip() sees them: ASCII and Unicode spaces,
# the separators str.strip() removes but bytes.strip() does not, a lone carriage return
BLANKS = ["\n", "   \n", "\t\r\n", "\u3000\n", "\x1c\n", "\x85\n", "\r", "\u2028\n"]
# Texts with characters that end lines for str.splitlines() but not in a JSON line
TEXTS = ["It ran 5 km.", "Line\u2028break at 3 m.", "Odd\x85mark, 7 kg.", "Plain."]


def _random_file(rng: random.Random, path: Path) -> None:
    parts = ["\ufeff"] if rng.random() < 0.3 else []
    for k in range(rng.randint(0, 40)):
        if rng.random() < 0.2:
            parts.append(rng.choice(BLANKS))
            continue
        row = {"id": f"s{k}", "original": rng.choice(TEXTS), "revised": rng.choice(TEXTS)}
        end = rng.choice(["\n", "\r\n", "\r"])
        parts.append(json.dumps(row, ensure_ascii=rng.random() < 0.5) + end)
    if parts and rng.random() < 0.3:
        parts[-1] = parts[-1].rstrip("\r\n")  # no line end after the last record
    path.write_bytes("".join(parts).encode("utf-8"))


def _text_mode_ids(path: Path) -> list[str]:
    """The records' ids as text mode reads the file (universal newlines, utf-8-sig)."""
    with path.open(encoding="utf-8-sig") as stream:
        return [json.loads(line)["id"] for line in stream if line.strip()]


def test_spans_never_lose_or_double_a_record(tmp_path: Path) -> None:
    rng = random.Random(12)
    path = tmp_path / "p.jsonl"
    for _ in range(300):
        _random_file(rng, path)
        want = list(read_pairs(path))
        assert [r.id for r in want] == _text_mode_ids(path)
        size = rng.randint(1, 9)
        skip = {rng.randint(1, len(want) + 1) for _ in range(rng.randint(0, 3))}
        share = rng.choice([0, 1, 2, 3])
        spans = list(jsonl_spans(str(path), size, skip, share=share))
        got = [r for s in spans for r in read_span(s)]
        assert got == [r for r in want if r.n not in skip]
        assert all(0 < s.records <= size for s in spans)
        assert [s.records for s in spans] == [len(read_span(s)) for s in spans]


def test_spans_name_the_file_as_given_and_its_lines(tmp_path: Path, monkeypatch) -> None:
    # relative paths in records resolve as read_pairs resolves them; errors name the line
    monkeypatch.chdir(tmp_path)
    Path("p.jsonl").write_text(
        '{"original_path": "a.txt", "revised_path": "b.txt"}\n\n{"original": 5}\n',
        encoding="utf-8",
    )
    first, second = jsonl_spans("p.jsonl", 1)
    assert Path(first.path).is_absolute() and first.name == "p.jsonl"
    assert read_span(first) == [PairRecord(1, None, "a.txt", "b.txt")]
    assert (second.n, second.line) == (2, 3)
    with pytest.raises(BatchError, match=r"^p\.jsonl:3: 'original' must be a string"):
        read_span(second)


def test_guided_spans_shrink_towards_the_end(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    row = json.dumps({"original": "It is 5 km away.", "revised": "It is 5 mi away."})
    path.write_text((row + "\n") * 3000, encoding="utf-8")
    sizes = [s.records for s in jsonl_spans(str(path), 500, share=2)]
    assert sum(sizes) == 3000
    assert sizes[0] == 500 and max(sizes) == 500  # the bulk at the cap
    assert sizes == sorted(sizes, reverse=True)  # then smaller and smaller
    assert min(sizes[:-1]) >= DEFAULT_CHUNK  # never below a local chunk but the last
    assert sizes[-2] < 500
    # a small file is still shared out: every worker gets a span
    path.write_text((row + "\n") * 200, encoding="utf-8")
    small = [s.records for s in jsonl_spans(str(path), 500, share=2)]
    assert sum(small) == 200 and len(small) >= 2


def test_spans_leave_out_whole_done_runs(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"original": "1 m", "revised": "2 m"}\n' * 10, encoding="utf-8")
    spans = list(jsonl_spans(str(path), 4, skip={1, 2, 3, 4, 6}))
    assert [(s.n, s.records, sorted(s.skip)) for s in spans] == [(5, 3, [6]), (9, 2, [])]


def _records(k: int) -> list[PairRecord]:
    return [PairRecord(n, f"p{n}", None, None, f"Run {n} km.", f"Run {n} mi.")
            for n in range(k, k + 3)]


def test_check_part_writes_what_check_lines_returns(tmp_path: Path) -> None:
    settings = Settings()
    target = PartTarget(str(tmp_path), "jsonl")
    packed = check_lines(_records(1), settings)
    result = check_part(_records(1), settings, 7, target)
    assert result.text == "" and result.part == str(tmp_path / "part-00007.jsonl")
    assert Path(result.part).read_text(encoding="utf-8") == packed.text
    assert (result.counts, result.records) == (packed.counts, packed.records)
    assert not list(tmp_path.glob(".*.tmp"))  # renamed in whole
    assert check_part(_records(1), settings, 7, None) == packed  # no target: lines come back


def test_jsonl_writer_appends_parts_and_deletes_them(tmp_path: Path) -> None:
    settings = Settings()
    target = PartTarget(str(tmp_path), "jsonl")
    out = tmp_path / "out.jsonl"
    with out.open("w", encoding="utf-8") as stream:
        writer = JsonlWriter(stream)
        for index, k in enumerate((1, 4)):
            writer.write(index, check_part(_records(k), settings, index, target))
    want = check_lines(_records(1), settings).text + check_lines(_records(4), settings).text
    assert out.read_text(encoding="utf-8") == want
    assert not list(tmp_path.glob("part-*"))


def test_recover_parts_after_a_stop(tmp_path: Path) -> None:
    settings = Settings()
    out = tmp_path / "out.jsonl"
    folder = Path(parts_folder(str(out)))
    folder.mkdir()
    first = check_lines(_records(1), settings).text.splitlines(keepends=True)
    # the stop came while the second of pair 1-3's lines was being appended, and after
    # the part of pairs 4-6 was renamed in; pairs 7-9's part was still being written
    out.write_text(first[0] + first[1][:20], encoding="utf-8")
    check_part(_records(1), settings, 0, PartTarget(str(folder), "jsonl"))
    check_part(_records(4), settings, 1, PartTarget(str(folder), "jsonl"))
    (folder / ".part-00002.jsonl.tmp").write_text(first[0][:30], encoding="utf-8")
    done = done_positions(str(out))
    assert done == {1}
    added = recover_parts(str(out), done)
    assert added == {2, 3, 4, 5, 6}
    got = [json.loads(line)["n"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert got == [1, 2, 3, 4, 5, 6]  # each once: pair 1 was in the file already
    assert not list(folder.iterdir())


def test_span_pickles_small() -> None:
    import pickle

    span = Span("/data/pairs.jsonl", "pairs.jsonl", 10_000, 20_000, 33, 33, 1024)
    assert pickle.loads(pickle.dumps(span)) == span
    assert len(pickle.dumps(span)) < 200  # what crosses the wire instead of 1,024 texts


def test_parquet_spans_are_whole_row_groups(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from unitcheck.batch_stream import parquet_spans

    rng = random.Random(7)
    path = tmp_path / "p.parquet"
    for _ in range(40):
        rows = [{"id": f"r{k}", "original": rng.choice(TEXTS), "revised": rng.choice(TEXTS)}
                for k in range(rng.randint(1, 120))]
        group = rng.randint(1, 30)
        pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=group)
        want = list(read_pairs(path))
        skip = {rng.randint(1, len(rows)) for _ in range(rng.randint(0, 4))}
        size = rng.randint(group, 3 * group)  # a group never more than twice a span
        spans = parquet_spans(str(path), size, skip, share=rng.choice([0, 2]))
        assert spans is not None
        assert [r for s in spans for r in read_span(s)] == [r for r in want if r.n not in skip]
        assert all(s.kind == "parquet" and s.records > 0 for s in spans)
    # row groups much larger than a span: the client reads the file itself
    pq.write_table(pa.Table.from_pylist(rows * 3), path, row_group_size=1000)
    assert parquet_spans(str(path), 10) is None
