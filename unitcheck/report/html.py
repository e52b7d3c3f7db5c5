"""One self-contained HTML page for copy editors: inline CSS, no scripts, no assets.

For a comparison the two versions stand side by side, one table row per aligned pair
of sentences; material found on one side only is greyed. Every quantity is
highlighted, the ones a finding concerns in the colour of its severity, and each
finding is explained beside its row (message, why it matters, how to fix it). A lint
report shows one column. Every piece of text from the inputs is HTML-escaped.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TextIO

from ..codes import BY_CODE
from ..model import AlignedPair, Finding, Quantity, Segment, Severity
from ..report import Options
from ..result import FileResult, RunResult
from ..text.reading import Document
from ..units.conversion import describe_value, format_number, unit_name, with_unit
from .positions import (
    amount,
    locate,
    ordered,
    plural,
    primary,
    problem_message,
    segments_of,
    summary_line,
    visible,
)

_CSS = """
:root { color-scheme: light; --err: #b42318; --err-bg: #fde4e2; --warn: #a15c07;
  --warn-bg: #fdefc8; --info: #0b6aa2; --info-bg: #e0f1fd; --line: #d9dce1; --muted: #6b7280; }
* { box-sizing: border-box; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: #1f2328; margin: 0;
  padding: 1.5rem 2rem 3rem; background: #fafafa; }
h1, h2, h3, .ui { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; word-break: break-all; }
.summary { font-size: 1.05rem; margin: 0 0 1rem; }
.counts span, .badge { display: inline-block; border-radius: 999px; padding: 0 .6em;
  font: 600 .8rem/1.6 system-ui, Arial, sans-serif; margin-right: .35em; }
.sev-error .badge, .counts .n-error { background: var(--err); color: #fff; }
.sev-warning .badge, .counts .n-warning { background: var(--warn); color: #fff; }
.sev-info .badge, .counts .n-info { background: var(--info); color: #fff; }
.counts .n-none { background: #1a7f37; color: #fff; }
nav ul { margin: .25rem 0 1rem; padding-left: 1.2rem; font-family: system-ui, Arial, sans-serif;
  font-size: .9rem; }
table.doc { width: 100%; border-collapse: collapse; table-layout: fixed; background: #fff;
  border: 1px solid var(--line); }
table.doc th { font: 600 .85rem system-ui, Arial, sans-serif; text-align: left;
  background: #f0f1f3; padding: .4rem .6rem; border-bottom: 1px solid var(--line);
  word-break: break-all; }
table.doc td { vertical-align: top; padding: .45rem .6rem; border-top: 1px solid var(--line); }
table.pair col.text { width: 37%; } table.pair col.notes { width: 26%; }
table.single col.notes { width: 38%; }
td.no { width: 3.2rem; color: var(--muted); font: .75rem system-ui, Arial, sans-serif; }
col.no { width: 3.2rem; }
tr.only td.text { color: var(--muted); background: #f6f6f7; }
td.missing { background: repeating-linear-gradient(135deg, #f3f4f6 0 6px, #fff 6px 12px); }
tr.worst-error td:first-child { box-shadow: inset 4px 0 var(--err); }
tr.worst-warning td:first-child { box-shadow: inset 4px 0 var(--warn); }
tr.worst-info td:first-child { box-shadow: inset 4px 0 var(--info); }
mark.q { background: #eef0f6; color: inherit; border-bottom: 2px solid #9aa3b5;
  padding: 0 .1em; border-radius: 2px; }
mark.q-error { background: var(--err-bg); border-bottom-color: var(--err); font-weight: 700; }
mark.q-warning { background: var(--warn-bg); border-bottom-color: var(--warn); font-weight: 700; }
mark.q-info { background: var(--info-bg); border-bottom-color: var(--info); }
.finding { font: .85rem/1.45 system-ui, Arial, sans-serif; border-left: 4px solid;
  padding: .3rem .5rem; margin: 0 0 .5rem; border-radius: 0 4px 4px 0; }
.finding.sev-error { border-color: var(--err); background: var(--err-bg); }
.finding.sev-warning { border-color: var(--warn); background: var(--warn-bg); }
.finding.sev-info { border-color: var(--info); background: var(--info-bg); }
.finding p { margin: .2rem 0; }
.finding .where { color: var(--muted); font-size: .75rem; word-break: break-all; }
.finding .change mark { font-weight: 700; background: #fff8; padding: 0 .2em; }
.finding .why, .finding .fix { color: #3b4048; }
.finding .suggestion ins { text-decoration: none; background: #dcfce7; padding: 0 .2em; }
.problems { border: 1px solid var(--err); background: var(--err-bg); padding: .5rem 1rem;
  font-family: system-ui, Arial, sans-serif; }
table.quantities { border-collapse: collapse; font: .85rem system-ui, Arial, sans-serif;
  margin-top: .75rem; background: #fff; }
table.quantities td, table.quantities th { border: 1px solid var(--line); padding: .2rem .5rem;
  text-align: left; }
.empty { color: var(--muted); font-style: italic; }
"""

_PRIORITY = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


#: Never valid in HTML, or not writable as UTF-8: controls other than line breaks and
#: tabs, and lone surrogates.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _e(text: object) -> str:
    r"""*text* escaped for HTML (quotes too), with controls and lone surrogates made visible.

    >>> _e('<img src=x onerror="alert(1)">\x1b')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;␛'
    """
    return html.escape(_CONTROL.sub(lambda m: visible(m.group()), str(text)), quote=True)


@dataclass(frozen=True, slots=True)
class _Mark:
    """A highlighted quantity: its span in the document text and how to show it."""

    start: int
    end: int
    quantity: Quantity
    severity: Severity | None = None
    label: str = ""


@dataclass(frozen=True, slots=True)
class _Note:
    """A finding as shown beside a row."""

    number: int
    finding: Finding
    result: FileResult


def _choose(candidates: Iterable[_Mark]) -> list[_Mark]:
    """Non-overlapping marks, findings first (worst first), then everything else."""

    def rank(m: _Mark) -> tuple[int, int]:
        return (_PRIORITY[m.severity] if m.severity is not None else 9, m.start)

    starts: list[int] = []  # the chosen marks, kept sorted by start
    chosen: list[_Mark] = []
    for mark in sorted(candidates, key=rank):
        if mark.start >= mark.end:
            continue
        i = bisect_left(starts, mark.start)
        if i > 0 and chosen[i - 1].end > mark.start:
            continue
        if i < len(chosen) and chosen[i].start < mark.end:
            continue
        starts.insert(i, mark.start)
        chosen.insert(i, mark)
    return chosen


def _title(q: Quantity) -> str:
    """The tooltip of a quantity: "154 square miles = 398,858,169 m² (measure)"."""
    parts = [describe_value(q)]
    if q.si_value is not None and q.si_unit and q.si_unit != q.unit:
        parts.append(f"= {_si(q)}")
    parts.append(f"({q.kind})")
    return " ".join(parts)


def _si(q: Quantity) -> str:
    assert q.si_value is not None
    return with_unit(format_number(q.si_value), q.si_unit, q.si_value)


def _render(text: str, start: int, end: int, marks: Sequence[_Mark]) -> str:
    """``text[start:end]`` as HTML, with the marks inside it highlighted."""
    out, at = [], start
    first = max(0, bisect_left(marks, start, key=lambda m: m.start) - 1)
    for mark in marks[first:]:
        if mark.start >= end:
            break
        if mark.end <= start:
            continue
        s, t = max(mark.start, start), min(mark.end, end)
        out.append(_e(text[at:s]))
        css = "q" + (f" q-{mark.severity}" if mark.severity is not None else "")
        title = _title(mark.quantity) + (f" \u2014 {mark.label}" if mark.label else "")
        out.append(f'<mark class="{css}" title="{_e(title)}">{_e(text[s:t])}</mark>')
        at = t
    out.append(_e(text[at:end]))
    return "".join(out)


def _marks(notes: Sequence[_Note], side: str, found: Iterable[Quantity]) -> list[_Mark]:
    """Candidate marks: the quantities of findings on *side*, then those *found*."""
    candidates = []
    for note in notes:
        q = getattr(note.finding, side)
        if q is not None:
            label = f"{note.finding.code} {note.finding.name}: {note.finding.message}"
            candidates.append(_Mark(q.start, q.end, q, note.finding.severity, label))
    candidates.extend(_Mark(q.start, q.end, q) for q in found)
    return candidates


def _where(note: _Note) -> str:
    doc, q, _ = primary(note.result, note.finding)
    if q is None:
        return doc.path
    loc = locate(doc, q)
    return f"{doc.path}:{loc.line}:{loc.column}"


def _note_html(note: _Note) -> str:
    f = note.finding
    code = BY_CODE.get(f.code)
    parts = [
        f'<div class="finding sev-{f.severity}" id="f{note.number}">',
        f'<p><span class="badge">{_e(f.severity)}</span><code>{_e(f.code)}</code> '
        f"<strong>{_e(f.name)}</strong></p>",
        f'<p class="msg">{_e(f.message)}</p>',
    ]
    if f.suggestion is not None and f.primary is not None:
        guess = "" if f.fix_safe else " <em>(a guess: check it)</em>"
        parts.append(
            f'<p class="suggestion"><em>Suggestion:</em> replace <mark>{_e(f.primary.text)}'
            f"</mark> with <ins>{_e(f.suggestion)}</ins>{guess}</p>"
        )
    if note.result.original is not None and (f.a is not None or f.b is not None):
        a = f"<mark>{_e(f.a.text)}</mark>" if f.a is not None else "<em>nothing</em>"
        b = f"<mark>{_e(f.b.text)}</mark>" if f.b is not None else "<em>nothing</em>"
        parts.append(f'<p class="change">{a} \u2192 {b}</p>')
    if code is not None:
        parts.append(f'<p class="why">{_e(code.why)}</p>')
        parts.append(f'<p class="fix"><em>Fix:</em> {_e(code.fix)}</p>')
    parts.append(f'<p class="where">{_e(_where(note))}</p></div>')
    return "".join(parts)


def _place(
    notes: Sequence[_Note],
    rows: Sequence[tuple[Segment | None, Segment | None]],
) -> tuple[list[list[_Note]], list[_Note]]:
    """Put each note in the first row whose segment holds its quantity (its revised one
    first), or for a finding with no quantity (UC401) its own span, found by bisection
    over the segments of each side."""
    placed: list[list[_Note]] = [[] for _ in rows]
    left: list[_Note] = []
    sides = {"a": _first_rows(rows, 0), "b": _first_rows(rows, 1)}
    for note in notes:
        for side in ("b", "a"):
            at = _start_on(note.finding, side)
            if at is None:
                continue
            starts, segments, first_row = sides[side]
            k = bisect_left(starts, at + 1) - 1
            if k >= 0 and at < segments[k].end:
                placed[first_row[k]].append(note)
                break
            if getattr(note.finding, side) is None and k + 1 < len(segments):
                # a comment between sentences belongs with the sentence it governs
                placed[first_row[k + 1]].append(note)
                break
        else:
            left.append(note)
    return placed, left


def _start_on(finding: Finding, side: str) -> int | None:
    """Where *finding* points on *side*: its quantity there, else its own span there."""
    q = getattr(finding, side)
    if q is not None:
        return q.start
    span = finding.span
    return span.start if span is not None and span.side == side else None


def _first_rows(
    rows: Sequence[tuple[Segment | None, Segment | None]], side: int
) -> tuple[list[int], list[Segment], list[int]]:
    """The segments of one side sorted by start, with the first row showing each."""
    first: dict[tuple[int, int], tuple[Segment, int]] = {}
    for index, row in enumerate(rows):
        seg = row[side]
        if seg is not None:
            first.setdefault((seg.start, seg.end), (seg, index))
    ordered_ = sorted(first.values(), key=lambda item: (item[0].start, item[0].end))
    return [s.start for s, _ in ordered_], [s for s, _ in ordered_], [i for _, i in ordered_]


def _row_class(notes: Sequence[_Note], one_side: bool) -> str:
    classes = ["only"] if one_side else []
    if notes:
        classes.append(f"worst-{max(n.finding.severity for n in notes)}")
    return f' class="{" ".join(classes)}"' if classes else ""


def _pair_table(result: FileResult, notes: list[_Note]) -> str:
    assert result.original is not None
    a_doc, b_doc = result.original, result.document
    comparison = result.comparison
    # Render what the comparison found; never run the engine again (a second alignment,
    # without the quantity masks, could pair other sentences than the findings did).
    if comparison is not None:
        seg_a, seg_b = comparison.segments_a, comparison.segments_b
        rows = [_lookup(p, seg_a, seg_b) for p in comparison.alignment]
        found_a = [*comparison.quantities_a, *(a for a, _ in comparison.matches)]
        found_b = [*comparison.quantities_b, *(b for _, b in comparison.matches)]
    else:
        # A result handed over without its comparison: both texts whole, in one row,
        # with the quantities of the findings marked.
        rows = [(_whole(a_doc.text), _whole(b_doc.text))]
        found_a, found_b = [], []
    marks_a, marks_b = _choose(_marks(notes, "a", found_a)), _choose(_marks(notes, "b", found_b))
    placed, left = _place(notes, rows)

    out = [
        '<table class="doc pair"><colgroup><col class="no"><col class="text"><col class="text">'
        '<col class="notes"></colgroup>',
        f"<thead><tr><th>#</th><th>Original: {_e(a_doc.path)}</th>"
        f"<th>Revised: {_e(b_doc.path)}</th><th>Findings</th></tr></thead><tbody>",
    ]
    for i, ((sa, sb), row_notes) in enumerate(zip(rows, placed, strict=True), start=1):
        cells = []
        for seg, doc, marks in ((sa, a_doc, marks_a), (sb, b_doc, marks_b)):
            if seg is None:
                cells.append('<td class="missing" title="not in this version"></td>')
            else:
                cells.append(
                    f'<td class="text">{_render(doc.text, seg.start, seg.end, marks)}</td>'
                )
        row_class = _row_class(row_notes, sa is None or sb is None)
        out.append(
            f'<tr{row_class}><td class="no">{i}</td>{"".join(cells)}'
            f'<td class="notes">{"".join(_note_html(n) for n in row_notes)}</td></tr>'
        )
    out.append("</tbody></table>")
    out.append(_leftovers(left))
    return "".join(out)


def _whole(text: str) -> Segment | None:
    """All of *text* as one segment, or None when it is blank."""
    start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    return Segment(start, end) if start < end else None


def _lookup(
    pair: AlignedPair, seg_a: Sequence[Segment], seg_b: Sequence[Segment]
) -> tuple[Segment | None, Segment | None]:
    a = seg_a[pair.a] if pair.a is not None and 0 <= pair.a < len(seg_a) else None
    b = seg_b[pair.b] if pair.b is not None and 0 <= pair.b < len(seg_b) else None
    return a, b


def _single_table(result: FileResult, notes: list[_Note], *, quantities: bool) -> str:
    doc = result.document
    segments = segments_of(result, "b")
    found = result.comparison.quantities_b if result.comparison is not None else result.quantities
    # Lint findings carry side b; accept side a as well, in the same text.
    marks = _choose([*_marks(notes, "b", found), *_marks(notes, "a", ())])
    rows: list[tuple[Segment | None, Segment | None]] = [(s, s) for s in segments]
    placed, left = _place(notes, rows)
    notes_column = not quantities
    out = [
        '<table class="doc single"><colgroup><col class="no"><col class="text">'
        + ('<col class="notes">' if notes_column else "")
        + f"</colgroup><thead><tr><th>#</th><th>{_e(doc.path)}</th>"
        + ("<th>Findings</th>" if notes_column else "")
        + "</tr></thead><tbody>",
    ]
    for i, ((_, seg), row_notes) in enumerate(zip(rows, placed, strict=True), start=1):
        assert seg is not None
        notes_cell = (
            f'<td class="notes">{"".join(_note_html(n) for n in row_notes)}</td>'
            if notes_column
            else ""
        )
        out.append(
            f'<tr{_row_class(row_notes, False)}><td class="no">{i}</td>'
            f'<td class="text">{_render(doc.text, seg.start, seg.end, marks)}</td>{notes_cell}</tr>'
        )
    if not segments:
        out.append('<tr><td></td><td class="empty">(no text)</td><td></td></tr>')
    out.append("</tbody></table>")
    out.append(_leftovers(left))
    if quantities:
        out.append(_quantity_table(doc, result.quantities))
    return "".join(out)


def _quantity_table(doc: Document, quantities: Sequence[Quantity]) -> str:
    if not quantities:
        return '<p class="empty">No quantities found.</p>'
    rows = []
    for q in quantities:
        loc = locate(doc, q)
        si = _si(q) if q.si_value is not None else ""
        unit = unit_name(q.unit, q.magnitude)
        cells = (f"{loc.line}:{loc.column}", q.text, amount(q), unit, si, q.kind)
        rows.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>")
    return (
        '<table class="quantities"><thead><tr><th>Position</th><th>Quantity</th><th>Value</th>'
        "<th>Unit</th><th>SI value</th><th>Kind</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def _leftovers(notes: Sequence[_Note]) -> str:
    if not notes:
        return ""
    return (
        '<h3>Other findings</h3><div class="leftover">'
        + "".join(_note_html(n) for n in notes)
        + "</div>"
    )


def _counts(run: RunResult) -> str:
    counts = run.summary()
    spans = [
        f'<span class="n-{sev}">{plural(counts[key], sev, sev if sev == "info" else None)}</span>'
        for key, sev in (("errors", "error"), ("warnings", "warning"), ("infos", "info"))
        if counts[key]
    ]
    return "".join(spans) or '<span class="n-none">no problems</span>'


def emit(run: RunResult, stream: TextIO, options: Options) -> None:
    """Write the whole report to *stream* as one self-contained HTML page."""
    title = {"compare": "comparison", "lint": "lint", "extract": "quantities"}.get(
        run.command, run.command
    )
    out = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>unitcheck {_e(title)} report</title><style>{_CSS}</style></head><body>",
        f"<header><h1>unitcheck {_e(title)} report</h1>",
    ]
    if run.command == "extract":
        found = sum(len(r.quantities) for r in run.results)
        out.append(
            f'<p class="summary ui">Found {plural(found, "quantity", "quantities")} in '
            f"{plural(len(run.results), 'file')}.</p>"
        )
    else:
        out.append(f'<p class="summary ui counts">{_counts(run)} {_e(summary_line(run))}</p>')
    if run.problems:
        out.append('<div class="problems"><strong>Inputs that could not be read</strong><ul>')
        out.extend(f"<li>{_e(p.path)}: {_e(problem_message(p))}</li>" for p in run.problems)
        out.append("</ul></div>")

    sections, toc, number_ = [], [], 0
    for index, (result, findings) in enumerate(ordered(run), start=1):
        notes = []
        for finding in findings:
            number_ += 1
            notes.append(_Note(number_, finding, result))
        if result.original is not None:
            name = f"{result.original.path} \u2192 {result.document.path}"
        else:
            name = result.document.path
        count = "" if run.command == "extract" else f" ({plural(len(findings), 'finding')})"
        toc.append(f'<li><a href="#file-{index}">{_e(name)}</a>{_e(count)}</li>')
        sections.append(f'<section id="file-{index}"><h2>{_e(name)}</h2>')
        if result.original is not None:
            sections.append(_pair_table(result, notes))
        else:
            sections.append(_single_table(result, notes, quantities=run.command == "extract"))
        sections.append("</section>")
    if len(toc) > 1:
        out.append(f'<nav class="ui"><ul>{"".join(toc)}</ul></nav>')
    out.append("</header><main>")
    out.extend(sections)
    out.append("</main></body></html>\n")
    stream.write("".join(out))
