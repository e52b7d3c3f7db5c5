"""Inline suppression comments: next-block ignores, disable/enable ranges, unused ones."""

from __future__ import annotations

import io
import json

import pytest

from unitcheck.check import check_document, check_pair
from unitcheck.model import Finding, Quantity, Severity
from unitcheck.report import emit
from unitcheck.result import FileResult, RunResult
from unitcheck.text.reading import document_from_bytes
from unitcheck.text.suppress import Problem, Unused, parse


def finding(code: str, offset: int) -> Finding:
    q = Quantity(text="5 km", start=offset, end=offset + 4, value=5.0, unit="km", kind="measure")
    return Finding(code, "x", Severity.ERROR, "m", b=q)


def at(findings: list[Finding]):  # type: ignore[no-untyped-def]
    return lambda f: f.b.start if f.b is not None else None


def kept_codes(source: str, fmt: str, marks: dict[str, str]) -> list[str]:
    """Codes kept when each (code -> text) finding sits at the first occurrence of text."""
    findings = [finding(code, source.index(text)) for code, text in marks.items()]
    kept, _ = parse(source, fmt).filter(findings, at(findings))
    return [f.code for f in kept]


MD_NEXT_BLOCK = """\
Intro: the lake is 9 km long.

<!-- unitcheck: ignore[UC101] -->
The dam is 60 m tall
and 400 m wide.

The road is 12 km.
"""


def test_suppress_ignore_applies_to_next_block_only() -> None:
    marks = {"UC101": "60 m", "UC102": "400 m"}
    assert kept_codes(MD_NEXT_BLOCK, "markdown", marks) == ["UC102"]  # other code survives
    later = {"UC101": "12 km"}
    assert kept_codes(MD_NEXT_BLOCK, "markdown", later) == ["UC101"]  # next paragraph: not hit
    before = {"UC101": "9 km"}
    assert kept_codes(MD_NEXT_BLOCK, "markdown", before) == ["UC101"]  # earlier: not hit
    second_line = {"UC101": "400 m"}
    assert kept_codes(MD_NEXT_BLOCK, "markdown", second_line) == []  # the whole paragraph


def test_suppress_bare_ignore_covers_every_code() -> None:
    src = "<!-- unitcheck: ignore -->\nUp 5% to 300 km.\n"
    assert kept_codes(src, "markdown", {"UC101": "5%", "UC302": "300 km"}) == []


def test_suppress_ignore_skips_blank_lines_and_stacked_comments() -> None:
    src = (
        "<!-- unitcheck: ignore[UC101] -->\n"
        "<!-- unitcheck: ignore[value-changed] -- checked with the desk -->\n"
        "\n"
        "It is 5 km.\n"
    )
    findings = [finding("UC101", src.index("5 km")), finding("UC102", src.index("5 km"))]
    kept, unused = parse(src, "markdown").filter(findings, at(findings))
    assert kept == () and unused == ()


def test_suppress_names_and_several_codes() -> None:
    src = "<!-- unitcheck: ignore[unit-changed, UC102] -->\nIt is 5 km.\n"
    assert kept_codes(src, "markdown", {"UC101": "5 km"}) == []
    assert kept_codes(src, "markdown", {"UC103": "5 km"}) == ["UC103"]


HTML = """\
<article>
<!-- unitcheck: ignore[UC101] -->
<p>The dam is
60 m tall.</p>
<p>The road is 12 km.</p>
</article>
"""


def test_suppress_html_ignore_covers_the_next_element() -> None:
    assert kept_codes(HTML, "html", {"UC101": "60 m"}) == []
    assert kept_codes(HTML, "html", {"UC101": "12 km"}) == ["UC101"]


def test_suppress_html_nested_element_of_same_tag() -> None:
    src = "<!-- unitcheck: ignore -->\n<div><div>5 km</div>\n<p>6 km</p></div>\n<div>7 km</div>\n"
    assert kept_codes(src, "html", {"UC101": "6 km"}) == []
    assert kept_codes(src, "html", {"UC101": "7 km"}) == ["UC101"]


def test_suppress_html_unclosed_element_falls_back_to_blank_line() -> None:
    src = "<!-- unitcheck: ignore -->\n<p>5 km\n<p>6 km\n\n<p>7 km\n"
    assert kept_codes(src, "html", {"UC101": "6 km"}) == []
    assert kept_codes(src, "html", {"UC101": "7 km"}) == ["UC101"]


def test_suppress_disable_enable_range() -> None:
    src = (
        "It is 1 km.\n\n"
        "<!-- unitcheck: disable[UC101] -->\n"
        "It is 2 km.\n\nIt is 3 km.\n\n"
        "<!-- unitcheck: enable[UC101] -->\n"
        "It is 4 km.\n"
    )
    for text, kept in (("1 km", True), ("2 km", False), ("3 km", False), ("4 km", True)):
        assert (kept_codes(src, "markdown", {"UC101": text}) == ["UC101"]) is kept, text
    assert kept_codes(src, "markdown", {"UC102": "2 km"}) == ["UC102"]  # other codes still report
    assert parse(src, "markdown").problems == ()


def test_suppress_off_runs_to_end_of_file_and_is_reported() -> None:
    src = "It is 1 km.\n\n<!-- unitcheck: off -->\nIt is 2 km.\n\nIt is 3 km.\n"
    assert kept_codes(src, "markdown", {"UC101": "3 km"}) == []
    assert kept_codes(src, "markdown", {"UC101": "1 km"}) == ["UC101"]
    (problem,) = parse(src, "markdown").problems
    assert problem.line == 3 and "never re-enabled" in problem.reason


def test_suppress_bare_enable_closes_every_range() -> None:
    src = (
        "<!-- unitcheck: disable[UC101] -->\n<!-- unitcheck: disable[UC102] -->\n5 km\n"
        "<!-- unitcheck: enable -->\n6 km\n"
    )
    assert kept_codes(src, "markdown", {"UC101": "5 km"}) == []
    assert kept_codes(src, "markdown", {"UC102": "6 km"}) == ["UC102"]


def test_suppress_unused_directives_are_reported() -> None:
    src = (
        "<!-- unitcheck: ignore[UC101] -->\nIt is 5 km.\n\n"
        "  <!-- unitcheck: ignore[UC102] -->\nIt is 6 km.\n\n"
        "<!-- unitcheck: disable[UC103] -->\nIt is 7 km.\n<!-- unitcheck: enable[UC103] -->\n"
    )
    findings = [finding("UC101", src.index("5 km"))]
    kept, unused = parse(src, "markdown").filter(findings, at(findings))
    assert kept == ()
    assert unused == (
        Unused(4, 3, "<!-- unitcheck: ignore[UC102] -->"),
        Unused(7, 1, "<!-- unitcheck: disable[UC103] -->"),
    )
    assert tuple(unused[0]) == (4, 3, "<!-- unitcheck: ignore[UC102] -->")  # a plain tuple too


@pytest.mark.parametrize(
    ("comment", "reason"),
    [
        ("<!-- unitcheck: ignroe -->", "not a directive"),  # misspelt keyword
        ("<!-- unitcheck: ignore[UC999] -->", "unknown code 'UC999'"),  # unknown code
        ("<!-- unitcheck: ignore[] -->", "empty brackets"),  # nothing named
        ("<!-- unitcheck: enable[UC101] -->", "enable without a matching disable"),
    ],
)
def test_suppress_bad_directives_are_problems(comment: str, reason: str) -> None:
    s = parse(f"Text.\n\n{comment}\nIt is 5 km.\n", "markdown")
    assert s.scopes == ()
    (problem,) = s.problems
    assert isinstance(problem, Problem)
    assert (problem.line, problem.column, problem.text) == (3, 1, comment)
    assert reason in problem.reason


def test_suppress_unmatched_enable_codes_do_not_close_range() -> None:
    src = (
        "<!-- unitcheck: disable[UC101,UC102] -->\n5 km\n<!-- unitcheck: enable[UC101] -->\n6 km\n"
    )
    s = parse(src, "markdown")
    assert kept_codes(src, "markdown", {"UC101": "6 km"}) == []
    assert [(p.line, p.reason) for p in s.problems] == [
        (1, "never re-enabled: it runs to the end of the file"),
        (3, "enable without a matching disable"),
    ]


def test_suppress_other_comments_are_left_alone() -> None:
    s = parse("<!-- TODO: check unitcheck: later -->\n5 km\n", "markdown")
    assert s.scopes == () and s.problems == ()
    assert not s


def test_suppress_markdown_code_blocks_hold_examples_not_directives() -> None:
    src = "Use it like this:\n\n```html\n<!-- unitcheck: ignore -->\n```\n\nIt is 5 km.\n"
    s = parse(src, "markdown")
    assert s.scopes == ()
    assert kept_codes(src, "markdown", {"UC101": "5 km"}) == ["UC101"]


def test_suppress_html_script_content_is_not_a_comment() -> None:
    src = '<script>var s = "<!-- unitcheck: off -->";</script>\n<p>5 km</p>\n'
    assert parse(src, "html").scopes == ()


def test_suppress_plain_text_has_no_directives() -> None:
    assert parse("<!-- unitcheck: off -->\n5 km\n", "text").scopes == ()


def test_suppress_finding_without_place_is_kept() -> None:
    f = Finding("UC301", "quantity-dropped", Severity.INFO, "m")
    kept, unused = parse("<!-- unitcheck: off -->\n5 km\n", "html").filter([f], lambda _: None)
    assert kept == (f,)
    assert len(unused) == 1


def test_suppress_works_through_a_markdown_document() -> None:
    # inputs.py blanks comments in Document.text; the directives are read from .source
    src = "<!-- unitcheck: ignore[UC101] -->\nThe dam is 60 m tall.\n\nThe road is 12 km.\n"
    doc = document_from_bytes(src.encode(), name="a.md", format="markdown")
    assert "unitcheck" not in doc.text
    findings = [finding("UC101", doc.text.index("60 m")), finding("UC101", doc.text.index("12 km"))]
    kept, unused = parse(doc.source, doc.format).filter(
        findings,
        lambda f: doc.source_offset(f.b.start),  # type: ignore[union-attr]
    )
    assert [f.b.text for f in kept if f.b] == ["5 km"] and len(kept) == 1 and unused == ()


def test_suppress_works_through_an_html_document() -> None:
    src = (
        "<html><body><!-- unitcheck: ignore --><p>Dam: 60&nbsp;m.</p>"
        "<p>Road: 12 km.</p></body></html>"
    )
    doc = document_from_bytes(src.encode(), name="a.html", format="html")
    findings = [finding("UC101", doc.text.index("60")), finding("UC102", doc.text.index("12"))]
    kept, _ = parse(doc.source, doc.format).filter(
        findings,
        lambda f: doc.source_offset(f.b.start),  # type: ignore[union-attr]
    )
    assert [f.code for f in kept] == ["UC102"]


# --- issue 9: same-line comments and plain-text forms ------------------------------------


def test_suppress_comment_after_text_silences_its_line_only() -> None:
    src = (
        "The dam is 60 m tall. <!-- unitcheck: ignore[UC101] -->\n"
        "It is 400 m wide.\n\n"
        "The road is 12 km.\n"
    )
    marks = {"UC101": "60 m"}
    assert kept_codes(src, "markdown", marks) == []  # the line it ends
    assert kept_codes(src, "markdown", {"UC101": "400 m"}) == ["UC101"]  # not the next line


def test_suppress_html_comment_after_tags_only_is_still_next_element() -> None:
    src = "<div><!-- unitcheck: ignore --><p>Dam: 60 m.</p><p>Road: 12 km.</p></div>\n"
    assert kept_codes(src, "html", {"UC101": "60 m", "UC102": "12 km"}) == ["UC102"]


def test_suppress_html_comment_after_text_silences_its_line() -> None:
    src = "<p>Dam: 60 m <!-- unitcheck: ignore --></p>\n<p>Road: 12 km.</p>\n"
    assert kept_codes(src, "html", {"UC101": "60 m", "UC102": "12 km"}) == ["UC102"]


TEXT_HASH = """\
Intro: the lake is 9 km long.

# unitcheck: ignore[UC101] -- checked with the desk
The dam is 60 m tall
and 400 m wide.

The road is 12 km.
"""


def test_suppress_text_hash_line_applies_to_next_block() -> None:
    marks = {"UC101": "60 m", "UC102": "400 m"}
    assert kept_codes(TEXT_HASH, "text", marks) == ["UC102"]
    assert kept_codes(TEXT_HASH, "text", {"UC101": "400 m"}) == []  # the whole block
    assert kept_codes(TEXT_HASH, "text", {"UC101": "12 km"}) == ["UC101"]  # not the next one
    assert kept_codes(TEXT_HASH, "text", {"UC101": "9 km"}) == ["UC101"]  # nor the one before


def test_suppress_text_hash_line_with_windows_line_endings() -> None:
    src = TEXT_HASH.replace("\n", "\r\n")
    assert kept_codes(src, "text", {"UC101": "60 m", "UC102": "400 m"}) == ["UC102"]


def test_suppress_text_stacked_hash_lines() -> None:
    src = "# unitcheck: ignore[UC101]\n# unitcheck: ignore[UC102]\n\nIt is 5 km.\n"
    assert kept_codes(src, "text", {"UC101": "5 km"}) == []
    assert kept_codes(src, "text", {"UC102": "5 km"}) == []


def test_suppress_text_inline_brackets_silence_their_line() -> None:
    src = "The dam is 60 m tall [unitcheck: ignore[UC101]] and\nthe road is 12 km.\n"
    assert kept_codes(src, "text", {"UC101": "60 m"}) == []
    assert kept_codes(src, "text", {"UC101": "12 km"}) == ["UC101"]
    s = parse(src, "text")
    assert [(x.directive.line, x.directive.column) for x in s.scopes] == [(1, 22)]


def test_suppress_text_disable_enable_and_problems() -> None:
    src = "# unitcheck: disable[UC101]\n5 km\n# unitcheck: enable[UC101]\n6 km\n# unitcheck: nope\n"
    assert kept_codes(src, "text", {"UC101": "5 km"}) == []
    assert kept_codes(src, "text", {"UC101": "6 km"}) == ["UC101"]
    assert [p.line for p in parse(src, "text").problems] == [5]


def test_suppress_text_hash_inside_a_line_is_prose() -> None:
    # "#" not at the start of a line is a hashtag or a number sign, not a directive
    assert parse("We are #1 in the league, unitcheck: ignore this.\n", "text").scopes == ()
    assert parse("Notes: # unitcheck: ignore\n5 km\n", "text").scopes == ()


def test_suppress_markdown_heading_is_not_a_text_directive() -> None:
    assert parse("# unitcheck: ignore\n\n5 km\n", "markdown").scopes == ()


# -- the UC401 finding: no quantity, its own span --------------------------------------


def _report(fmt: str, result: FileResult) -> str:
    out = io.StringIO()
    emit(fmt, RunResult(result.command, (result,)), out)
    return out.getvalue()


def _line_col(source: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first *needle* in *source*."""
    offset = source.index(needle)
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1


def test_suppress_unused_comment_is_a_finding_without_a_quantity() -> None:
    src = "The quay is 80 m long.\n\n   <!-- unitcheck: ignore[UC103] -->\nGulls nest there.\n"
    (f,) = check_document(src, path="quay.md").findings
    assert f.code == "UC401" and f.a is None and f.b is None and f.primary is None
    assert f.span is not None and f.span.side == "b" and f.place == f.span
    line, column = _line_col(src, "<!--")
    # every report points at the comment itself
    (item,) = json.loads(_report("json", check_document(src, path="quay.md")))["findings"]
    assert (item["a"], item["b"]) == (None, None)
    where = item["location"]
    assert (where["side"], where["path"], where["line"], where["column"]) == (
        "b",
        "quay.md",
        line,
        column,
    )
    sarif = json.loads(_report("sarif", check_document(src, path="quay.md")))
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (line, column)
    concise = _report("concise", check_document(src, path="quay.md"))
    assert concise.startswith(f"quay.md:{line}:{column}: UC401 ")


def test_suppress_unused_comment_in_the_original_points_at_the_original() -> None:
    original = "Line one.\n\n<!-- unitcheck: ignore[UC101] -->\nThe mast is 40 m tall.\n"
    revised = "Line one.\n\nThe mast is 40 m tall.\n"
    result = check_pair(original, revised, path="rev.md", original_path="orig.md")
    (f,) = [f for f in result.findings if f.code == "UC401"]
    assert f.span is not None and f.span.side == "a"
    line, column = _line_col(original, "<!--")
    assert _report("concise", result).startswith(f"orig.md:{line}:{column}: UC401 ")
    (item,) = json.loads(_report("json", result))["findings"]
    assert item["location"]["path"] == "orig.md" and item["location"]["side"] == "a"
    sarif = json.loads(_report("sarif", result))
    place = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert place["artifactLocation"]["uri"] == "orig.md"
    assert (place["region"]["startLine"], place["region"]["startColumn"]) == (line, column)


def test_suppress_unused_comment_reports_quote_no_empty_quantity() -> None:
    src = "The quay is 80 m long.\n\n<!-- unitcheck: ignore[UC103] -->\nGulls nest there.\n"
    result = check_document(src, path="quay.md")
    assert "[[]]" not in _report("text", result)
    assert "****" not in _report("markdown", result)
    assert '"kind"' not in _report("jsonl", result)


def test_suppress_unused_comment_sits_in_the_html_row_of_its_sentence() -> None:
    # the HTML report files a finding with no quantity by its own span, not under "Other"
    original = "The pier is 90 m long.\n<!-- unitcheck: ignore[UC101] -->\nThe mast is 40 m tall.\n"
    revised = "The pier is 90 m long.\nThe mast is 40 m tall.\n"
    result = check_pair(original, revised, path="rev.md", original_path="orig.md")
    html = _report("html", result)
    assert "UC401" in html
    row = html[html.index("The mast"):]
    assert "UC401" in row[: row.index("</tr>")]
