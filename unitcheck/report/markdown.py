"""A Markdown table for a pull-request comment or a job summary (``$GITHUB_STEP_SUMMARY``).

Every piece of copy is escaped, so a ``|`` or a ``*`` in an article cannot break the
table or turn into formatting.
"""

from __future__ import annotations

import re
from typing import TextIO

from ..model import Finding, Quantity
from ..report import Options
from ..result import FileResult, RunResult
from .positions import (
    amount,
    clean,
    locate,
    number,
    ordered,
    primary,
    problem_message,
    summary_line,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")


def escape(text: str) -> str:
    """*text* as literal Markdown on one line: every special character backslashed."""
    return _SPECIAL.sub(r"\\\1", clean(text)).strip()


def _surface(q: Quantity | None) -> str:
    return f"**{escape(q.text)}**" if q is not None else "—"


def _row(result: FileResult, finding: Finding) -> str:
    doc, q, _ = primary(result, finding)
    line = str(locate(doc, q).line) if q is not None else ""
    if finding.primary is None:  # about no quantity (UC401): the message says it all
        change = ""
    elif result.original is not None:
        change = f"<br>{_surface(finding.a)} → {_surface(finding.b)}"
    else:
        change = f"<br>{_surface(finding.b or finding.a)}"
    cells = [
        escape(doc.path),
        line,
        f"`{finding.code}` {escape(finding.name)}",
        str(finding.severity),
        f"{escape(finding.message)}{change}",
    ]
    return "| " + " | ".join(cells) + " |"


def emit(run: RunResult, stream: TextIO, options: Options) -> None:
    """Write the findings (or, for extract, the quantities) as a Markdown table."""
    stream.write("## unitcheck\n\n")
    if run.command == "extract":
        _extract(run, stream)
    else:
        rows = [_row(r, f) for r, fs in ordered(run) for f in fs]
        if rows:
            stream.write(f"{escape(summary_line(run))}\n\n")
            stream.write("| File | Line | Code | Severity | Finding |\n")
            stream.write("|---|---:|---|---|---|\n")
            stream.write("".join(row + "\n" for row in rows))
        else:
            stream.write(f"{escape(summary_line(run))}\n")
    if run.problems:
        stream.write("\n**Inputs that could not be read**\n\n")
        for problem in run.problems:
            stream.write(f"- {escape(problem.path)}: {escape(problem_message(problem))}\n")


def _extract(run: RunResult, stream: TextIO) -> None:
    rows = []
    for result in run.results:
        doc = result.document
        for q in result.quantities:
            loc = locate(doc, q)
            si = f"{number(q.si_value)} {q.si_unit or ''}".strip() if q.si_value is not None else ""
            cells = [
                escape(doc.path),
                f"{loc.line}:{loc.column}",
                escape(q.text),
                escape(amount(q)),
                escape(q.unit or ""),
                escape(si),
            ]
            rows.append("| " + " | ".join(cells) + " |")
    if not rows:
        stream.write("No quantities found.\n")
        return
    stream.write("| File | Position | Quantity | Value | Unit | SI value |\n")
    stream.write("|---|---|---|---:|---|---|\n")
    stream.write("".join(row + "\n" for row in rows))
