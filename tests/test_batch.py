"""Batches of pairs: from CSV, from two folders, from git; and running them in parallel."""

from __future__ import annotations

import io
import operator
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from unitcheck.batch import (
    BatchError,
    GitError,
    Pair,
    pairs_from_csv,
    pairs_from_dirs,
    pairs_from_git,
    run_parallel,
    tty_progress,
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- CSV --------------------------------------------------------------------------------


def test_batch_csv_with_header_any_order(tmp_path: Path) -> None:
    csv = write(
        tmp_path / "jobs" / "pairs.csv",
        "id,revised,original,note\n"
        "s1,rev/a.md,orig/a.md,first\n"
        "\n"
        "# a comment row\n"
        "s2,/abs/b.txt,orig/b.txt,\n",
    )
    pairing = pairs_from_csv(csv)
    base = tmp_path / "jobs"
    assert pairing.pairs == (
        Pair(str(base / "orig/a.md"), str(base / "rev/a.md"), "s1"),
        Pair(str(base / "orig/b.txt"), "/abs/b.txt", "s2"),
    )
    assert pairing.only_original == () and pairing.only_revised == ()


def test_batch_csv_without_header(tmp_path: Path) -> None:
    csv = write(tmp_path / "p.csv", "a.md,b.md\nc.md,d.md,story-7\n")
    pairs = pairs_from_csv(csv).pairs
    assert [(Path(p.original).name, Path(p.revised).name, p.id) for p in pairs] == [
        ("a.md", "b.md", None),
        ("c.md", "d.md", "story-7"),
    ]


def test_batch_csv_quoted_paths_and_bom(tmp_path: Path) -> None:
    csv = tmp_path / "p.csv"
    csv.write_bytes(b'\xef\xbb\xbforiginal,revised\n"my, story.md","their story.md"\n')
    (pair,) = pairs_from_csv(csv).pairs
    assert Path(pair.original).name == "my, story.md"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        # a row with one column, reported with its line number
        ("a.md,b.md\nc.md\n", ":2: the revised path is missing"),
        # an empty original cell
        ("original,revised\n,b.md\n", ":2: the original path is missing"),
        # too many columns without a header
        ("a.md,b.md,x,y\n", ":1: expected 2 or 3 columns, found 4"),
        # a header without the revised column
        ("original,revisd\na.md,b.md\n", ":1: the header has no 'revised' column"),
        # the same id twice
        ("a.md,b.md,s1\nc.md,d.md,s1\n", ":2: id 's1' already used on line 1"),
    ],
)
def test_batch_csv_bad_rows(tmp_path: Path, body: str, message: str) -> None:
    csv = write(tmp_path / "p.csv", body)
    with pytest.raises(BatchError) as info:
        pairs_from_csv(csv)
    assert str(info.value) == f"{csv}{message}"


def test_batch_csv_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="no such file"):
        pairs_from_csv(tmp_path / "nope.csv")


def test_batch_csv_not_utf8(tmp_path: Path) -> None:
    csv = tmp_path / "p.csv"
    csv.write_bytes(b"a\xff.md,b.md\n")
    with pytest.raises(BatchError, match="not UTF-8"):
        pairs_from_csv(csv)


# --- folders ----------------------------------------------------------------------------


def test_batch_dirs_pair_by_relative_path(tmp_path: Path) -> None:
    o, r = tmp_path / "orig", tmp_path / "rev"
    for rel in ("a.md", "wire/b.txt", "only-orig.html", "archive/old.md", ".hidden.md", "x.png"):
        write(o / rel, "5 km")
    for rel in ("a.md", "wire/b.txt", "only-rev.htm", "archive/old.md", ".git/c.md"):
        write(r / rel, "5 km")
    pairing = pairs_from_dirs(o, r, exclude=["archive/**"])
    assert [p.id for p in pairing.pairs] == ["a.md", "wire/b.txt"]
    assert pairing.pairs[1] == Pair(str(o / "wire/b.txt"), str(r / "wire/b.txt"), "wire/b.txt")
    assert pairing.only_original == (str(o / "only-orig.html"),)
    assert pairing.only_revised == (str(r / "only-rev.htm"),)


def test_batch_dirs_missing_folder(tmp_path: Path) -> None:
    (tmp_path / "rev").mkdir()
    with pytest.raises(BatchError, match="not a folder"):
        pairs_from_dirs(tmp_path / "orig", tmp_path / "rev")


# --- git --------------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.invalid", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


# Enough unchanged lines for git to see a rename with an edit as a rename.
LONG = "".join(f"Paragraph {n} of the story, unchanged.\n\n" for n in range(12))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with a main branch and a feature branch that edits copy."""
    root = tmp_path / "newsroom"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root / "news" / "dam.md", "The dam is 60 m tall.\n")
    write(root / "news" / "road.txt", "The road is 12 km.\n")
    write(root / "news" / "gone.html", "<p>5 km</p>\n")
    write(root / "news" / "old-name.md", LONG + "It weighs 5 tonnes.\n")
    write(root / "code.py", "x = 1\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feature")
    write(root / "news" / "dam.md", "The dam is 60 ft tall.\n")
    (root / "news" / "gone.html").unlink()
    git(root, "mv", "news/old-name.md", "news/new-name.md")
    write(root / "news" / "new-name.md", LONG + "It weighs 5 tons.\n")
    write(root / "news" / "added.md", "New: 3 km.\n")
    write(root / "code.py", "x = 2\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "edit")
    # uncommitted edits count too, and a new untracked story is listed as added
    write(root / "news" / "road.txt", "The road is 12 miles.\n")
    write(root / "news" / "draft.txt", "Draft: 4 km.\n")
    return root


@needs_git
def test_batch_git_pairs_changed_copy_with_base_text(repo: Path) -> None:
    pairing = pairs_from_git("main", cwd=repo)
    by_id = {p.id: p for p in pairing.pairs}
    assert sorted(by_id) == ["news/dam.md", "news/new-name.md", "news/road.txt"]
    dam = by_id["news/dam.md"]
    assert dam.original == "main:news/dam.md"
    assert dam.original_bytes == b"The dam is 60 m tall.\n"
    assert dam.revised == "news/dam.md"
    assert Path(repo, dam.revised).read_text() == "The dam is 60 ft tall.\n"
    renamed = by_id["news/new-name.md"]
    assert renamed.original == "main:news/old-name.md"
    assert renamed.original_bytes == (LONG + "It weighs 5 tonnes.\n").encode()
    assert by_id["news/road.txt"].original_bytes == b"The road is 12 km.\n"  # uncommitted edit
    assert pairing.only_original == ("main:news/gone.html",)
    assert pairing.only_revised == ("news/added.md", "news/draft.txt")


@needs_git
def test_batch_git_from_subfolder_and_with_paths(repo: Path) -> None:
    pairing = pairs_from_git("main", paths=["dam.md"], cwd=repo / "news")
    assert [(p.revised, p.id) for p in pairing.pairs] == [("dam.md", "news/dam.md")]
    assert pairing.only_revised == ()


@needs_git
def test_batch_git_uses_merge_base_not_tip(repo: Path) -> None:
    # main moves on after the branch point: its new text must not be the original
    git(repo, "stash", "-u", "-q")
    git(repo, "checkout", "-q", "main")
    write(repo / "news" / "dam.md", "The dam is 61 m tall.\n")
    git(repo, "commit", "-q", "-am", "main moves")
    git(repo, "checkout", "-q", "feature")
    git(repo, "stash", "pop", "-q")
    (dam,) = [p for p in pairs_from_git("main", cwd=repo).pairs if p.id == "news/dam.md"]
    assert dam.original_bytes == b"The dam is 60 m tall.\n"


@needs_git
def test_batch_git_bad_ref(repo: Path) -> None:
    with pytest.raises(GitError, match="unknown git ref 'origin/nope'") as info:
        pairs_from_git("origin/nope", cwd=repo)
    assert "git fetch origin nope" in str(info.value)


@needs_git
def test_batch_git_not_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(GitError, match="not a git repository"):
        pairs_from_git("main", cwd=tmp_path)


def test_batch_git_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GitError, match="git is not installed"):
        pairs_from_git("main", cwd=tmp_path)


# --- running ----------------------------------------------------------------------------


def test_batch_run_parallel_sequential_with_progress() -> None:
    seen: list[tuple[int, int]] = []
    out = run_parallel(operator.neg, [1, 2, 3], 1, progress=lambda d, t: seen.append((d, t)))
    assert out == [-1, -2, -3]
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_batch_run_parallel_processes_keep_order() -> None:
    items = list(range(40))
    seen: list[int] = []
    assert run_parallel(operator.neg, items, 3, progress=lambda d, t: seen.append(d)) == [
        -x for x in items
    ]
    assert seen == list(range(1, 41))


def test_batch_run_parallel_error_propagates() -> None:
    with pytest.raises(TypeError):
        run_parallel(operator.neg, [1, "x", 3], 2)


def test_batch_run_parallel_empty() -> None:
    assert run_parallel(operator.neg, [], 4) == []


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_batch_progress_only_on_a_terminal() -> None:
    with tty_progress(5, "linted", io.StringIO()) as report:
        assert report is None  # piped or CI output: no bar at all
    with tty_progress(1, "linted", FakeTTY()) as report:
        assert report is None  # one item: nothing worth a bar


def test_batch_progress_bar_shows_count_rate_and_eta() -> None:
    stream = FakeTTY()
    with tty_progress(4, "linted", stream) as report:
        assert report is not None
        for done in range(1, 5):
            time.sleep(0.02)
            report(done, 4)
    out = stream.getvalue()
    assert "linted" in out and "4/4" in out
    assert "ETA" in out and re.search(r"\d+\.\d/s", out)  # items per second
