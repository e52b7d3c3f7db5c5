"""CLI with configuration files, suppression comments, markup inputs and batch modes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from unitcheck.cli import main

ORIGINAL = "The new bridge spans 30 miles of open water, engineers said.\n"
BROKEN = "The new bridge spans 30km of open water, engineers said.\n"
CLEAN_MD = "# Bridge\n\nThe new bridge spans 30 miles of open water, engineers said.\n"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _json(result) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(result.stdout)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# -- configuration ----------------------------------------------------------------


def test_nearest_config_applies_to_each_input(runner: CliRunner, tmp_path: Path) -> None:
    a = _write(tmp_path / "desk" / "a.txt", ORIGINAL)
    b = _write(tmp_path / "desk" / "b.txt", BROKEN)
    _write(tmp_path / "desk" / ".unitcheck.toml", '[severity]\nUC101 = "warning"\n')
    result = runner.invoke(main, ["compare", str(a), str(b), "--format", "json"])
    assert result.exit_code == 0, result.output  # downgraded to a warning: no failure
    assert [f["severity"] for f in _json(result)["findings"]] == ["warning"]


def test_pyproject_table_and_flags_win(runner: CliRunner, tmp_path: Path) -> None:
    a = _write(tmp_path / "a.txt", ORIGINAL)
    b = _write(tmp_path / "b.txt", BROKEN)
    _write(tmp_path / "pyproject.toml", '[tool.unitcheck]\nfail-level = "never"\n')
    assert runner.invoke(main, ["compare", str(a), str(b)]).exit_code == 0
    assert runner.invoke(main, ["compare", str(a), str(b), "--fail-level", "error"]).exit_code == 1
    assert runner.invoke(main, ["compare", str(a), str(b), "--no-config"]).exit_code == 1


def test_unknown_key_is_exit_2_with_a_suggestion(runner: CliRunner, tmp_path: Path) -> None:
    a = _write(tmp_path / "a.txt", ORIGINAL)
    _write(tmp_path / "unitcheck.toml", 'fail-levl = "warning"\n')
    result = runner.invoke(main, ["lint", str(a)])
    assert result.exit_code == 2
    assert "fail-levl" in result.stderr and "did you mean" in result.stderr
    assert "Traceback" not in result.output


def test_config_show_says_where_values_come_from(runner: CliRunner, tmp_path: Path) -> None:
    config = _write(tmp_path / ".unitcheck.toml", "tolerance = 2.0\n")
    result = runner.invoke(main, ["config", "show", str(tmp_path)])
    assert result.exit_code == 0
    assert f"configuration file: {config}" in result.output
    tolerance = next(line for line in result.output.splitlines() if line.startswith("tolerance"))
    assert "2.0" in tolerance and str(config) in tolerance
    assert "default" in next(
        line for line in result.output.splitlines() if line.startswith("fail-level")
    )


def test_per_file_ignores_and_exclude(runner: CliRunner, tmp_path: Path) -> None:
    _write(
        tmp_path / ".unitcheck.toml",
        'exclude = ["archive/**"]\n[per-file-ignores]\n"opinion/*.txt" = ["UC220"]\n',
    )
    text = "Troops seized more than 400m2 of the region in a week.\n"
    flagged = _write(tmp_path / "news" / "a.txt", text)
    ignored = _write(tmp_path / "opinion" / "b.txt", text)
    excluded = _write(tmp_path / "archive" / "c.txt", text)
    args = ["lint", str(flagged), str(ignored), str(excluded), "-o", "json"]
    # pre-commit names every staged file: --force-exclude applies exclude to them too
    findings = _json(runner.invoke(main, [*args, "--force-exclude"]))["findings"]
    assert [(Path(f["path"]).name, f["code"]) for f in findings] == [("a.txt", "UC220")]
    # a file named outright is linted anyway, as ruff does
    findings = _json(runner.invoke(main, args))["findings"]
    assert [Path(f["path"]).name for f in findings] == ["a.txt", "c.txt"]


# -- suppression and markup -------------------------------------------------------


def test_markdown_ignore_comment_silences_the_next_block(runner: CliRunner, tmp_path: Path) -> None:
    source = (
        "# Region\n\n<!-- unitcheck: ignore[UC220] -->\n"
        "Troops seized more than 400m2 of the region.\n\n"
        "Rebels hold another 300m2 of the province.\n"
    )
    path = _write(tmp_path / "story.md", source)
    findings = _json(runner.invoke(main, ["lint", str(path), "-o", "json"]))["findings"]
    assert [(f["code"], f["b"]["text"], f["b"]["line"]) for f in findings] == [
        ("UC220", "300m2", 6)
    ]


def test_unused_suppression_is_a_warning(runner: CliRunner, tmp_path: Path) -> None:
    source = "<!-- unitcheck: ignore[UC101] -->\nThe road is 5 miles long.\n"
    path = _write(tmp_path / "story.md", source)
    result = runner.invoke(main, ["lint", str(path), "-o", "concise"])
    assert "UC401 [warning]" in result.stdout
    assert result.stdout.startswith(f"{path}:1:1: UC401")


def test_disable_enable_range_in_html(runner: CliRunner, tmp_path: Path) -> None:
    source = (
        "<html><body><nav>Home | 24C in town</nav>\n<!-- unitcheck: disable[UC220] -->\n"
        "<p>Troops seized more than 400m2 of the region.</p>\n"
        "<!-- unitcheck: enable[UC220] -->\n"
        "<p>Rebels hold another 300m2 of the province.</p>\n"
        "<script>var x = '500m2 of land';</script>"
        "</body></html>\n"
    )
    path = _write(tmp_path / "story.html", source)
    findings = _json(runner.invoke(main, ["lint", str(path), "-o", "json"]))["findings"]
    assert [(f["b"]["text"], f["b"]["line"]) for f in findings] == [("300m2", 5)]
    column = findings[0]["b"]["column"]
    assert source.splitlines()[4][column - 1 :].startswith("300m2")


def test_stdin_with_a_markdown_name(runner: CliRunner) -> None:
    source = "Run `echo 400m2 of the region` to see.\n\nThe lake covers 12 sq km.\n"
    result = runner.invoke(
        main, ["extract", "-", "--stdin-filename", "story.md", "-o", "json"], input=source
    )
    quantities = _json(result)["files"][0]["quantities"]
    assert [q["text"] for q in quantities] == ["12 sq km"]  # the code span is skipped


# -- batch ------------------------------------------------------------------------


def test_pairs_csv_with_parallel_jobs(runner: CliRunner, tmp_path: Path) -> None:
    a1, b1 = _write(tmp_path / "a1.txt", ORIGINAL), _write(tmp_path / "b1.txt", BROKEN)
    a2, b2 = _write(tmp_path / "a2.txt", ORIGINAL), _write(tmp_path / "b2.txt", ORIGINAL)
    csv = _write(
        tmp_path / "pairs.csv", f"original,revised,id\n{a1.name},{b1.name},one\n{a2},{b2},two\n"
    )
    result = runner.invoke(main, ["compare", "--pairs", str(csv), "-j", "2", "-o", "json"])
    assert result.exit_code == 1, result.output
    findings = _json(result)["findings"]
    assert [(Path(f["path"]).name, f["code"]) for f in findings] == [("b1.txt", "UC101")]


def test_orig_dir_and_rev_dir(runner: CliRunner, tmp_path: Path) -> None:
    _write(tmp_path / "wire" / "world" / "bridge.txt", ORIGINAL)
    _write(tmp_path / "web" / "world" / "bridge.txt", BROKEN)
    _write(tmp_path / "web" / "extra.txt", ORIGINAL)
    result = runner.invoke(
        main,
        [
            "compare",
            "--orig-dir",
            str(tmp_path / "wire"),
            "--rev-dir",
            str(tmp_path / "web"),
            "-o",
            "concise",
        ],
    )
    assert result.exit_code == 1
    assert "bridge.txt" in result.stdout and "UC101" in result.stdout
    assert "extra.txt" in result.stderr  # one side only: a note, not a failure


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_base_compares_each_changed_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("config", "user.email", "desk@example.org")
    git("config", "user.name", "Desk")
    _write(tmp_path / "story.md", CLEAN_MD)
    _write(tmp_path / "other.md", "# Other\n\nRainfall reached 40mm.\n")
    git("add", ".")
    git("commit", "-q", "-m", "copy")
    git("checkout", "-q", "-b", "edit")
    _write(tmp_path / "story.md", CLEAN_MD.replace("30 miles", "30km"))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["compare", "--git-base", "main", "-o", "concise"])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stdout.splitlines() if "UC" in line]
    assert len(lines) == 1 and lines[0].startswith("story.md:3:") and "UC101" in lines[0]


def test_batch_modes_are_exclusive(runner: CliRunner, tmp_path: Path) -> None:
    csv = _write(tmp_path / "pairs.csv", "a.txt,b.txt\n")
    result = runner.invoke(main, ["compare", "--pairs", str(csv), "--git-base", "main"])
    assert result.exit_code == 2


def test_stdin_is_named_and_configured_by_stdin_filename(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "desk" / ".unitcheck.toml", '[severity]\nUC220 = "error"\n')
    monkeypatch.chdir(tmp_path)
    text = "Troops seized more than 400m2 of the region in a week.\n"
    result = runner.invoke(
        main, ["lint", "-", "--stdin-filename", "desk/story.txt", "-o", "concise"], input=text
    )
    assert result.exit_code == 1, result.output  # the desk's config made UC220 an error
    assert result.stdout.startswith("desk/story.txt:1:")


def test_locale_gallon_changes_what_a_bare_gallon_means(runner: CliRunner, tmp_path: Path) -> None:
    # 10 imperial gallons are 45.5 litres; 10 US gallons are 37.9 litres.
    a = _write(tmp_path / "a.txt", "The farm's new tank holds 10 gallons of diesel.\n")
    b = _write(tmp_path / "b.txt", "The farm's new tank holds 45 litres of diesel.\n")
    us = _json(runner.invoke(main, ["compare", str(a), str(b), "-o", "json"]))["findings"]
    assert [f["code"] for f in us] == ["UC104"]
    _write(tmp_path / ".unitcheck.toml", '[locale]\ngallon = "imperial"\n')
    uk = _json(runner.invoke(main, ["compare", str(a), str(b), "-o", "json"]))["findings"]
    assert [f["code"] for f in uk] == ["UC303"]


def test_same_line_comment_in_markdown(runner: CliRunner, tmp_path: Path) -> None:
    source = (
        "Troops seized more than 400m2 of the region. <!-- unitcheck: ignore[UC220] -->\n"
        "Rebels hold another 300m2 of the province.\n"
    )
    path = _write(tmp_path / "story.md", source)
    findings = _json(runner.invoke(main, ["lint", str(path), "-o", "json"]))["findings"]
    assert [(f["code"], f["b"]["line"]) for f in findings] == [("UC220", 2)]


def test_plain_text_comment_forms(runner: CliRunner, tmp_path: Path) -> None:
    source = (
        "# unitcheck: ignore[UC220]\n"
        "Troops seized more than 400m2 of the region.\n\n"
        "Rebels hold another 300m2 of the province. [unitcheck: ignore[UC220]]\n"
        "Militias took 200m2 of farmland.\n"
    )
    path = _write(tmp_path / "story.txt", source)
    findings = _json(runner.invoke(main, ["lint", str(path), "-o", "json"]))["findings"]
    assert [(f["code"], f["b"]["text"]) for f in findings] == [("UC220", "200m2")]


def test_plain_text_unused_directive_is_reported(runner: CliRunner, tmp_path: Path) -> None:
    path = _write(tmp_path / "story.txt", "# unitcheck: ignore[UC101]\nThe road is 5 miles long.\n")
    result = runner.invoke(main, ["lint", str(path), "-o", "concise"])
    assert result.stdout.startswith(f"{path}:") and "UC401 [warning]" in result.stdout
