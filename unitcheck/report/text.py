"""The default report: findings grouped by file, each with the sentences it concerns.

::

    == orig.txt -> reprint.txt
    reprint.txt:3:41: UC101 [error] unit changed from km to miles
      original: … buildings in the capital [[180 km]] away …
      revised:  … buildings in the capital [[180 miles]] away …

    1 error in 1 pair.

With ``Options.color`` the quantity is underlined and the severity coloured (through
``click.style``) instead of being bracketed. On a terminal (or with ``Options.width``)
long lines are wrapped to its width with ``click.wrap_text``, continuation lines
indented; written to a file or a pipe, every finding stays on one line. A finding
that knows the right text gets a ``suggestion:`` line. ``extract`` lists every
quantity of every file. Unreadable inputs are only counted in the summary line: the
CLI reports each of them on standard error.
"""

from __future__ import annotations

import shutil
from typing import Any, TextIO

import click

from ..model import Finding, Severity
from ..report import Options
from ..result import FileResult, RunResult
from ..units.conversion import unit_label
from .positions import Snippet, amount, clean, locate, number, ordered, primary, sentence
from .positions import summary_line as _summary_line

#: click.style arguments for each kind of text.
_STYLE: dict[object, dict[str, Any]] = {
    "path": {"bold": True},
    "dim": {"dim": True},
    "suggestion": {"fg": "green"},
    Severity.ERROR: {"fg": "red", "bold": True},
    Severity.WARNING: {"fg": "yellow", "bold": True},
    Severity.INFO: {"fg": "cyan", "bold": True},
}
#: Stand-ins for the two ends of a marked quantity while a line is wrapped; private-use
#: characters, so they cannot be confused with the text and are one column wide each.
_OPEN, _CLOSE = "\ue000", "\ue001"
#: Stand-in for a space inside a marked quantity, so wrapping never splits "600 miles".
_KEEP = "\ue002"
#: Narrower than this, wrapping does more harm than good.
MIN_WIDTH = 40


class Painter:
    """Style text with ``click.style`` when colour is on; mark quantities [[so]] when off."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, style: object, text: str) -> str:
        if not self.color or not text:
            return text
        return click.style(text, **_STYLE[style])

    def snippet(self, s: Snippet, severity: Severity) -> str:
        return self.marks(self.placeholder(s), severity)

    def placeholder(self, s: Snippet) -> str:
        """The snippet with its quantity between stand-ins, ready to be wrapped."""
        marked = _scrub(s.marked).replace(" ", _KEEP)
        opening, closing = (_OPEN, _CLOSE) if self.color else ("[[", "]]")
        return f"{_scrub(s.before)}{opening}{marked}{closing}{_scrub(s.after)}"

    def marks(self, line: str, severity: Severity, *, inside: bool = False) -> str:
        """Replace the stand-ins in one (wrapped) line by styles or by [[ ]]."""
        line = line.replace(_KEEP, " ")
        if not self.color:
            return line
        out, at = [], 0
        style = {**_STYLE[severity], "underline": True}
        while at <= len(line):
            stop = line.find(_CLOSE if inside else _OPEN, at)
            piece = line[at:] if stop == -1 else line[at:stop]
            out.append(click.style(piece, **style) if inside and piece else piece)
            if stop == -1:
                break
            inside, at = not inside, stop + 1
        return "".join(out)


def _scrub(text: str) -> str:
    return text.replace(_OPEN, "\ufffd").replace(_CLOSE, "\ufffd").replace(_KEEP, "\ufffd")


def _wrap(text: str, width: int | None, indent: str, first: str = "") -> list[str]:
    """*text* cut to *width* columns, the first line after *first*, the others after
    *indent*; with no width, one line as it is."""
    if width is None or len(first) + len(text) <= width:
        return [first + text]
    wrapped = click.wrap_text(text, width, initial_indent=first, subsequent_indent=indent)
    return wrapped.splitlines() or [first + text]


def _width(stream: TextIO, options: Options) -> int | None:
    """The width to wrap to: ``options.width``, else the terminal's; None off a terminal."""
    if options.width is not None:
        return max(MIN_WIDTH, options.width)
    isatty = getattr(stream, "isatty", None)
    if isatty is None or not isatty():
        return None
    return max(MIN_WIDTH, shutil.get_terminal_size().columns - 1)


def _head(result: FileResult, finding: Finding) -> tuple[str, str]:
    doc, q, _ = primary(result, finding)
    where = clean(doc.path)
    if q is not None:
        loc = locate(doc, q)
        where = f"{where}:{loc.line}:{loc.column}"
    return where, f"[{finding.severity}]"


def finding_line(result: FileResult, finding: Finding, paint: Painter | None = None) -> str:
    """``path:line:col: CODE [severity] message`` (``path: ...`` with no quantity)."""
    return "\n".join(finding_lines(result, finding, paint or Painter(False), None))


def finding_lines(
    result: FileResult, finding: Finding, paint: Painter, width: int | None
) -> list[str]:
    """The finding's first line, wrapped to *width* with continuations indented."""
    where, severity = _head(result, finding)
    prefix = f"{where}: {finding.code} {severity} "
    lines = _wrap(prefix + clean(finding.message), width, "    ")
    if lines[0].startswith(prefix):
        styled = f"{paint('path', where)}: {finding.code} {paint(finding.severity, severity)} "
        lines[0] = styled + lines[0][len(prefix) :]
    return lines


def emit(run: RunResult, stream: TextIO, options: Options) -> None:
    """Write the human-readable report, coloured when ``options.color``."""
    paint = Painter(options.color)
    width = _width(stream, options)
    if run.command == "extract":
        _extract(run, stream, paint)
    else:
        _findings(run, stream, paint, width)
    line = _summary_line(run)
    for part in _wrap(line, width, ""):
        stream.write(paint("path", part) + "\n")


def _findings(run: RunResult, stream: TextIO, paint: Painter, width: int | None) -> None:
    for result, findings in ordered(run):
        if not findings:
            continue
        if result.original is not None:
            header = f"== {clean(result.original.path)} -> {clean(result.document.path)}"
        else:
            header = f"== {clean(result.document.path)}"
        stream.write(paint("path", header) + "\n")
        for finding in findings:
            for line in finding_lines(result, finding, paint, width):
                stream.write(line + "\n")
            sides = (("original", finding.a, "a"), ("revised", finding.b, "b"))
            if result.original is None:
                sides = (("text", finding.b or finding.a, "b"),)
            if finding.primary is None:  # about no quantity (UC401): nothing to quote
                sides = ()
            labels = [label for label, _, _ in sides]
            if finding.suggestion is not None:
                labels.append("suggestion")
            column = max((len(label) for label in labels), default=0) + 1
            indent = " " * (column + 3)
            for label, q, side in sides:
                head = f"  {paint('dim', (label + ':').ljust(column))} "
                if q is None:
                    stream.write(head + paint("dim", "(no matching quantity)") + "\n")
                    continue
                text = paint.placeholder(sentence(result, side, q))
                inside = False
                for line, part in _indented(head, text, indent, width):
                    stream.write(line + paint.marks(part, finding.severity, inside=inside) + "\n")
                    inside = _open_at_end(part, inside)
            if finding.suggestion is not None:
                head = f"  {paint('dim', 'suggestion:'.ljust(column))} "
                for line, part in _indented(head, _suggestion(finding), indent, width):
                    stream.write(line + paint("suggestion", part) + "\n")
        stream.write("\n")


def _indented(
    head: str, text: str, indent: str, width: int | None
) -> list[tuple[str, str]]:
    """*text* wrapped to follow *head* (styled) then *indent*: (lead, piece) per line."""
    parts = [p[len(indent) :] for p in _wrap(text, width, indent, indent)]
    return [(head, parts[0])] + [(indent, p) for p in parts[1:]]


def _open_at_end(part: str, inside: bool) -> bool:
    """Is a marked quantity still open at the end of *part* (split over two lines)?"""
    for char in part:
        if char == _OPEN:
            inside = True
        elif char == _CLOSE:
            inside = False
    return inside


def _suggestion(finding: Finding) -> str:
    """ "replace “1,600km” with “966km”", and whether ``--fix`` applies it unasked."""
    q = finding.primary
    shown = f"\u201c{clean(finding.suggestion or '')}\u201d"
    what = f"replace \u201c{clean(q.text)}\u201d with {shown}" if q is not None else shown
    return what if finding.fix_safe else f"{what} (a guess: check it)"


def _extract(run: RunResult, stream: TextIO, paint: Painter) -> None:
    for result in run.results:
        doc = result.document
        stream.write(paint("path", clean(doc.path)) + "\n")
        if not result.quantities:
            stream.write(paint("dim", "  no quantities") + "\n")
        rows = []
        for q in result.quantities:
            loc = locate(doc, q)
            si = (
                f"{number(q.si_value)} {unit_label(q.si_unit)}".strip()
                if q.si_value is not None
                else ""
            )
            unit = unit_label(q.unit) or "-"
            rows.append((f"{loc.line}:{loc.column}", clean(q.text), amount(q), unit, si))
        widths = [max((len(row[i]) for row in rows), default=0) for i in range(4)]
        for row in rows:
            cells = [cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)]
            line = "  ".join(cells + ([f"= {row[4]}"] if row[4] else []))
            stream.write(f"  {line.rstrip()}\n")
