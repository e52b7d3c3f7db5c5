"""GitHub Actions workflow commands: one annotation a finding.

``::error file=F,line=L,col=C,endLine=L,endColumn=C,title=UC101 unit-changed::message``.
Info findings become ``::notice``. GitHub shows at most ten annotations of each kind
per step and drops the rest silently, so past ten errors (or warnings, or notices) this
writes a final ``::notice::`` that says how many more there are and where to see them.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TextIO

from ..model import Severity
from ..report import Options
from ..result import RunResult
from .positions import (
    locate,
    ordered,
    primary,
    problem_message,
    relative_path,
    show_surrogates,
    summary_line,
)

#: Control characters other than line breaks and tabs: never useful in a log.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Annotations of one kind that GitHub shows for a step.
LIMIT = 10
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (the part after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _plain(text: str) -> str:
    """Controls other than line breaks become spaces, lone surrogates escapes."""
    return show_surrogates(_CONTROL.sub(" ", text))


def command(kind: str, message: str, **properties: object) -> str:
    r"""One workflow command line; properties whose value is None are left out.

    >>> command("error", "50% up\nor 5:1", file="a,b:c.txt", title="UC102 x")
    '::error file=a%2Cb%3Ac.txt,title=UC102 x::50%25 up%0Aor 5:1'
    """
    props = ",".join(
        f"{key}={escape_property(_plain(str(value)))}"
        for key, value in properties.items()
        if value is not None
    )
    return f"::{kind}{' ' + props if props else ''}::{escape_data(_plain(message))}"


def emit(run: RunResult, stream: TextIO, options: Options) -> None:
    """Write one workflow command a finding, within GitHub's per-step limits."""
    lines: list[tuple[str, str]] = []
    for problem in run.problems:
        lines.append(
            (
                "error",
                command(
                    "error",
                    problem_message(problem),
                    file=relative_path(problem.path),
                    title="unreadable input",
                ),
            )
        )
    for result, findings in ordered(run):
        for finding in findings:
            doc, q, _ = primary(result, finding)
            props: dict[str, object] = {"file": relative_path(doc.path)}
            if q is not None:
                loc = locate(doc, q)
                props.update(
                    line=loc.line, col=loc.column, endLine=loc.end_line, endColumn=loc.end_column
                )
            props["title"] = f"{finding.code} {finding.name}"
            kind = COMMANDS[finding.severity]
            lines.append((kind, command(kind, finding.message, **props)))

    totals = Counter(kind for kind, _ in lines)
    over = sum(max(0, n - LIMIT) for n in totals.values())
    # The closing notice is a notice too: keep room for it.
    limits = {"error": LIMIT, "warning": LIMIT, "notice": LIMIT - 1 if over else LIMIT}
    over = sum(max(0, n - limits[kind]) for kind, n in totals.items())
    shown: Counter[str] = Counter()
    for kind, line in lines:
        shown[kind] += 1
        if shown[kind] <= limits[kind]:
            stream.write(line + "\n")
    if over:
        stream.write(
            command(
                "notice",
                f"{over} more {'finding' if over == 1 else 'findings'} not shown as annotations "
                f"(GitHub shows {LIMIT} of each kind per step); see the full report, "
                "e.g. with --format markdown or --format sarif.",
                title="unitcheck: more findings",
            )
            + "\n"
        )
    stream.write(summary_line(run) + "\n")
