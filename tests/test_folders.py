"""Folders as inputs: walked like ruff and Vale do, with exclude and .gitignore honoured."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from unitcheck.cli import main
from unitcheck.text.reading import expand_paths

FLAGGED = "Troops seized more than 400m2 of the region in a week.\n"
QUIET = "The bridge is 40 metres long and opened on Friday.\n"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """A small repository of copy: a .git folder, a .gitignore, stories in subfolders."""
    (tmp_path / ".git").mkdir()
    _write(tmp_path / ".gitignore", "drafts/\n*.tmp.md\n")
    _write(tmp_path / "news" / "b.md", FLAGGED)
    _write(tmp_path / "news" / "a.txt", FLAGGED)
    _write(tmp_path / "news" / "deep" / "c.html", f"<p>{FLAGGED}</p>")
    _write(tmp_path / "news" / "notes.csv", "400m2,x\n")  # not a copy suffix
    _write(tmp_path / "news" / ".hidden.md", FLAGGED)  # hidden
    _write(tmp_path / "news" / "x.tmp.md", FLAGGED)  # git-ignored by pattern
    _write(tmp_path / "drafts" / "d.md", FLAGGED)  # git-ignored folder
    _write(tmp_path / "archive" / "e.md", FLAGGED)  # excluded by the config
    _write(tmp_path / ".unitcheck.toml", 'exclude = ["archive/**"]\n')
    return tmp_path


def _paths(result_output: str) -> list[str]:
    return [f["path"] for f in json.loads(result_output)["findings"]]


def test_folders_lint_walks_a_folder_sorted(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(newsroom)
    result = CliRunner().invoke(main, ["lint", ".", "-o", "json", "--fail-level", "warning"])
    assert result.exit_code == 1, result.output  # UC220 warnings, found in the folder
    paths = list(dict.fromkeys(_paths(result.stdout)))
    assert paths == ["news/a.txt", "news/b.md", "news/deep/c.html"]


def test_folders_order_is_deterministic(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(newsroom)
    got = expand_paths(["."]).files
    assert got == ("archive/e.md", "news/a.txt", "news/b.md", "news/deep/c.html")
    assert expand_paths(["news", "news/a.txt"]).files == got[1:]  # no file twice


def test_folders_default_action_paths_lint_exits_on_findings_not_usage(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # issue 9: `paths: "."` ended in ".: is a directory", exit 2
    monkeypatch.chdir(newsroom)
    result = CliRunner().invoke(main, ["lint", ".", "--fail-level", "never"])
    assert result.exit_code == 0, result.output
    assert "is a directory" not in result.output


def test_folders_extract_walks_too(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(newsroom)
    result = CliRunner().invoke(main, ["extract", "news", "-o", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    names = {Path(r["path"]).name for r in data.get("files", data.get("results", []))}
    assert names == {"a.txt", "b.md", "c.html"}, data


def test_folders_explicit_file_is_linted_even_when_ignored(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(newsroom)
    args = ["lint", "drafts/d.md", "archive/e.md", "-o", "json", "--fail-level", "never"]
    assert _paths(CliRunner().invoke(main, args).stdout) == ["drafts/d.md", "archive/e.md"]
    forced = CliRunner().invoke(main, [*args, "--force-exclude"])
    assert forced.exit_code == 0
    assert _paths(forced.stdout) == []


def test_folders_gitignore_negation_in_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    _write(tmp_path / ".gitignore", "*.md\n")
    _write(tmp_path / "a" / ".gitignore", "!keep.md\n")
    _write(tmp_path / "a" / "keep.md", QUIET)
    _write(tmp_path / "a" / "drop.md", QUIET)
    _write(tmp_path / "top.txt", QUIET)
    files = expand_paths([str(tmp_path)]).files
    rel = [os.path.relpath(f, tmp_path) for f in files]
    assert rel == [os.path.join("a", "keep.md"), "top.txt"]


def test_folders_gitignore_only_inside_a_git_work_tree(tmp_path: Path) -> None:
    _write(tmp_path / ".gitignore", "*.md\n")  # no .git: not a repository
    _write(tmp_path / "a.md", QUIET)
    assert [Path(f).name for f in expand_paths([str(tmp_path)]).files] == ["a.md"]


def test_folders_excluded_folder_is_not_entered(tmp_path: Path) -> None:
    _write(tmp_path / "archive" / "old" / "a.md", QUIET)
    _write(tmp_path / "b.md", QUIET)
    seen: list[str] = []

    def excluded(path: str) -> bool:
        seen.append(path)
        return Path(path).name == "archive"

    files = expand_paths([str(tmp_path)], excluded=excluded).files
    assert [Path(f).name for f in files] == ["b.md"]
    assert str(tmp_path / "archive") + "/" in seen  # a folder is asked about with its "/"
    assert not any(Path(p).name == "old" for p in seen)  # and never entered


def test_folders_empty_folder_is_one_line_exit_2_and_others_still_run(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    _write(empty / "photo.jpg", "not copy")
    good = _write(tmp_path / "good.txt", QUIET)
    result = CliRunner().invoke(main, ["extract", str(empty), str(good)])
    assert result.exit_code == 2
    errors = [x for x in result.stderr.splitlines() if x.startswith("unitcheck: error:")]
    assert len(errors) == 1 and "empty" in errors[0] and "no .txt" in errors[0]
    assert "40 metres" in result.stdout or "40 m" in result.stdout


def test_folders_output_over_a_walked_file_is_refused(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(newsroom)
    before = (newsroom / "news" / "b.md").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "news", "-o", "json:news/b.md"])
    assert result.exit_code == 2 and "refusing" in result.output
    assert (newsroom / "news" / "b.md").read_text(encoding="utf-8") == before
