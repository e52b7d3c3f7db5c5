"""Issue 13: bad inputs through the CLI, outputs that must never overwrite, hostile text
and markup read as a person reads it. Every sentence here is written for these tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from unitcheck.cli import main
from unitcheck.extract import extract
from unitcheck.text.markup import drop_invisible, extract_html
from unitcheck.text.reading import (
    DEFAULT_MAX_BYTES,
    document_from_bytes,
    encoding_note,
    neutralise,
    read_text,
)

GOOD = "The new bridge is 60 m tall.\n"
COMMANDS = ("extract", "lint", "compare")

needs_posix = pytest.mark.skipif(os.name != "posix", reason="POSIX file system features")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def run(runner: CliRunner, command: str, bad: str | Path, good: Path, *extra: str) -> Result:
    """*command* on the bad input and a good one (compare: bad against good)."""
    return runner.invoke(main, [command, str(bad), str(good), "-o", "json", *extra])


def cli_process(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a process of its own, so that a regression that hangs (a FIFO) fails
    the test on its timeout instead of hanging the suite."""
    return subprocess.run(
        [sys.executable, "-m", "unitcheck", *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("unitcheck: error:")]


def checked(result: Result) -> int:
    """How many inputs the JSON report says were checked."""
    report = json.loads(result.stdout)
    return len(report["files"]) if "files" in report else int(report["summary"]["files"])


# --- bad inputs through the CLI ------------------------------------------------------------


@needs_posix
@pytest.mark.parametrize("command", COMMANDS)
def test_hardening_fifo_is_refused_not_waited_on(tmp_path: Path, good: Path, command: str) -> None:
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    done = cli_process(command, str(fifo), str(good), "-o", "json")
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if "error" in line]
    assert lines == [f"unitcheck: error: {fifo}: is not a regular file (a FIFO)"]
    if command != "compare":  # the other input is still checked
        report = json.loads(done.stdout)
        files = report["files"] if "files" in report else [None] * report["summary"]["files"]
        assert len(files) == 1


@needs_posix
@pytest.mark.parametrize("command", ("extract", "lint"))
def test_hardening_symlink_loop_one_line_others_checked(
    runner: CliRunner, tmp_path: Path, good: Path, command: str
) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    result = run(runner, command, tmp_path / "a.txt", good)
    assert result.exit_code == 2
    assert len(errors(result)) == 1 and "symbolic links" in errors(result)[0]
    assert checked(result) == 1


@needs_posix
def test_hardening_compare_symlink_loop_exits_2(
    runner: CliRunner, tmp_path: Path, good: Path
) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "a.txt")
    result = run(runner, "compare", tmp_path / "a.txt", good)
    assert result.exit_code == 2 and len(errors(result)) == 1


@needs_posix
@pytest.mark.skipif(sys.platform == "darwin", reason="APFS refuses non-UTF-8 names")
@pytest.mark.parametrize("command", ("extract", "lint"))
def test_hardening_non_utf8_file_name(
    runner: CliRunner, tmp_path: Path, good: Path, command: str
) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "wb") as stream:
        stream.write(b"It is 5 km to the coast.\n")
    name = os.fsdecode(raw)
    result = run(runner, command, name, good)
    assert result.exit_code in (0, 1), result.stderr
    assert checked(result) == 2
    missing = run(runner, command, name.replace(".txt", "-gone.txt"), good)
    assert missing.exit_code == 2
    (line,) = errors(missing)
    assert "caf\\xe9-gone.txt: no such file" in line  # the byte shown, never raw


@needs_posix
def test_hardening_path_with_a_newline_stays_one_line(
    runner: CliRunner, tmp_path: Path, good: Path
) -> None:
    odd = tmp_path / "two\nlines.txt"
    result = run(runner, "extract", odd, good)  # does not exist
    assert result.exit_code == 2
    (line,) = errors(result)
    assert "two\u240alines.txt: no such file" in line
    odd.write_text("It is 5 km away.\n", encoding="utf-8")
    result = run(runner, "extract", odd, good)
    assert result.exit_code == 0 and checked(result) == 2


@pytest.mark.parametrize("command", ("extract", "lint"))
def test_hardening_empty_directory_is_one_line(
    runner: CliRunner, tmp_path: Path, good: Path, command: str
) -> None:
    (tmp_path / "empty").mkdir()
    result = run(runner, command, tmp_path / "empty", good)
    assert result.exit_code == 2 and len(errors(result)) == 1
    assert checked(result) == 1


def test_hardening_compare_directory_is_one_line(
    runner: CliRunner, tmp_path: Path, good: Path
) -> None:
    result = run(runner, "compare", tmp_path, good)
    assert result.exit_code == 2
    assert errors(result) == [f"unitcheck: error: {tmp_path}: is a directory"]


ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(56) + b"\x00\x01\x02\x03" * 64
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
NOISE = bytes((i * 197 + 11) % 256 for i in range(4096))  # fixed "random" bytes


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (ELF, "looks like a binary file"),  # an executable
        (PNG, "looks like a binary file"),  # an image
        (NOISE, "looks like a binary file"),  # bytes with no structure
        (b"It is 5 km\x00 away.\n", "looks like a binary file"),  # a NUL inside text
    ],
)
@pytest.mark.parametrize("command", COMMANDS)
def test_hardening_binary_is_one_line_exit_2(
    runner: CliRunner, tmp_path: Path, good: Path, command: str, data: bytes, reason: str
) -> None:
    bad = tmp_path / "blob.txt"
    bad.write_bytes(data)
    result = run(runner, command, bad, good)
    assert result.exit_code == 2
    assert errors(result) == [f"unitcheck: error: {bad}: {reason}"]


@pytest.mark.parametrize(
    ("data", "warning", "value"),
    [
        # not UTF-8: read as Windows-1252, and said so
        ("The caf\u00e9 is 5 km away.\n".encode("cp1252"), "not valid UTF-8", 5.0),
        # Latin-1 bytes are the same characters in cp1252
        ("A 7 km walk, \u00e0 pied.\n".encode("latin-1"), "not valid UTF-8", 7.0),
        # UTF-16 with no byte-order mark, either order
        ("The ridge is 9 km long.\n".encode("utf-16-le"), "read as UTF-16-LE", 9.0),
        ("The ridge is 9 km long.\n".encode("utf-16-be"), "read as UTF-16-BE", 9.0),
        # a UTF-8 BOM is no guess: no warning
        ("\ufeffThe lake is 3 km wide.\n".encode(), None, 3.0),
    ],
)
def test_hardening_guessed_encodings_are_said(
    runner: CliRunner, tmp_path: Path, data: bytes, warning: str | None, value: float
) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    result = runner.invoke(main, ["extract", str(path), "-o", "json"])
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    if warning is None:
        assert warnings == []
    else:
        assert len(warnings) == 1 and warning in warnings[0] and str(path) in warnings[0]
    (q,) = json.loads(result.stdout)["files"][0]["quantities"]
    assert q["value"] == value


def test_hardening_encoding_note_for_utf8_is_none() -> None:
    assert encoding_note("utf-8") is None and encoding_note("utf-16") is None


def test_hardening_size_limit_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as stream:  # a sparse 50 MB file: nothing to read if refused
        stream.truncate(50 * 1000 * 1000)
    assert DEFAULT_MAX_BYTES < 50 * 1000 * 1000
    with pytest.raises(OSError, match="larger than 20 MiB"):
        read_text(str(big))


def test_hardening_one_huge_line_is_refused_with_its_number() -> None:
    data = b"A short first line, 5 km.\n" + b"the road goes on " * 1000 + b"\n"
    with pytest.raises(OSError, match="line 2 is longer than 10,000 characters"):
        document_from_bytes(data, name="long.txt", max_line=10_000)
    assert document_from_bytes(data, name="long.txt", max_line=20_000).text


def test_hardening_minified_html_counts_lines_of_text() -> None:
    page = "".join(f"<p>Stage {i} is {i + 5} km long.</p>" for i in range(400)).encode()
    assert b"\n" not in page and len(page) > 10_000
    doc = document_from_bytes(page, name="min.html", format="html", max_line=10_000)
    assert "Stage 399 is 404 km long." in doc.text


def test_hardening_deeply_nested_divs_keep_their_text() -> None:
    depth = 100_000
    page = "<div>" * depth + "The dam is 60 m tall." + "</div>" * depth + "<p>It holds 5 m3.</p>"
    text, where = extract_html(page)
    assert "The dam is 60 m tall." in text and "It holds 5 m3." in text
    at = text.index("60 m")
    assert page[where.start(at) : where.start(at) + 4] == "60 m"


def test_hardening_huge_code_fence_is_blanked(tmp_path: Path) -> None:
    body = "x = 5  # km\n" * 50_000
    path = tmp_path / "notes.md"
    path.write_text(f"Before, 3 km.\n\n```\n{body}```\n\nAfter, 4 km.\n", encoding="utf-8")
    doc = read_text(str(path))
    assert [q.text for q in extract(doc.text)] == ["3 km", "4 km"]


# --- never lose or overwrite -----------------------------------------------------------


@needs_posix
@pytest.mark.parametrize("command", COMMANDS)
def test_hardening_report_over_a_hard_link_to_an_input(
    runner: CliRunner, tmp_path: Path, good: Path, command: str
) -> None:
    other = tmp_path / "other.txt"
    other.write_text("It is 5 km away.\n", encoding="utf-8")
    link = tmp_path / "report.json"
    os.link(other, link)
    result = runner.invoke(main, [command, str(other), str(good), "-o", f"json:{link}"])
    assert result.exit_code == 2 and "refusing to write" in result.stderr
    assert other.read_text(encoding="utf-8") == "It is 5 km away.\n"


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("second", "message"),
    [("out.json", "two outputs"), (".", "is a directory")],
    ids=["two-reports-on-one-file", "report-to-a-directory"],
)
def test_hardening_bad_report_target_refused_before_writing(
    runner: CliRunner, tmp_path: Path, good: Path, command: str, second: str, message: str
) -> None:
    first = tmp_path / "out.json"
    target = f"json:{tmp_path / second}"
    args = [command, str(good), str(good), "-o", f"sarif:{first}", "-o", target]
    if command != "compare":
        args.pop(2)
    result = runner.invoke(main, args)
    assert result.exit_code == 2 and message in result.stderr
    assert not first.exists()  # nothing was written, not even the first report


def test_hardening_interrupted_report_leaves_the_old_one(
    runner: CliRunner, tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text('{"old": true}\n', encoding="utf-8")
    import unitcheck.report as report

    real = report.emit

    def half_then_stop(name: str, run: object, stream: object, **kw: object) -> None:
        real(name, run, stream, **kw)  # type: ignore[arg-type]
        raise KeyboardInterrupt  # Ctrl-C after the report was rendered, before it lands

    monkeypatch.setattr(report, "emit", half_then_stop)
    result = runner.invoke(main, ["extract", str(good), "-o", f"json:{target}"])
    assert result.exit_code != 0
    assert target.read_text(encoding="utf-8") == '{"old": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.txt", "out.json"]  # no temp


def test_hardening_report_written_whole(runner: CliRunner, tmp_path: Path, good: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("stale", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(good), "-o", f"json:{target}"])
    assert result.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["files"][0]["path"] == str(good)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.txt", "out.json"]


# --- hostile text ------------------------------------------------------------------------


def test_hardening_escape_in_a_file_name_never_reaches_stderr_raw(
    runner: CliRunner, tmp_path: Path, good: Path
) -> None:
    name = str(tmp_path / "red\x1b[31mflag\x07.txt")
    result = runner.invoke(main, ["extract", name, str(good), "-o", "json"])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "red\u241b[31mflag\u2407.txt" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        "Clear \x1b[2J the screen, then 5 km.",  # erase display: not 2 joules
        "A \x1b[31mred\x1b[0m line, then 5 km.",  # colours: not 31 metres, not 0 m
        "Title \x1b]0;7 m\x07 set, then 5 km.",  # a window title string
        "Bell\x07 and back\x08space, then 5 km.",  # single controls
    ],
)
@pytest.mark.parametrize("fmt", ("text", "markdown", "html"))
def test_hardening_terminal_sequences_are_not_quantities(text: str, fmt: str) -> None:
    doc = document_from_bytes(text.encode(), name="t", format=fmt)
    found = extract(doc.text)
    assert [q.text for q in found] == ["5 km"]
    start, end = doc.source_span(found[0].start, found[0].end)
    assert doc.source[start:end] == "5 km"
    assert doc.source == text  # the source keeps what was written


def test_hardening_neutralise_keeps_offsets() -> None:
    text = "a\x1b[1;31mb\x9b2Jc\x1b(Bd"
    out = neutralise(text)
    assert len(out) == len(text) and out.replace(" ", "") == "abcd"
    assert out.index("d") == text.index("d")


@pytest.mark.parametrize(
    "page",
    [
        "\udc8b",  # a lone surrogate and nothing else
        "<p>It is 5 km \udcff away.</p>",  # inside prose
        "<p title='\ud800'>It is 5 km away.</p>",  # inside an attribute
    ],
)
def test_hardening_lone_surrogates_in_html_do_not_raise(page: str) -> None:
    text, where = extract_html(page)
    for q in extract(text):
        assert text[q.start : q.end] == q.text
        assert 0 <= where.start(q.start) <= len(page)


# --- markup read as a person reads it ------------------------------------------------


def test_hardening_sup_is_a_power_not_more_digits() -> None:
    page = "<p>The lab made 10<sup>2</sup> samples on a 5 km<sup>2</sup> site.</p>"
    text, where = extract_html(page)
    assert "10\u00b2 samples" in text and "5 km\u00b2 site" in text
    assert "102" not in text
    q = next(q for q in extract(text) if q.text.startswith("5"))
    assert q.unit == "kilometer ** 2"
    start = where.start(q.start)
    assert page[start : where.end(q.end)] == "5 km<sup>2"


@pytest.mark.parametrize(
    ("page", "surface", "value"),
    [
        ("<p>It is 3&shy;000 km long.</p>", "3000 km", 3000.0),  # an entity soft hyphen
        ("<p>It is 3\u00ad000 km long.</p>", "3000 km", 3000.0),  # the character itself
        ("<p>It is 4&#8203;500 m long.</p>", "4500 m", 4500.0),  # a zero-width space
        ("<p>It is 1&#44;200 km long.</p>", "1,200 km", 1200.0),  # a comma as an entity
        ("<p>It is 1&nbsp;200 km long.</p>", "1\u00a0200 km", 1200.0),  # a hard space
    ],
)
def test_hardening_entities_and_soft_hyphens_inside_numbers(
    page: str, surface: str, value: float
) -> None:
    doc = document_from_bytes(page.encode(), name="p.html", format="html")
    (q,) = extract(doc.text)
    assert (q.text, q.value) == (surface, value)
    start, end = doc.source_span(q.start, q.end)
    assert page[start] == surface[0] and page[end - 2 : end] == surface[-2:]


@pytest.mark.parametrize("fmt", ("text", "markdown"))
def test_hardening_soft_hyphen_in_plain_text(fmt: str) -> None:
    source = "The wall is 2\u00ad400 m long and 1\u200b000 years old.\n"
    doc = document_from_bytes(source.encode(), name="w", format=fmt)
    found = extract(doc.text)
    assert [(q.text, q.value) for q in found][0] == ("2400 m", 2400.0)
    start, end = doc.source_span(found[0].start, found[0].end)
    assert source[start:end] == "2\u00ad400 m"
    assert doc.line_col(found[0].start) == (1, 13)


def test_hardening_drop_invisible_map() -> None:
    shown, where = drop_invisible("a\u00ad\u00adb\u200bc")
    assert shown == "abc" and where is not None
    assert [where.start(i) for i in range(3)] == [0, 3, 5]
    assert drop_invisible("plain") == ("plain", None)


def test_hardening_report_into_a_missing_folder_refused_before_writing(
    runner: CliRunner, tmp_path: Path, good: Path
) -> None:
    first = tmp_path / "first.sarif"
    missing = tmp_path / "no-such-folder" / "out.json"
    result = runner.invoke(
        main, ["extract", str(good), "-o", f"sarif:{first}", "-o", f"json:{missing}"]
    )
    assert result.exit_code == 2 and "no folder" in result.stderr
    assert not first.exists()


@needs_posix
@pytest.mark.parametrize("option", ("--pairs", "--config"))
def test_hardening_fifo_as_an_option_file_is_refused(
    tmp_path: Path, good: Path, option: str
) -> None:
    fifo = tmp_path / "feed.csv"
    os.mkfifo(fifo)
    command = ["compare", option, str(fifo)] if option == "--pairs" else ["extract", str(good)]
    if option == "--config":
        command += [option, str(fifo)]
    done = cli_process(*command)
    assert done.returncode == 2 and "not a regular file" in done.stderr


def test_hardening_sup_in_markdown_reads_as_a_power() -> None:
    source = "A 5 km<sup>2</sup> park, and `9 km<sup>2</sup>` in code.\n"
    doc = document_from_bytes(source.encode(), name="park.md", format="markdown")
    assert doc.text.startswith("A 5 km\u00b2 park")
    (q,) = extract(doc.text)
    assert (q.text, q.unit) == ("5 km\u00b2", "kilometer ** 2")
    start, end = doc.source_span(q.start, q.end)
    assert source[start:end] == "5 km<sup>2"


@needs_posix
def test_hardening_pairs_rows_naming_a_fifo_or_folder(tmp_path: Path, good: Path) -> None:
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    (tmp_path / "folder").mkdir()
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(f"{good},{good}\n{fifo},{good}\n{tmp_path / 'folder'},{good}\n")
    done = cli_process("compare", "--pairs", str(pairs), "-o", "json")
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if "error" in line]
    assert lines == [
        f"unitcheck: error: {fifo}: is not a regular file (a FIFO)",
        f"unitcheck: error: {tmp_path / 'folder'}: is a directory",
    ]
    summary = json.loads(done.stdout)["summary"]
    assert (summary["files"], summary["unreadable"]) == (1, 2)  # the good pair still compared


def test_hardening_sup_power_of_ten_is_its_value() -> None:
    page = "<p>The field covers 10<sup>6</sup> square metres behind 10<sup>2</sup> m of fence.</p>"
    text, _ = extract_html(page)
    found = [(q.value, q.unit) for q in extract(text)]
    assert found == [(1e6, "meter ** 2"), (100.0, "meter")]


def test_hardening_report_path_dash_is_stdout(
    runner: CliRunner, tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["extract", str(good), "-o", "json:-"])
    assert result.exit_code == 0 and result.stdout.lstrip().startswith("{")
    assert not (tmp_path / "-").exists()
