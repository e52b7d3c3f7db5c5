"""The default report: findings grouped by file, each with the sentences it concerns.

::

    == orig.txt -> reprint.txt
    reprint.txt:3:41: UC101 [error] unit changed from km to miles
      original: … buildings in the capital [[180 km]] away …
      revised:  … buildings in the capital [[180 miles]] away …

    1 error in 1 pair.

With ``Options.color`` the quantity is underlined and the severity coloured with ANSI
escapes instead of being bracketed. ``extract`` lists every quantity of every file.
Unreadable inputs are only counted in the summary line: the CLI reports each of them
on standard error.
"""

from __future__ import annotations

from typing import TextIO

from ..model import Finding, Quantity, Severity
from ..result import FileResult, RunResult
from . import Options
from .positions import Snippet, amount, clean, locate, number, ordered, plural, primary, sentence
from .positions import summary_line as _summary_line

_RESET = "\x1b[0m"
_STYLE = {
    "path": "\x1b[1m",
    "dim": "\x1b[2m",
    "mark": "\x1b[1;4m",
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;36m",
}


class Painter:
    """Wrap text in ANSI styles when colour is on; mark quantities with [[...]] when off."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, style: object, text: str) -> str:
        if not self.color or not text:
            return text
        return f"{_STYLE[style]}{text}{_RESET}"

    def snippet(self, s: Snippet, severity: Severity) -> str:
        if self.color:
            mark = f"{_STYLE['mark']}{_STYLE[severity]}{s.marked}{_RESET}"
        else:
            mark = f"[[{s.marked}]]"
        return f"{s.before}{mark}{s.after}"


def finding_line(result: FileResult, finding: Finding, paint: Painter | None = None) -> str:
    """``path:line:col: CODE [severity] message`` (``path: ...`` with no quantity)."""
    paint = paint or Painter(False)
    doc, q, _ = primary(result, finding)
    where = clean(doc.path)
    if q is not None:
        loc = locate(doc, q)
        where = f"{where}:{loc.line}:{loc.column}"
    severity = paint(finding.severity, f"[{finding.severity}]")
    return f"{paint('path', where)}: {finding.code} {severity} {clean(finding.message)}"


def emit(run: RunResult, stream: TextIO, options: Options) -> None:
    """Write the human-readable report, coloured when ``options.color``."""
    paint = Painter(options.color)
    if run.command == "extract":
        _extract(run, stream, paint)
    else:
        _findings(run, stream, paint)
    if run.command == "extract":
        found = sum(len(r.quantities) for r in run.results)
        line = (
            f"Found {plural(found, 'quantity', 'quantities')} in "
            f"{plural(len(run.results), 'file')}."
        )
        if run.problems:
            line += f" {plural(len(run.problems), 'input')} could not be read."
    else:
        line = _summary_line(run)
    stream.write(paint("path", line) + "\n")


def _findings(run: RunResult, stream: TextIO, paint: Painter) -> None:
    for result, findings in ordered(run):
        if not findings:
            continue
        if result.original is not None:
            header = f"== {clean(result.original.path)} -> {clean(result.document.path)}"
        else:
            header = f"== {clean(result.document.path)}"
        stream.write(paint("path", header) + "\n")
        for finding in findings:
            stream.write(finding_line(result, finding, paint) + "\n")
            sides = (("original", finding.a, "a"), ("revised", finding.b, "b"))
            if result.original is None:
                sides = (("text", finding.b or finding.a, "b"),)
            width = max(len(label) for label, _, _ in sides) + 1
            for label, q, side in sides:
                text = _side_text(result, q, side, finding.severity, paint)
                stream.write(f"  {paint('dim', (label + ':').ljust(width))} {text}\n")
        stream.write("\n")


def _side_text(
    result: FileResult, q: Quantity | None, side: str, severity: Severity, paint: Painter
) -> str:
    if q is None:
        return paint("dim", "(no matching quantity)")
    return paint.snippet(sentence(result, side, q), severity)


def _extract(run: RunResult, stream: TextIO, paint: Painter) -> None:
    for result in run.results:
        doc = result.document
        stream.write(paint("path", clean(doc.path)) + "\n")
        if not result.quantities:
            stream.write(paint("dim", "  no quantities") + "\n")
        rows = []
        for q in result.quantities:
            loc = locate(doc, q)
            si = f"{number(q.si_value)} {q.si_unit or ''}".strip() if q.si_value is not None else ""
            rows.append((f"{loc.line}:{loc.column}", clean(q.text), amount(q), q.unit or "-", si))
        widths = [max((len(row[i]) for row in rows), default=0) for i in range(4)]
        for row in rows:
            cells = [cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)]
            line = "  ".join(cells + ([f"= {row[4]}"] if row[4] else []))
            stream.write(f"  {line.rstrip()}\n")
