"""The command line, driven through click's CliRunner: outputs and every exit code."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from unitcheck.cli import main

ORIGINAL = (
    "Rebels now hold more than 300 square miles of the province, officials said on Monday.\n\n"
    "The convoy drove 40 miles through the night.\n"
)
REVISED = (
    "Rebels now hold more than 300 m2 of the province, officials said on Monday.\n\n"
    "The convoy drove 40 miles (64km) through the night.\n"
)
QUIET = "The dam holds 2.5 million cubic metres of water, about 40% more than last year.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "original.txt", tmp_path / "revised.txt"
    a.write_text(ORIGINAL, encoding="utf-8")
    b.write_text(REVISED, encoding="utf-8")
    return a, b


def test_compare_flags_the_unit_change_and_exits_1(
    runner: CliRunner, pair: tuple[Path, Path]
) -> None:
    result = runner.invoke(main, ["compare", str(pair[0]), str(pair[1])])
    assert result.exit_code == 1, result.output
    assert "UC101" in result.output
    assert "300 square miles" in result.output and "300 m2" in result.output
    assert "revised.txt:1:" in result.output  # line:column of the revised quantity


def test_compare_json_follows_the_schema(runner: CliRunner, pair: tuple[Path, Path]) -> None:
    result = runner.invoke(main, ["compare", str(pair[0]), str(pair[1]), "--format", "json"])
    data = json.loads(result.output)
    assert data["schema_version"] == 3
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert len(errors) == 1
    finding = errors[0]
    assert (finding["code"], finding["name"]) == ("UC101", "unit-changed")
    for side, text, source in (("a", "300 square miles", ORIGINAL), ("b", "300 m2", REVISED)):
        q = finding[side]
        assert q["text"] == text
        assert source[q["start"] : q["end"]] == text
        assert (q["line"], q["column"]) == (1, source.index(text) + 1)
        assert q["value"] == 300
    assert finding["a"]["unit"] == "mile ** 2" and finding["b"]["unit"] == "meter ** 2"
    verified = [f for f in data["findings"] if f["code"] == "UC303"]
    assert [f["b"]["text"] for f in verified] == ["64km"]
    assert data["summary"]["errors"] == 1


def test_fail_level_and_min_level_are_separate(runner: CliRunner, pair: tuple[Path, Path]) -> None:
    never = runner.invoke(main, ["compare", *map(str, pair), "--fail-level", "never"])
    assert never.exit_code == 0 and "UC101" in never.output
    hidden = runner.invoke(
        main, ["compare", *map(str, pair), "--min-level", "error", "-o", "concise"]
    )
    assert hidden.exit_code == 1
    assert "UC303" not in hidden.output and "UC101" in hidden.output
    info = runner.invoke(
        main, ["compare", *map(str, pair), "--fail-level", "info", "-o", "concise"]
    )
    assert info.exit_code == 1


def test_identical_copy_exits_0(runner: CliRunner, tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text(QUIET, encoding="utf-8")
    result = runner.invoke(main, ["compare", str(a), str(a)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x00\x01\x02\x03binary\x00", "binary"),  # NUL bytes
        ("Prix: 5\u202f€ le kilo".encode("utf-16-le"), "binary"),  # UTF-16 with no BOM
        (b"caf\xe9 \x81 5 km", "cannot decode"),  # neither UTF-8 nor clean cp1252
        (None, "no such file"),  # missing
        ("dir", "no .txt"),  # a folder with nothing to check in it
    ],
)
def test_unreadable_input_is_one_line_and_exit_2(
    runner: CliRunner, tmp_path: Path, content: bytes | str | None, reason: str
) -> None:
    bad = tmp_path / "bad.txt"
    if content == "dir":
        bad.mkdir()
        (bad / "notes.csv").write_text("a,b\n", encoding="utf-8")
    elif isinstance(content, bytes):
        bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(QUIET, encoding="utf-8")
    result = runner.invoke(main, ["extract", str(bad), str(good)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("unitcheck: error:")]
    assert len(errors) == 1 and reason in errors[0] and "bad.txt" in errors[0]
    assert "2.5 million cubic metres" in result.stdout  # the good file was still processed


def test_extract_reads_stdin_and_prints_json(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", "-", "--format", "json"], input=QUIET)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema_version"] == 3
    (entry,) = data["files"]
    by_text = {q["text"]: q for q in entry["quantities"]}
    volume = by_text["2.5 million cubic metres"]
    assert (
        volume["value"] == 2.5e6 and volume["unit"] == "meter ** 3" and volume["kind"] == "measure"
    )
    percent = next(q for q in entry["quantities"] if q["unit"] == "percent")
    assert percent["value"] == 40 and percent["qualifier"] == "approx"


def test_extract_text_lists_line_column_unit_and_si(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", "-"], input="Line one.\nThe road is 5 miles long.\n")
    assert result.exit_code == 0
    assert "2:13" in result.stdout and "5 miles" in result.stdout and "mile" in result.stdout
    assert "8046.72" in result.stdout  # the SI value in metres


def test_output_to_file_and_stdout_in_one_run(
    runner: CliRunner, pair: tuple[Path, Path], tmp_path: Path
) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(main, ["compare", *map(str, pair), "-o", "concise", "-o", f"json:{out}"])
    assert result.exit_code == 1
    assert "UC101 [error]" in result.stdout
    assert json.loads(out.read_text(encoding="utf-8"))["findings"]


def test_never_writes_over_an_input(runner: CliRunner, pair: tuple[Path, Path]) -> None:
    result = runner.invoke(main, ["compare", *map(str, pair), "-o", f"json:{pair[1]}"])
    assert result.exit_code == 2
    assert pair[1].read_text(encoding="utf-8") == REVISED


def test_two_outputs_on_stdout_is_a_usage_error(runner: CliRunner, pair: tuple[Path, Path]) -> None:
    result = runner.invoke(main, ["compare", *map(str, pair), "-o", "json", "-o", "concise"])
    assert result.exit_code == 2


def test_unknown_format_is_a_usage_error(runner: CliRunner, pair: tuple[Path, Path]) -> None:
    result = runner.invoke(main, ["compare", *map(str, pair), "-o", "yaml"])
    assert result.exit_code == 2 and "unknown format" in result.output


def test_codes_lists_and_explains(runner: CliRunner) -> None:
    listing = runner.invoke(main, ["codes"])
    assert listing.exit_code == 0
    assert "UC101" in listing.output and "UC303" in listing.output
    one = runner.invoke(main, ["codes", "unit-changed"])
    assert one.exit_code == 0 and "UC101" in one.output and "Fix:" in one.output
    assert runner.invoke(main, ["codes", "UC999"]).exit_code == 2


def test_no_color_by_default_off_a_terminal(runner: CliRunner, pair: tuple[Path, Path]) -> None:
    plain = runner.invoke(main, ["compare", *map(str, pair)])
    assert "\x1b[" not in plain.output
    forced = runner.invoke(main, ["compare", *map(str, pair), "--color", "always"])
    assert "\x1b[" in forced.output


def test_an_internal_error_is_one_line_and_exit_3(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import unitcheck.cli as cli

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    path = tmp_path / "a.txt"
    path.write_text(QUIET, encoding="utf-8")
    import sys

    monkeypatch.setattr(sys.modules["unitcheck.extract"], "extract", boom)
    monkeypatch.setattr("sys.argv", ["unitcheck", "extract", str(path)])
    monkeypatch.delenv("UNITCHECK_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli.run()
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error" in err and "simulated bug" in err


def test_usage_error_exits_2(runner: CliRunner) -> None:
    assert runner.invoke(main, ["compare", "only-one.txt"]).exit_code == 2
    assert runner.invoke(main, ["extract"]).exit_code == 2
    assert runner.invoke(main, ["no-such-command"]).exit_code == 2


# -- issue 9: empty inputs, help usage, progress, flags ---------------------------


@pytest.mark.parametrize(
    ("content", "fail_level", "exit_code"),
    [
        (b"", "error", 0),  # nothing at all: a note, and the run passes
        (b" \n\t\n", "error", 0),  # whitespace only
        (b"", "warning", 1),  # a note is a warning: it fails at --fail-level warning
    ],
)
def test_empty_input_is_a_warning_note_once(
    runner: CliRunner, tmp_path: Path, content: bytes, fail_level: str, exit_code: int
) -> None:
    empty = tmp_path / "blank.md"
    empty.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(QUIET, encoding="utf-8")
    result = runner.invoke(main, ["lint", str(empty), str(good), "--fail-level", fail_level])
    assert result.exit_code == exit_code, result.output
    notes = [line for line in result.stderr.splitlines() if "blank.md" in line]
    assert notes == [f"unitcheck: warning: {empty}: file is empty"]
    assert "error" not in result.stderr


def test_compare_help_names_original_and_revised(runner: CliRunner) -> None:
    result = runner.invoke(main, ["compare", "--help"])
    usage = result.output.splitlines()[0]
    assert "ORIGINAL REVISED" in usage, usage


def test_no_progress_bar_off_a_terminal(runner: CliRunner, tmp_path: Path) -> None:
    paths = []
    for n in range(3):
        p = tmp_path / f"s{n}.txt"
        p.write_text(QUIET, encoding="utf-8")
        paths.append(str(p))
    result = runner.invoke(main, ["lint", *paths, "-j", "2"])
    assert result.exit_code == 0, result.output
    assert "ETA" not in result.output and "\r" not in result.output
    assert "3 files" in result.stdout


def test_lint_jobs_give_the_same_findings(runner: CliRunner, tmp_path: Path) -> None:
    text = "Troops seized more than 400m2 of the region in a week.\n"
    paths = []
    for n in range(4):
        p = tmp_path / f"s{n}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    one = runner.invoke(main, ["lint", *paths, "-o", "concise"])
    many = runner.invoke(main, ["lint", *paths, "-o", "concise", "-j", "3"])
    assert one.stdout == many.stdout and "UC220" in one.stdout


@pytest.mark.parametrize(
    ("flags", "codes"),
    [
        ([], ["UC101", "UC303"]),  # everything
        (["--select", "UC1"], ["UC101"]),  # a prefix
        (["--ignore", "UC101"], ["UC303"]),
        (["--extend-ignore", "conversion-verified"], ["UC101"]),  # by name
        (["--select", "UC101,UC303", "--ignore", "UC303"], ["UC101"]),  # ignore wins
    ],
)
def test_select_and_ignore_flags(
    runner: CliRunner, pair: tuple[Path, Path], flags: list[str], codes: list[str]
) -> None:
    result = runner.invoke(main, ["compare", *map(str, pair), "-o", "json", *flags])
    found = sorted({f["code"] for f in json.loads(result.stdout)["findings"]})
    assert found == codes


def test_select_with_an_unknown_code_is_exit_2(runner: CliRunner, pair: tuple[Path, Path]) -> None:
    result = runner.invoke(main, ["compare", *map(str, pair), "--select", "UC999"])
    assert result.exit_code == 2 and "UC999" in result.stderr
    assert "Traceback" not in result.output


def test_summary_says_hidden_warnings_failed_the_run(runner: CliRunner, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Troops seized more than 400m2 of the region in a week.\n", encoding="utf-8")
    args = ["lint", str(story), "--min-level", "error", "--fail-level", "warning"]
    for fmt in ("text", "markdown"):
        result = runner.invoke(main, [*args, "-o", fmt])
        assert result.exit_code == 1
        assert "No problems found" in result.stdout  # nothing shown...
        assert "1 warning hidden by --min-level error fails the run" in result.stdout  # ...why 1


def test_summary_says_unreadable_inputs_were_not_checked(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert result.exit_code == 2
    assert result.stdout.strip() == "No pairs checked: 2 inputs could not be checked."


@pytest.mark.parametrize("mode", ["pairs", "dirs"])
def test_never_writes_over_an_input_a_csv_or_folder_names(
    runner: CliRunner, tmp_path: Path, mode: str
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    original, revised = tmp_path / "a" / "s.txt", tmp_path / "b" / "s.txt"
    original.write_text(ORIGINAL, encoding="utf-8")
    revised.write_text(REVISED, encoding="utf-8")
    csv = tmp_path / "pairs.csv"
    csv.write_text("original,revised\na/s.txt,b/s.txt\n", encoding="utf-8")
    dirs = ["--orig-dir", str(tmp_path / "a"), "--rev-dir", str(tmp_path / "b")]
    how = ["--pairs", str(csv)] if mode == "pairs" else dirs
    result = runner.invoke(main, ["compare", *how, "-o", f"json:{original}"])
    assert result.exit_code == 2 and "refusing" in result.output
    assert original.read_text(encoding="utf-8") == ORIGINAL


def test_empty_stdin_is_a_note_named_like_stdin(runner: CliRunner) -> None:
    result = runner.invoke(main, ["lint", "-"], input="")
    assert result.exit_code == 0
    assert result.stderr == "unitcheck: warning: <stdin>: file is empty\n"
    assert "1 input was empty" in result.stdout


class _FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("command", ["lint", "compare"])
def test_long_runs_draw_a_progress_bar_on_a_terminal(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    from unitcheck import batch

    terminal = _FakeTTY()
    real = batch.tty_progress
    monkeypatch.setattr(batch, "tty_progress", lambda total, verb: real(total, verb, terminal))
    rows = []
    for n in range(3):
        (tmp_path / f"a{n}.txt").write_text(ORIGINAL, encoding="utf-8")
        (tmp_path / f"b{n}.txt").write_text(REVISED, encoding="utf-8")
        rows.append(f"a{n}.txt,b{n}.txt")
    (tmp_path / "pairs.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    if command == "lint":
        args = ["lint", str(tmp_path), "-o", "json"]
    else:
        args = ["compare", "--pairs", str(tmp_path / "pairs.csv"), "-o", "json"]
    result = runner.invoke(main, args)
    json.loads(result.stdout)  # the report itself is untouched by the bar
    drawn = terminal.getvalue()
    total = 6 if command == "lint" else 3
    assert f"{total}/{total}" in drawn and "ETA" in drawn
