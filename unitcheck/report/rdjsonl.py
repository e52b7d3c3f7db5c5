"""reviewdog's rdjsonl: one Diagnostic object a line, for ``reviewdog -f=rdjsonl``.

reviewdog then comments on pull requests, filtered to the changed lines. The original's
quantity, when there is one, goes in ``related_locations``. Lines and columns are
1-based and columns count **UTF-8 bytes**, as reviewdog's ``Position`` says
(``proto/rdf/reviewdog.proto``): in "a — 5 km" the 5 is at column 7, not 5.
``code.value`` is the code alone ("UC102") and ``code.url`` its documentation; a
finding that knows the right text carries it as a ``suggestions`` entry over the
quantity's range, which reviewdog offers as a suggested change.
"""

from __future__ import annotations

from typing import Any, TextIO

from ..codes import BY_CODE
from ..model import Finding, Quantity, Span
from ..report import Options
from ..result import FileResult, RunResult
from ..text.reading import Document
from .positions import (
    document_of,
    dump_json,
    locate,
    ordered,
    primary,
    relative_path,
    utf8_column,
)

_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def _range(doc: Document, q: Quantity | Span) -> dict[str, Any]:
    loc = locate(doc, q)
    (line, column), (end_line, end_column) = (
        utf8_column(doc, loc.offset),
        utf8_column(doc, loc.offset + loc.length),
    )
    return {
        "start": {"line": line, "column": column},
        "end": {"line": end_line, "column": end_column},
    }


def _location(doc: Document, q: Quantity | Span | None) -> dict[str, Any]:
    where: dict[str, Any] = {"path": relative_path(doc.path)}
    if q is not None:
        where["range"] = _range(doc, q)
    return where


def diagnostic(result: FileResult, finding: Finding) -> dict[str, Any]:
    """One finding as a reviewdog Diagnostic."""
    doc, q, side = primary(result, finding)
    code: dict[str, Any] = {"value": finding.code}
    entry = BY_CODE.get(finding.code)
    if entry is not None:
        code["url"] = entry.url
    out: dict[str, Any] = {
        "message": finding.message,
        "location": _location(doc, q),
        "severity": _SEVERITY[str(finding.severity)],
        "code": code,
        "source": {"name": "unitcheck"},
    }
    if finding.suggestion is not None and isinstance(q, Quantity):
        out["suggestions"] = [{"range": _range(doc, q), "text": finding.suggestion}]
    if side == "b" and finding.a is not None:
        out["related_locations"] = [
            {
                "message": f"in the original: {finding.a.text}",
                "location": _location(document_of(result, "a"), finding.a),
            }
        ]
    if entry is not None:
        out["original_output"] = f"{finding.code} {finding.name}: {entry.summary}"
    return out


def emit(run: RunResult, stream: TextIO, options: Options) -> None:
    for result, findings in ordered(run):
        for finding in findings:
            stream.write(dump_json(diagnostic(result, finding)) + "\n")
