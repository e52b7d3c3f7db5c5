"""Tests of the report formats, on small article pairs written for these tests.

Findings are built by hand from ``extract`` and ``align`` so that the reporters are
tested apart from ``compare``; one test at the end runs the whole chain.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unitcheck import extract
from unitcheck.codes import BY_CODE, CATALOG
from unitcheck.compare.align import align, segment
from unitcheck.model import Comparison, Finding, Quantity, Severity
from unitcheck.report import FORMATS, NAMES, Options, emit
from unitcheck.report.github import escape_data, escape_property
from unitcheck.report.markdown import escape as md_escape
from unitcheck.report.positions import locate, sentence, summary_line
from unitcheck.result import FileResult, InputProblem, RunResult
from unitcheck.text.reading import Document

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

ORIGINAL = (
    "The ferry crossing is 42 miles long and takes 3 hours.\n"
    "\n"
    "Last summer the line carried 18,500 passengers, the operator said.\n"
    "Sign up now: 2 months for $5.\n"
)
REVISED = (
    "The ferry crossing is 42 km long and takes 3 hours.\n"
    "\n"
    "Last summer the line carried 1,850 passengers, the operator said | <b>x</b> & co.\n"
)


def _q(quantities: list[Quantity], surface: str) -> Quantity:
    return next(q for q in quantities if q.text.startswith(surface))


def _pair(
    original: str = ORIGINAL,
    revised: str = REVISED,
    *,
    name: str = "reprint.txt",
    findings_for: str = "all",
) -> FileResult:
    """A compare result for the two texts, with three hand-made findings."""
    doc_a = Document("original.txt", original, original, "text")
    doc_b = Document(name, revised, revised, "text")
    qa, qb = extract(original), extract(revised)
    findings = (
        Finding(
            "UC101",
            "unit-changed",
            Severity.ERROR,
            "unit changed from miles to km",
            _q(qa, "42"),
            _q(qb, "42"),
        ),
        Finding(
            "UC102",
            "value-changed",
            Severity.ERROR,
            "18,500 became 1,850",
            _q(qa, "18,500"),
            _q(qb, "1,850"),
        ),
        Finding(
            "UC301",
            "quantity-dropped",
            Severity.INFO,
            "2 months is not in the revised text",
            _q(qa, "2 months"),
            None,
        ),
    )
    seg_a, seg_b = segment(original), segment(revised)
    comparison = Comparison(
        original,
        revised,
        seg_a,
        seg_b,
        align(original, seg_a, revised, seg_b),
        ((_q(qa, "3 hours"), _q(qb, "3 hours")),),
        findings,
    )
    return FileResult("compare", doc_b, doc_a, findings, (), comparison)


@pytest.fixture(scope="module")
def pair() -> FileResult:
    return _pair()


@pytest.fixture(scope="module")
def compare_run(pair: FileResult) -> RunResult:
    # The CLI may or may not repeat the path in the message: reporters show it once.
    return RunResult("compare", (pair,), (InputProblem("gone.txt", "gone.txt: no such file"),))


LINT_TEXT = "Rescuers searched 25 miles (25 km) of coast.\nWinds reached 80 km/h by noon.\n"


@pytest.fixture(scope="module")
def lint_run() -> RunResult:
    doc = Document("story.md", LINT_TEXT, LINT_TEXT, "markdown")
    qs = extract(LINT_TEXT)
    finding = Finding(
        "UC104",
        "conversion-wrong",
        Severity.ERROR,
        "25 miles is about 40 km, not 25 km",
        None,
        _q(qs, "25 km"),
    )
    return RunResult("lint", (FileResult("lint", doc, None, (finding,), tuple(qs)),))


@pytest.fixture(scope="module")
def extract_run() -> RunResult:
    doc = Document("story.md", LINT_TEXT, LINT_TEXT, "markdown")
    return RunResult("extract", (FileResult("extract", doc, None, (), tuple(extract(LINT_TEXT))),))


def render(name: str, run: RunResult, *, color: bool = False) -> str:
    out = io.StringIO()
    emit(name, run, out, color=color)
    return out.getvalue()


# -- the registry ---------------------------------------------------------------------


def test_report_formats_all_registered() -> None:
    assert NAMES == (
        "text", "concise", "json", "jsonl", "rdjsonl", "sarif", "github", "markdown", "html"
    )
    assert set(FORMATS) == set(NAMES)


def test_report_unknown_format_raises() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        emit("xml", RunResult("lint"), io.StringIO())


def test_report_formats_callable_with_options(compare_run: RunResult) -> None:
    out = io.StringIO()
    FORMATS["concise"](compare_run, out, Options(color=False))
    assert out.getvalue().startswith("reprint.txt:1:")


def test_report_import_is_lazy() -> None:
    code = (
        "import sys, unitcheck.report\n"
        "heavy = [m for m in ('rich', 'unitcheck.report.html', 'unitcheck.report.sarif',"
        " 'unitcheck.report.text', 'unitcheck.report.json_') if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name", NAMES)
def test_report_every_format_handles_every_command(
    name: str, compare_run: RunResult, lint_run: RunResult, extract_run: RunResult
) -> None:
    for run in (compare_run, lint_run, extract_run, RunResult("compare"), RunResult("extract")):
        assert isinstance(render(name, run), str)


# -- positions ------------------------------------------------------------------------


def test_report_positions_crlf_and_markdown_lines() -> None:
    text = "Intro line.\r\nThe lake is 12 km wide.\r\n"
    doc = Document("lake.txt", text, text, "text")
    q = _q(extract(text), "12 km")
    loc = locate(doc, q)
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (2, 13, 2, 18)
    assert (loc.offset, loc.length) == (text.index("12 km"), 5)


def test_report_sentence_uses_segments(pair: FileResult) -> None:
    s = sentence(pair, "b", pair.findings[1].b)
    assert s.text.startswith("Last summer the line carried 1,850")
    assert s.marked == "1,850"


def test_report_sentence_window_on_long_line() -> None:
    text = "word " * 200 + "the dam holds 9 million litres " + "word " * 200
    doc = Document("long.txt", text, text, "text")
    q = _q(extract(text), "9 million")
    result = FileResult("lint", doc, None, (Finding("UC220", "x", Severity.WARNING, "m", None, q),))
    s = sentence(result, "b", q)
    assert len(s.text) <= 250
    assert s.text.startswith("\u2026") and s.text.endswith("\u2026")
    assert s.marked == q.text


@pytest.mark.parametrize(
    ("counts", "command", "expected"),
    [
        # nothing at all, three files
        ((0, 0, 0, 3), "lint", "No problems found in 3 files."),
        # a mixture in one pair
        ((2, 1, 1, 1), "compare", "2 errors, 1 warning, 1 info in 1 pair."),
        # singular error, two pairs
        ((1, 0, 0, 2), "compare", "1 error in 2 pairs."),
    ],
)
def test_report_summary_line(
    counts: tuple[int, int, int, int], command: str, expected: str
) -> None:
    errors, warnings, infos, files = counts
    text = "The pool is 50 m long."
    doc = Document("p.txt", text, text, "text")
    q = extract(text)[0]
    findings = tuple(
        [Finding("UC102", "value-changed", Severity.ERROR, "m", None, q)] * errors
        + [Finding("UC210", "ambiguous-unit", Severity.WARNING, "m", None, q)] * warnings
        + [Finding("UC302", "quantity-added", Severity.INFO, "m", None, q)] * infos
    )
    results = [FileResult(command, doc, None, findings)] + [FileResult(command, doc)] * (files - 1)
    assert summary_line(RunResult(command, tuple(results))) == expected


# -- text and concise -----------------------------------------------------------------


def test_report_text_compare(compare_run: RunResult) -> None:
    out = render("text", compare_run)
    assert "== original.txt -> reprint.txt" in out
    assert "reprint.txt:1:23: UC101 [error] unit changed from miles to km\n" in out
    assert "  original: The ferry crossing is [[42 miles]] long and takes 3 hours.\n" in out
    assert "  revised:  The ferry crossing is [[42 km]] long and takes 3 hours.\n" in out
    assert "original.txt:4:14: UC301 [info]" in out  # only in the original: points there
    assert "(no matching quantity)" in out
    assert "gone.txt" not in out  # each unreadable input is the CLI's to report (stderr)
    assert out.rstrip().endswith("2 errors, 1 info in 1 pair. 1 input could not be checked.")
    assert "\x1b" not in out


def test_report_text_color_only_when_asked(compare_run: RunResult) -> None:
    out = render("text", compare_run, color=True)
    assert click.style("[error]", fg="red", bold=True) in out
    assert "[[" not in out
    assert click.style("42 km", fg="red", bold=True, underline=True) in out
    # the styling is click's, not hand-written escapes: unstyled, the text is unchanged
    assert click.unstyle(out) == render("text", compare_run).replace("[[", "").replace("]]", "")


def test_report_text_strips_control_characters() -> None:
    revised = REVISED.replace("the operator said", "the \x1b[2Joperator\x07 said")
    run = RunResult("compare", (_pair(revised=revised),))
    for name in ("text", "concise"):
        out = render(name, run)
        assert "\x1b" not in out and "\x07" not in out


def test_report_text_clean_run() -> None:
    doc = Document("a.txt", "Nothing here.", "Nothing here.", "text")
    run = RunResult("lint", tuple(FileResult("lint", doc) for _ in range(3)))
    assert render("text", run) == "No problems found in 3 files.\n"


def test_report_text_lint_one_side(lint_run: RunResult) -> None:
    out = render("text", lint_run)
    assert "story.md:1:29: UC104 [error] 25 miles is about 40 km, not 25 km" in out
    assert "  text: Rescuers searched 25 miles ([[25 km]]) of coast.\n" in out
    assert "original:" not in out


def test_report_text_extract(extract_run: RunResult) -> None:
    out = render("text", extract_run)
    lines = out.splitlines()
    assert lines[0] == "story.md"
    row = next(line for line in lines if "25 miles" in line)
    assert re.match(r"^  1:19\s+25 miles\s+25\s+miles\s+= 40233\.6 m$", row), row
    assert lines[-1] == "Found 3 quantities in 1 file."


def test_report_concise(compare_run: RunResult) -> None:
    lines = render("concise", compare_run).splitlines()
    assert lines == [
        "reprint.txt:1:23: UC101 [error] unit changed from miles to km",
        "reprint.txt:3:30: UC102 [error] 18,500 became 1,850",
        "original.txt:4:14: UC301 [info] 2 months is not in the revised text",
    ]


def test_report_concise_respects_min_level(pair: FileResult) -> None:
    run = RunResult("compare", (pair,), min_level=Severity.ERROR)
    assert "UC301" not in render("concise", run)


# -- json and jsonl -------------------------------------------------------------------


def test_report_json_compare(compare_run: RunResult) -> None:
    data = json.loads(render("json", compare_run))
    assert data["schema_version"] == 3
    assert data["summary"] == {"files": 1, "errors": 2, "warnings": 0, "infos": 1, "unreadable": 1}
    assert data["errors"] == [{"path": "gone.txt", "message": "no such file"}]
    first, _, dropped = data["findings"]
    assert {k: first[k] for k in ("code", "name", "severity", "path", "original_path")} == {
        "code": "UC101",
        "name": "unit-changed",
        "severity": "error",
        "path": "reprint.txt",
        "original_path": "original.txt",
    }
    assert first["a"]["text"] == "42 miles" and first["a"]["unit"] == "mile"
    assert (first["b"]["line"], first["b"]["column"]) == (1, 23)
    assert REVISED[first["b"]["start"] : first["b"]["end"]] == "42 km"
    assert first["b"]["si_value"] == pytest.approx(42000)
    assert set(first["b"]) >= {
        "text",
        "start",
        "end",
        "line",
        "column",
        "value",
        "low",
        "high",
        "unit",
        "kind",
        "qualifier",
        "si_value",
        "si_unit",
    }
    assert dropped["b"] is None and dropped["severity"] == "info"


def test_report_json_extract(extract_run: RunResult) -> None:
    data = json.loads(render("json", extract_run))
    assert data["schema_version"] == 3 and data["errors"] == []
    (file,) = data["files"]
    assert file["path"] == "story.md"
    speed = next(q for q in file["quantities"] if q["text"] == "80 km/h")
    assert (speed["line"], speed["column"], speed["value"]) == (2, 15, 80)
    assert "noun" in speed


def test_report_json_range_has_low_and_high() -> None:
    text = "Temperatures of 20-25C are forecast."
    doc = Document("w.txt", text, text, "text")
    run = RunResult("extract", (FileResult("extract", doc, None, (), tuple(extract(text))),))
    q = json.loads(render("json", run))["files"][0]["quantities"][0]
    assert (q["value"], q["low"], q["high"]) == (None, 20, 25)


def test_report_jsonl(compare_run: RunResult, extract_run: RunResult) -> None:
    lines = render("jsonl", compare_run).splitlines()
    objects = [json.loads(line) for line in lines]
    assert [o.get("code") for o in objects] == ["UC101", "UC102", "UC301", None]
    assert all(o["path"] for o in objects)
    assert objects[-1] == {"path": "gone.txt", "error": "no such file"}
    quantities = [json.loads(line) for line in render("jsonl", extract_run).splitlines()]
    assert len(quantities) == 3 and all(q["path"] == "story.md" for q in quantities)


# -- sarif ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_report_sarif_validates(
    compare_run: RunResult, lint_run: RunResult, sarif_validator: jsonschema.protocols.Validator
) -> None:
    for run in (compare_run, lint_run, RunResult("compare")):
        sarif_validator.validate(json.loads(render("sarif", run)))


def test_report_sarif_content(compare_run: RunResult) -> None:
    log = json.loads(render("sarif", compare_run))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "unitcheck"
    assert [r["id"] for r in driver["rules"]] == [c.code for c in CATALOG]
    assert driver["rules"][0]["defaultConfiguration"]["level"] == "error"
    assert BY_CODE["UC301"].summary in json.dumps(driver["rules"])
    first = run["results"][0]
    assert (first["ruleId"], first["level"]) == ("UC101", "error")
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "reprint.txt"
    assert location["region"] == {
        "startLine": 1,
        "startColumn": 23,
        "endLine": 1,
        "endColumn": 28,
        "charOffset": 22,
        "charLength": 5,
        "snippet": {"text": "42 km"},
    }
    related = first["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "original.txt"
    assert related["region"]["snippet"] == {"text": "42 miles"}
    assert run["results"][2]["level"] == "note"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["message"]["text"] == "no such file"
    assert run["invocations"][0]["executionSuccessful"] is False


def test_report_sarif_fingerprints_ignore_line_numbers(pair: FileResult) -> None:
    shifted = _pair("Update:\n\n" + ORIGINAL, "Update:\n\n" + REVISED)

    def prints(result: FileResult) -> list[tuple[str, int]]:
        log = json.loads(render("sarif", RunResult("compare", (result,))))
        return [
            (
                r["partialFingerprints"]["unitcheck/v1"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in log["runs"][0]["results"]
        ]

    before, after = prints(pair), prints(shifted)
    assert [p for p, _ in before] == [p for p, _ in after]
    assert [line for _, line in before] != [line for _, line in after]
    assert len({p for p, _ in before}) == len(before)


# -- github ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        # percent first, so that escapes are not escaped twice
        ("50% of 3", "50%25 of 3", "50%25 of 3"),
        # line breaks in either place
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        # colon and comma only in properties
        ("file: a, b", "file: a, b", "file%3A a%2C b"),
    ],
)
def test_report_github_escaping(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_report_github_annotations(compare_run: RunResult) -> None:
    lines = render("github", compare_run).splitlines()
    assert lines[0] == "::error file=gone.txt,title=unreadable input::no such file"
    assert lines[1] == (
        "::error file=reprint.txt,line=1,col=23,endLine=1,endColumn=28,"
        "title=UC101 unit-changed::unit changed from miles to km"
    )
    assert lines[2].startswith("::error file=reprint.txt,line=3,col=30,")
    assert lines[2].endswith("::18,500 became 1,850")
    assert lines[3].startswith("::notice file=original.txt,line=4,")
    assert lines[-1] == "2 errors, 1 info in 1 pair. 1 input could not be checked."


def test_report_github_limit_per_kind() -> None:
    text = "".join(f"Tower {i} is {i + 10} m tall.\n" for i in range(13))
    doc = Document("towers.txt", text, text, "text")
    qs = [q for q in extract(text) if q.unit == "meter"]
    assert len(qs) == 13
    findings = tuple(
        Finding("UC220", "implausible-magnitude", Severity.WARNING, "check it", None, q) for q in qs
    )
    findings += tuple(
        Finding("UC302", "quantity-added", Severity.INFO, "new", None, q) for q in qs[:10]
    )
    run = RunResult("lint", (FileResult("lint", doc, None, findings),))
    lines = render("github", run).splitlines()
    assert sum(line.startswith("::warning ") for line in lines) == 10
    notices = [line for line in lines if line.startswith("::notice")]
    assert len(notices) == 10  # nine findings and the closing notice
    assert "4 more findings not shown" in notices[-1]


# -- markdown -------------------------------------------------------------------------


def test_report_markdown_table(compare_run: RunResult) -> None:
    out = render("markdown", compare_run)
    assert "| File | Line | Code | Severity | Finding |" in out
    row = next(line for line in out.splitlines() if "UC101" in line)
    assert row.startswith("| reprint.txt | 1 | `UC101` unit-changed | error |")
    assert "**42 miles** → **42 km**" in row
    assert "- gone.txt: no such file" in out


def test_report_markdown_escapes_pipes() -> None:
    assert md_escape("a | b *c*") == r"a \| b \*c\*"
    revised = REVISED.replace("1,850 passengers", "1,850 | passengers")
    out = render("markdown", RunResult("compare", (_pair(revised=revised, name="a|b.txt"),)))
    for line in out.splitlines():
        if line.startswith("| a"):
            assert len(re.findall(r"(?<!\\)\|", line)) == 6, line


def test_report_markdown_empty() -> None:
    doc = Document("a.txt", "Quiet.", "Quiet.", "text")
    out = render("markdown", RunResult("lint", (FileResult("lint", doc),)))
    assert "No problems found" in out and "|" not in out


# -- html -----------------------------------------------------------------------------


def test_report_html_pair(compare_run: RunResult) -> None:
    page = render("html", compare_run)
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)
    assert "&lt;b&gt;x&lt;/b&gt; &amp; co." in page and "<b>x</b>" not in page
    assert page.count('class="q q-error"') == 4
    assert 'class="q q-info"' in page
    assert '<mark class="q" title="3 hour' in page
    assert BY_CODE["UC101"].why.replace("'", "&#x27;") in page
    assert 'class="only' in page and 'class="missing"' in page
    assert "gone.txt: no such file" in page


def test_report_html_lint_one_column(lint_run: RunResult) -> None:
    page = render("html", lint_run)
    assert "Original:" not in page
    assert page.count('<td class="text">') == 2
    assert 'class="q q-error"' in page and "25 miles is about 40 km" in page


def test_report_html_without_comparison(pair: FileResult) -> None:
    bare = FileResult("compare", pair.document, pair.original, pair.findings)
    page = render("html", RunResult("compare", (bare,)))
    assert page.count('class="q q-error"') == 4


# -- end to end -----------------------------------------------------------------------


def test_report_end_to_end_with_compare() -> None:
    compare_module = pytest.importorskip("unitcheck.compare")
    original = "Engineers said the tunnel will be 14 miles long and open in 2031.\n"
    revised = "Engineers said the tunnel will be 14 km long and open in 2031.\n"
    comparison = compare_module.compare(original, revised)
    doc_a = Document("o.txt", original, original, "text")
    doc_b = Document("r.txt", revised, revised, "text")
    result = FileResult("compare", doc_b, doc_a, comparison.findings, (), comparison)
    run = RunResult("compare", (result,))
    assert "r.txt:1:35: UC101 [error]" in render("concise", run)
    assert "[[14 miles]]" in render("text", run)
    assert 'class="q q-error"' in render("html", run)


# -- never crashes --------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "the",
        "bridge",
        "is",
        "12",
        "km",
        "miles",
        "long",
        "4.5%",
        "$3bn",
        "<b>",
        "|",
        "&",
        "\u201c",
        "20-25C",
        "about",
        "more than",
        "400m2",
        "\n",
        "\n\n",
        ".",
        "\x1b",
        "tons",
    ]
)


@settings(max_examples=25, deadline=None)
@given(st.lists(_WORDS, max_size=40).map(" ".join), st.lists(_WORDS, max_size=40).map(" ".join))
def test_report_never_crashes(original: str, revised: str) -> None:
    if not original.strip() or not revised.strip():
        return
    qa, qb = extract(original), extract(revised)
    findings = tuple(
        Finding("UC102", "value-changed", Severity.ERROR, "changed", a, b)
        for a, b in zip(qa, qb, strict=False)
    ) + tuple(Finding("UC302", "quantity-added", Severity.INFO, "new", None, b) for b in qb)
    seg_a, seg_b = segment(original), segment(revised)
    comparison = Comparison(
        original, revised, seg_a, seg_b, align(original, seg_a, revised, seg_b), (), findings
    )
    doc_a = Document("a.txt", original, original, "text")
    doc_b = Document("b.txt", revised, revised, "text")
    runs = (
        RunResult("compare", (FileResult("compare", doc_b, doc_a, findings, (), comparison),)),
        RunResult("lint", (FileResult("lint", doc_b, None, findings[len(qa) :]),)),
        RunResult("extract", (FileResult("extract", doc_b, None, (), tuple(qb)),)),
    )
    for run in runs:
        for name in NAMES:
            out = render(name, run)
            if name in ("json", "sarif"):
                json.loads(out)
            if name in ("text", "concise", "github"):
                assert "\x1b" not in out


def test_report_github_drops_control_characters() -> None:
    from unitcheck.report.github import command

    line = command("error", "a\x1bb\nc%", file="x,y:z", title="UC102 value-changed")
    assert line == "::error file=x%2Cy%3Az,title=UC102 value-changed::a b%0Ac%25"


def test_rdjsonl_is_one_reviewdog_diagnostic_a_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from unitcheck.cli import main

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Second line.\nThe levee is 12 miles long.\n", encoding="utf-8")
    b.write_text("Second line.\nThe levee is 12km long.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(a), str(b), "-o", "rdjsonl"])
    lines = [json.loads(line) for line in io.StringIO(result.stdout)]
    (diag,) = lines
    assert diag["severity"] == "ERROR" and diag["code"]["value"] == "UC101"
    assert diag["code"]["url"] == BY_CODE["UC101"].url
    assert diag["location"]["range"]["start"] == {"line": 2, "column": 14}
    assert diag["location"]["range"]["end"] == {"line": 2, "column": 18}
    (related,) = diag["related_locations"]
    assert related["location"]["range"]["start"] == {"line": 2, "column": 14}
    assert "12 miles" in related["message"]


# -- reviewdog, SARIF fixes, code documentation -----------------------------------------

RDJSON_SCHEMA = Path(__file__).parent / "data" / "reviewdog-Diagnostic.json"
#: A lint text whose line has multi-byte characters before the quantity: "—" is three
#: bytes in UTF-8, "“" and "”" three each, "é" two.
WIDE_TEXT = "Résumé \u2014 the \u201cnew\u201d convoy covered 600 miles (1,600km) in four days.\n"


@pytest.fixture(scope="module")
def wide_run() -> RunResult:
    doc = Document("wide.md", WIDE_TEXT, WIDE_TEXT, "markdown")
    qs = extract(WIDE_TEXT)
    wrong = _q(qs, "1,600km")
    safe = Finding(
        "UC104", "conversion-wrong", Severity.ERROR, "600 miles is about 966 km", None, wrong,
        "966km", True,
    )
    guess = Finding(
        "UC220", "implausible-magnitude", Severity.WARNING, "a guess", None, _q(qs, "600 miles"),
        "600 km", False,
    )
    return RunResult("lint", (FileResult("lint", doc, None, (safe, guess), tuple(qs)),))


def _rdjson(run: RunResult) -> list[dict[str, Any]]:
    return [json.loads(line) for line in render("rdjsonl", run).splitlines()]


def test_report_rdjsonl_columns_are_utf8_bytes(wide_run: RunResult) -> None:
    diag = next(d for d in _rdjson(wide_run) if d["code"]["value"] == "UC104")
    line = WIDE_TEXT.splitlines()[0]
    chars = line.index("1,600km")
    assert chars + 1 == 46  # the code-point column SARIF and concise report
    start = len(line[:chars].encode("utf-8")) + 1
    assert start == 54  # 46 + 1 (é) + 1 (é) + 2 (—) + 2 (“) + 2 (”)
    assert diag["location"]["range"] == {
        "start": {"line": 1, "column": 54},
        "end": {"line": 1, "column": 54 + len("1,600km")},
    }
    assert "wide.md:1:46:" in render("concise", wide_run)


def test_report_rdjsonl_validates_against_reviewdog_schema(
    wide_run: RunResult, compare_run: RunResult, lint_run: RunResult
) -> None:
    schema = json.loads(RDJSON_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    diagnostics = _rdjson(wide_run) + _rdjson(compare_run) + _rdjson(lint_run)
    assert len(diagnostics) == 6
    for diag in diagnostics:
        validator.validate(diag)
    # the schema is strict where it matters: a severity reviewdog does not know fails
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**diagnostics[0], "severity": "warning"})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**diagnostics[0], "location": {"path": 3}})


def test_report_rdjsonl_code_and_suggestions(wide_run: RunResult) -> None:
    safe, guess = sorted(_rdjson(wide_run), key=lambda d: d["code"]["value"])
    assert safe["code"] == {"value": "UC104", "url": BY_CODE["UC104"].url}
    assert BY_CODE["UC104"].url.endswith("docs/codes.md#uc104")
    (suggestion,) = safe["suggestions"]
    assert suggestion == {"range": safe["location"]["range"], "text": "966km"}
    assert guess["suggestions"][0]["text"] == "600 km"
    # applying the suggestion by byte columns gives the corrected line
    raw = WIDE_TEXT.encode("utf-8")
    rng = suggestion["range"]
    fixed = raw[: rng["start"]["column"] - 1] + b"966km" + raw[rng["end"]["column"] - 1 :]
    assert fixed.decode("utf-8") == WIDE_TEXT.replace("1,600km", "966km")


def test_report_sarif_fixes_validate_and_apply(wide_run: RunResult) -> None:
    log = json.loads(render("sarif", wide_run))
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    (fix,) = results["UC104"]["fixes"]
    assert fix["properties"] == {"safe": True}
    assert results["UC220"]["fixes"][0]["properties"] == {"safe": False}
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "wide.md"
    (replacement,) = change["replacements"]
    region = replacement["deletedRegion"]
    assert (region["startLine"], region["startColumn"]) == (1, 46)
    start, length = region["charOffset"], region["charLength"]
    assert WIDE_TEXT[start : start + length] == "1,600km"
    assert replacement["insertedContent"] == {"text": "966km"}
    # a finding without a suggestion has no fixes
    plain = [replace(f, suggestion=None) for f in wide_run.results[0].findings]
    bare = RunResult("lint", (replace(wide_run.results[0], findings=tuple(plain)),))
    assert all("fixes" not in r for r in json.loads(render("sarif", bare))["runs"][0]["results"])


def test_report_sarif_rules_link_to_code_docs(compare_run: RunResult) -> None:
    rules = json.loads(render("sarif", compare_run))["runs"][0]["tool"]["driver"]["rules"]
    assert [r["helpUri"] for r in rules] == [c.url for c in CATALOG]
    assert rules[0]["helpUri"].endswith("#uc101")


def test_report_docs_codes_md_matches_catalogue() -> None:
    from unitcheck import codes

    path = Path(__file__).parent.parent / "docs" / "codes.md"
    text = path.read_text(encoding="utf-8")
    assert text == codes.markdown(), "regenerate docs/codes.md from unitcheck.codes.markdown()"
    for c in CATALOG:
        # the heading is the code alone, so its anchor is the code in lower case
        assert f"\n## {c.code}\n" in text
        assert c.url == f"{codes.DOCS_URL}#{c.code.lower()}"


def test_report_text_suggestion_line(wide_run: RunResult) -> None:
    out = render("text", wide_run)
    assert "  suggestion: replace \u201c1,600km\u201d with \u201c966km\u201d\n" in out
    assert "with \u201c600 km\u201d (a guess: check it)\n" in out
    # the label column widens for "suggestion:" so the sentences still line up
    assert "  text:       R" in out


def test_report_json_carries_suggestion(wide_run: RunResult) -> None:
    findings = json.loads(render("json", wide_run))["findings"]
    assert [(f["suggestion"], f["fix_safe"]) for f in findings] == [
        ("600 km", False),
        ("966km", True),
    ]


# -- terminal wrapping ----------------------------------------------------------------------

LONG_TEXT = (
    "Officials said the relief convoy, which left the coast at dawn, covered 600 miles "
    "(1,600km) of mountain roads before reaching the last of the camps on the plateau.\n"
)


@pytest.fixture(scope="module")
def long_run() -> RunResult:
    from unitcheck.lint import lint

    doc = Document("long.md", LONG_TEXT, LONG_TEXT, "markdown")
    return RunResult("lint", (FileResult("lint", doc, None, tuple(lint(LONG_TEXT)), ()),))


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _text(run: RunResult, options: Options, stream: io.StringIO | None = None) -> str:
    out = stream if stream is not None else io.StringIO()
    FORMATS["text"](run, out, options)
    return out.getvalue()


def test_report_text_wraps_to_width(long_run: RunResult) -> None:
    flat = _text(long_run, Options())
    wrapped = _text(long_run, Options(width=60))
    assert max(len(line) for line in flat.splitlines()) > 100  # one line a finding
    lines = wrapped.splitlines()
    assert max(len(line) for line in lines) <= 60
    # the words are the same, only the line breaks moved
    assert wrapped.split() == flat.split()
    # continuation lines are indented under their label, and the mark is never split
    text_at = next(i for i, line in enumerate(lines) if line.startswith("  text:"))
    assert lines[text_at + 1].startswith(" " * 14) and lines[text_at + 1][14] != " "
    assert any("[[1,600km]]" in line for line in lines)
    first = next(line for line in lines if line.startswith("long.md:1:"))
    assert first.startswith("long.md:1:84: UC104 [error] ")
    assert lines[lines.index(first) + 1].startswith("    ")


def test_report_text_wraps_only_on_a_terminal(
    long_run: RunResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "72")
    flat = _text(long_run, Options())
    assert _text(long_run, Options(), io.StringIO()) == flat  # a pipe or a file: unchanged
    on_terminal = _text(long_run, Options(), _Terminal())
    assert on_terminal != flat
    assert max(len(line) for line in on_terminal.splitlines()) <= 71


def test_report_text_wrapped_colour_keeps_styles(long_run: RunResult) -> None:
    plain = _text(long_run, Options(width=60))
    coloured = _text(long_run, Options(color=True, width=60))
    assert "\x1b[" in coloured
    # styling adds escapes only: unstyled, the same words within the same width
    unstyled = click.unstyle(coloured)
    assert unstyled.split() == plain.replace("[[", "").replace("]]", "").split()
    assert max(len(line) for line in unstyled.splitlines()) <= 60
    assert click.style("1,600km", fg="red", bold=True, underline=True) in coloured


def test_report_text_mark_split_over_lines_stays_styled() -> None:
    from unitcheck.report.text import _CLOSE, _OPEN, Painter, _open_at_end

    paint = Painter(True)
    first, second = f"a {_OPEN}verylong", f"word{_CLOSE} b"
    inside = _open_at_end(first, False)
    assert inside
    style = {"fg": "yellow", "bold": True, "underline": True}
    assert paint.marks(first, Severity.WARNING).endswith(click.style("verylong", **style))
    assert paint.marks(second, Severity.WARNING, inside=inside).startswith(
        click.style("word", **style)
    )


def test_report_html_shows_suggestion_escaped(wide_run: RunResult) -> None:
    doc = wide_run.results[0].document
    (f, g) = wide_run.results[0].findings
    tricky = replace(f, suggestion="<b>966km</b>")
    run = RunResult("lint", (FileResult("lint", doc, None, (tricky, g), ()),))
    page = render("html", run)
    assert "<ins>&lt;b&gt;966km&lt;/b&gt;</ins>" in page
    assert page.count('class="suggestion"') == 2
    assert page.count("(a guess: check it)") == 1


def test_report_schema_doc_mentions_new_fields() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "schema.md").read_text(encoding="utf-8")
    for field in ("suggestion", "fix_safe", "helpUri", "fixes[0]", "code.url", "UTF-8 bytes"):
        assert field in doc, field
