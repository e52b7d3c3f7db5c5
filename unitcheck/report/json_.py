"""JSON and JSON Lines reports; the schema is documented in ``docs/schema.md``.

``json`` writes one object with ``schema_version`` 3. ``jsonl`` writes one object a
line and no wrapper: a finding (compare, lint) or a quantity (extract), each with its
``path``, or an unreadable input as ``{"path": ..., "error": ...}``.
"""

from __future__ import annotations

import math
from typing import Any, TextIO

from ..model import Finding, Quantity, Span
from ..report import Options
from ..result import FileResult, RunResult
from ..text.reading import Document
from .positions import document_of, dump_json, locate, ordered, problem_message

#: 2: money written in a subunit keeps its figure and subunit ("27 cents": 27, "cent").
#: 3: every finding has a ``location``; a UC401 has no quantity (``a`` and ``b`` null).
SCHEMA_VERSION = 3


def _float(value: float | None) -> float | None:
    """JSON has no NaN or infinity: those become null."""
    if value is None or not math.isfinite(value):
        return None
    return value


def quantity_dict(doc: Document, q: Quantity) -> dict[str, Any]:
    """A quantity as JSON: offsets into ``doc.text``, line and column in its source."""
    loc = locate(doc, q)
    return {
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "value": _float(q.value),
        "low": _float(q.low),
        "high": _float(q.high),
        "unit": q.unit,
        "noun": q.noun,
        "kind": q.kind,
        "qualifier": q.qualifier,
        "si_value": _float(q.si_value),
        "si_unit": q.si_unit,
    }


def location_dict(result: FileResult, place: Span) -> dict[str, Any]:
    """Where a finding points, on its side: path, offsets, line and column."""
    doc = document_of(result, place.side)
    loc = locate(doc, place)
    return {
        "side": place.side,
        "path": doc.path,
        "start": place.start,
        "end": place.end,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
    }


def finding_dict(result: FileResult, finding: Finding) -> dict[str, Any]:
    """A finding as JSON: where it points, and both quantities (null where absent)."""
    original = result.original
    place = finding.place
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": str(finding.severity),
        "message": finding.message,
        "path": result.document.path,
        "original_path": original.path if original is not None else None,
        "location": location_dict(result, place) if place is not None else None,
        "a": quantity_dict(original or result.document, finding.a)
        if finding.a is not None
        else None,
        "b": quantity_dict(result.document, finding.b) if finding.b is not None else None,
        "suggestion": finding.suggestion,
        "fix_safe": finding.fix_safe,
    }


def _files(run: RunResult) -> list[dict[str, Any]]:
    return [
        {
            "path": r.document.path,
            "quantities": [quantity_dict(r.document, q) for q in r.quantities],
        }
        for r in run.results
    ]


def _errors(run: RunResult) -> list[dict[str, str]]:
    return [{"path": p.path, "message": problem_message(p)} for p in run.problems]


def report_dict(run: RunResult) -> dict[str, Any]:
    """The whole report as one JSON-ready dict."""
    if run.command == "extract":
        return {
            "schema_version": SCHEMA_VERSION,
            "command": run.command,
            "files": _files(run),
            "errors": _errors(run),
        }
    return {
        "schema_version": SCHEMA_VERSION,
        "command": run.command,
        "findings": [finding_dict(r, f) for r, fs in ordered(run) for f in fs],
        "summary": run.summary(),
        "errors": _errors(run),
    }


def _dump(obj: object, indent: int | None = None) -> str:
    """Strict JSON: valid for lone surrogates and line separators in the input too."""
    return dump_json(obj, indent=indent)


def emit_json(run: RunResult, stream: TextIO, options: Options) -> None:
    """Write *run* as one JSON object (``schema_version`` 3)."""
    stream.write(_dump(report_dict(run), indent=2) + "\n")


def emit_jsonl(run: RunResult, stream: TextIO, options: Options) -> None:
    """Write *run* as JSON Lines: one finding, quantity or unreadable input a line."""
    if run.command == "extract":
        for file in _files(run):
            for q in file["quantities"]:
                stream.write(_dump({"path": file["path"], **q}) + "\n")
    else:
        for result, findings in ordered(run):
            for finding in findings:
                stream.write(_dump(finding_dict(result, finding)) + "\n")
    for error in _errors(run):
        stream.write(_dump({"path": error["path"], "error": error["message"]}) + "\n")
