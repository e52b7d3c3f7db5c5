"""reviewdog's rdjsonl: one Diagnostic object a line, for ``reviewdog -f=rdjsonl``.

reviewdog then comments on pull requests, filtered to the changed lines. The original's
quantity, when there is one, goes in ``related_locations``. Columns are 1-based.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..codes import BY_CODE
from ..inputs import Document
from ..model import Finding, Quantity
from ..result import FileResult, RunResult
from . import Options
from .positions import document_of, locate, ordered, primary, relative_path

_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def _location(doc: Document, q: Quantity | None) -> dict[str, Any]:
    where: dict[str, Any] = {"path": relative_path(doc.path)}
    if q is not None:
        loc = locate(doc, q)
        where["range"] = {
            "start": {"line": loc.line, "column": loc.column},
            "end": {"line": loc.end_line, "column": loc.end_column},
        }
    return where


def diagnostic(result: FileResult, finding: Finding) -> dict[str, Any]:
    """One finding as a reviewdog Diagnostic."""
    doc, q, side = primary(result, finding)
    out: dict[str, Any] = {
        "message": finding.message,
        "location": _location(doc, q),
        "severity": _SEVERITY[str(finding.severity)],
        "code": {"value": f"{finding.code} {finding.name}"},
        "source": {"name": "unitcheck"},
    }
    if side == "b" and finding.a is not None:
        out["related_locations"] = [
            {
                "message": f"in the original: {finding.a.text}",
                "location": _location(document_of(result, "a"), finding.a),
            }
        ]
    if finding.code in BY_CODE:
        out["original_output"] = BY_CODE[finding.code].summary
    return out


def emit(run: RunResult, stream: TextIO, options: Options) -> None:
    for result, findings in ordered(run):
        for finding in findings:
            stream.write(json.dumps(diagnostic(result, finding), ensure_ascii=False) + "\n")
