"""Hostile copy and hostile file names in every report format (issue 13).

Articles come from scraped pages and wire feeds, file names from whoever dropped a file
into a repository. Nothing from either may run in the HTML report, forge a GitHub
workflow command, make a JSON report invalid, or reach a terminal as a raw control
sequence. Each test here builds one run from such input and checks one format.
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unitcheck import compare, lint
from unitcheck.report import NAMES, emit
from unitcheck.report.github import escape_data, escape_property
from unitcheck.report.positions import clean, dump_json
from unitcheck.report.sarif import uri
from unitcheck.result import FileResult, InputProblem, RunResult
from unitcheck.text.reading import Document

#: Markup that would run if it reached a page unescaped.
SCRIPT = "<script>document.body.setAttribute('data-pwned','script')</script>"
ONERROR = "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"
JS_LINK = "<a href=\"javascript:document.body.setAttribute('data-pwned','link')\">map</a>"
#: A terminal escape (clear screen, red), a bell, a C1 CSI, and forged workflow commands.
ANSI = "\x1b[2J\x1b[31m"
ORIGINAL = (
    f"The relief road is 42 miles long {SCRIPT}, the council said.\n"
    f"It cost $3m {ONERROR} and took 3 years.\n"
    f"Drivers save 20 minutes a day {JS_LINK}.\n"
)
REVISED = (
    f"The relief road is 42 km long {SCRIPT}, the council said.\n"
    f"It cost $3m {ONERROR} and took 3 years{ANSI}\x07\x9b1m.\n"
    f"Drivers save 20 minutes%0A::error::forged a day {JS_LINK}.\r\n"
    "::warning file=x.txt::forged at the start of a line\n"
)
#: File names with markup, a newline, commas, colons, percent signs, an escape, and a
#: byte that is not UTF-8 (kept as a lone surrogate, as ``os.fsdecode`` gives it).
NAME_A = "orig<script>alert(1)</script>\"onerror=alert(2) javascript:alert(3).txt"
NAME_B = "caf\udce9,a:b%0A\x1b[31m\nnew::error::line.txt"
UNREADABLE = "gone\udcff<img src=x onerror=alert(4)>.txt"


def _run(command: str = "compare") -> RunResult:
    doc_a = Document(NAME_A, ORIGINAL, ORIGINAL, "text")
    doc_b = Document(NAME_B, REVISED, REVISED, "text")
    problems = (InputProblem(UNREADABLE, f"{UNREADABLE}: looks like a binary file\x1b[0m"),)
    if command == "compare":
        comparison = compare(ORIGINAL, REVISED)
        result = FileResult(
            "compare", doc_b, doc_a, comparison.findings, (), comparison
        )
    else:
        result = FileResult("lint", doc_b, None, tuple(lint(REVISED)))
    return RunResult(command, (result,), problems)


def _render(name: str, run: RunResult) -> str:
    out = io.StringIO()
    emit(name, run, out)
    return out.getvalue()


@pytest.fixture(scope="module")
def run() -> RunResult:
    run = _run()
    assert {f.code for f in run.results[0].findings} & {"UC101"}, "the pair must have findings"
    return run


# -- every format ---------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_hostile_output_every_format_writes_as_utf8(run: RunResult, name: str) -> None:
    # a lone surrogate in a file name must not stop a report being written (issue 13)
    out = _render(name, run)
    out.encode("utf-8")  # strict: no lone surrogate left
    assert "\x1b" not in out


# -- HTML -----------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["compare", "lint"])
def test_hostile_output_html_escapes_everything(command: str) -> None:
    page = lxml.html.fromstring(_render("html", _run(command)))
    assert not page.xpath("//script"), "a <script> from the input became an element"
    handlers = [a for el in page.iter() for a in el.attrib if a.lower().startswith("on")]
    assert handlers == [], "an on* attribute from the input became an attribute"
    links = [el.get(a) for el in page.iter() for a in ("href", "src") if el.get(a)]
    assert all(link.startswith("#") for link in links), links
    assert page.xpath("//img") == []
    text = page.text_content()
    # the copy is still shown, as text: escaped, not dropped
    assert SCRIPT in text and ONERROR in text and JS_LINK in text
    if command == "compare":
        assert NAME_A in text
    assert "caf\\xe9" in text and "\u241b[31m" in text  # the name's byte and escape, visible
    assert "gone\\xff<img src=x onerror=alert(4)>.txt" in text


def test_hostile_output_html_attributes_stay_closed(run: RunResult) -> None:
    # a quote in a quantity's tooltip cannot end the attribute early
    page = lxml.html.fromstring(_render("html", run))
    for mark in page.iter("mark"):
        assert set(mark.attrib) <= {"class", "title"}


# -- GitHub workflow commands ---------------------------------------------------------

_COMMAND = re.compile(r"::(error|warning|notice)(?: (?P<props>[^:]*))?::(?P<data>.*)")


def _unescape_property(value: str) -> str:
    """The runner's ``ActionCommand`` unescaping of a property value."""
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, char)
    return value


def _unescape_data(value: str) -> str:
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        value = value.replace(escaped, char)
    return value


def test_hostile_output_github_one_command_a_line(run: RunResult) -> None:
    lines = _render("github", run).split("\n")
    assert lines[-1] == ""
    commands = [line for line in lines[:-1] if line.startswith("::")]
    assert len(commands) == len(lines) - 2, "only commands, then the summary line"
    assert not any("\r" in line for line in lines)
    files = set()
    for line in commands:
        m = _COMMAND.fullmatch(line)
        assert m is not None, line
        props = dict(p.split("=", 1) for p in m["props"].split(","))
        assert set(props) <= {"file", "line", "col", "endLine", "endColumn", "title"}
        files.add(_unescape_property(props["file"]))
        assert re.fullmatch(r"(?:[^%]|%25|%0D|%0A)*", m["data"]), m["data"]
    # the names come back whole; the newline too, the escape and the bad byte visibly
    assert "caf\\xe9,a:b%0A [31m\nnew::error::line.txt" in files
    assert "gone\\xff<img src=x onerror=alert(4)>.txt" in files


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from("%:,\r\nab0A2D5C=:: ")))
def test_hostile_output_github_escaping_round_trips(text: str) -> None:
    # exactly actions/toolkit command.ts: escapeData and escapeProperty
    prop, data = escape_property(text), escape_data(text)
    assert not set(prop) & set(":,\r\n") and not set(data) & set("\r\n")
    assert _unescape_property(prop) == text and _unescape_data(data) == text


# -- JSON, JSON Lines, SARIF, rdjsonl -------------------------------------------------


@pytest.mark.parametrize("command", ["compare", "lint"])
def test_hostile_output_json_is_strict(command: str) -> None:
    report = json.loads(_render("json", _run(command)))
    assert report["errors"][0]["path"] == "gone\ufffd<img src=x onerror=alert(4)>.txt"
    paths = {f["path"] for f in report["findings"]}
    assert paths == {"caf\ufffd,a:b%0A\x1b[31m\nnew::error::line.txt"}


def test_hostile_output_jsonl_one_record_a_line() -> None:
    run = _run("lint")
    doc = run.results[0].document
    text = doc.text.replace("council said", "council\u2028said\x85so\u2029")
    moved = Document(doc.path, text, text, "text")
    result = FileResult("lint", moved, None, tuple(lint(text)))
    run = RunResult("lint", (result,), run.problems)
    out = _render("jsonl", run)
    records = [json.loads(line) for line in out.splitlines()]  # str.splitlines splits on U+2028
    assert len(records) == len(result.findings) + 1
    assert records[-1]["error"] == "looks like a binary file\x1b[0m"


def test_hostile_output_sarif_uri_keeps_the_bytes(run: RunResult) -> None:
    log = json.loads(_render("sarif", run))
    results = log["runs"][0]["results"]
    assert results
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {uri(NAME_B)}
    assert "caf%E9%2Ca:b%250A%1B%5B31m%0Anew::error::line.txt" in uris.pop()
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith(
        "gone%FF%3Cimg"
    )


def test_hostile_output_rdjsonl_is_strict(run: RunResult) -> None:
    lines = _render("rdjsonl", run).splitlines()
    paths = {json.loads(line)["location"]["path"] for line in lines}
    assert paths == {"caf\ufffd,a:b%0A\x1b[31m\nnew::error::line.txt"}


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.text(st.characters(codec=None, min_codepoint=0, max_codepoint=0xFFFF)))
def test_hostile_output_dump_json_any_text(text: str) -> None:
    out = dump_json({"text": text, text: [text]})
    out.encode("utf-8")
    assert len(out.splitlines()) == 1
    back = json.loads(out)
    expected = re.sub("[\ud800-\udfff]", "\ufffd", text)
    assert back == {"text": expected, expected: [expected]}


# -- terminal text --------------------------------------------------------------------

#: What must never reach a terminal raw: C0 controls but the line feed, DEL, C1, surrogates.
_RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@pytest.mark.parametrize("name", ["text", "concise", "markdown", "github"])
@pytest.mark.parametrize("command", ["compare", "lint"])
def test_hostile_output_terminal_formats_show_controls(name: str, command: str) -> None:
    out = _render(name, _run(command))
    assert not _RAW.search(out), repr(_RAW.search(out))


def test_hostile_output_text_shows_escapes_visibly(run: RunResult) -> None:
    out = _render("text", run)
    assert "== orig<script>" in out  # plain text: markup is harmless and shown as is
    assert "caf\\xe9,a:b%0A\u241b[31m new::error::line.txt" in out
    assert "3 years\u241b[" in out and "\u2407\\x9b" in out  # ESC, BEL and CSI, each visible


def test_hostile_output_extract_text_shows_escapes_visibly() -> None:
    doc = Document("x\x1b]0;title\x07.txt", "It fell 3\x1b[8m km.", "It fell 3\x1b[8m km.", "text")
    from unitcheck import extract

    result = FileResult("extract", doc, None, (), tuple(extract(doc.text)))
    for name in ("text", "concise", "markdown"):
        out = _render(name, RunResult("extract", (result,)))
        assert not _RAW.search(out)
        assert "x\u241b]0;title\u2407.txt" in out.replace("\\", "")


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(st.characters(codec=None, min_codepoint=0, max_codepoint=0xFFFF)))
def test_hostile_output_clean_is_one_safe_line(text: str) -> None:
    out = clean(text)
    out.encode("utf-8")
    assert "\n" not in out and not _RAW.search(out)


def test_hostile_output_cli_json_for_a_non_utf8_file_name(tmp_path: Path) -> None:
    # the file's name has a byte that is not UTF-8: the JSON report is still written
    if sys.platform == "win32":
        pytest.skip("POSIX file names are bytes")
    from click.testing import CliRunner

    from unitcheck.cli import main

    name = tmp_path / "caf\udce9.txt"
    try:
        name.write_text("The road is 42 miles (42 km) long.\n", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes UTF-8 names only")
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["lint", str(name), "-o", f"json:{out}"])
    report = json.loads(out.read_text(encoding="utf-8"))
    assert result.exit_code in (0, 1), result.output
    assert report["findings"] and report["findings"][0]["path"].endswith("caf\ufffd.txt")
