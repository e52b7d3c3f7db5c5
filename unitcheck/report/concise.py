"""One line a finding: ``path:line:col: CODE [severity] message``.

Nothing else is written for findings, so the output suits ``grep``, editors' error
lists and problem matchers. Unreadable inputs are left to the CLI, which reports them
on standard error; ``extract`` writes ``path:line:col: surface`` for each quantity.
"""

from __future__ import annotations

from typing import TextIO

from ..report import Options
from ..result import RunResult
from .positions import clean, locate, ordered
from .text import Painter, finding_line


def emit(run: RunResult, stream: TextIO, options: Options) -> None:
    """Write one line a finding (or a quantity, for extract) to *stream*."""
    if run.command == "extract":
        for result in run.results:
            doc = result.document
            for q in result.quantities:
                loc = locate(doc, q)
                stream.write(f"{clean(doc.path)}:{loc.line}:{loc.column}: {clean(q.text)}\n")
    else:
        paint = Painter(options.color)
        for result, findings in ordered(run):
            for finding in findings:
                stream.write(finding_line(result, finding, paint) + "\n")
