"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Each finding is a result whose ``ruleId`` is its code and whose location is the
quantity in the revised (or linted) file; the original's quantity, when there is one,
is a related location. A finding about a quantity found only in the original points at
the original. Columns count Unicode code points (``columnKind``) and URIs are relative
to the working directory. ``partialFingerprints`` hash the code, the surfaces and the
sentence, not line numbers, so an alert survives edits elsewhere in the file.
Each rule's ``helpUri`` is its section of ``docs/codes.md``; a finding that knows the
right text carries it as a ``fixes`` entry (one replacement of the quantity's region).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from typing import Any, TextIO
from urllib.parse import quote

from .. import __version__
from ..codes import CATALOG, Code
from ..model import Finding, Quantity, Severity, Span
from ..report import Options
from ..result import FileResult, RunResult
from ..text.reading import Document
from .positions import (
    dump_json,
    locate,
    ordered,
    primary,
    problem_message,
    relative_path,
    sentence,
)

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT = "unitcheck/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def uri(path: str) -> str:
    """A relative URI reference for *path* (``<stdin>`` is kept, percent-encoded).

    A file name that is not UTF-8 comes in with its stray bytes as surrogates
    (``surrogateescape``); those bytes are percent-encoded as they are, so the URI still
    names the file: ``caf\udce9.txt`` becomes ``caf%E9.txt``.
    """
    rel = relative_path(path)
    try:
        raw = rel.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no byte stands for: mark it, keep the rest
        raw = rel.encode("utf-8", "surrogatepass")
    return quote(raw, safe="/:")


def _rule(code: Code) -> dict[str, Any]:
    text = f"{code.summary} {code.why}\nExample: {code.example}\nFix: {code.fix}"
    markdown = (
        f"{code.summary}\n\n**Why it matters.** {code.why}\n\n"
        f"**Example:** `{code.example}`\n\n**Fix.** {code.fix}"
    )
    return {
        "id": code.code,
        "name": code.name,
        "shortDescription": {"text": code.summary},
        "fullDescription": {"text": code.why},
        "help": {"text": text, "markdown": markdown},
        "helpUri": code.url,
        "defaultConfiguration": {"level": LEVELS[code.severity]},
    }


def _physical(doc: Document, q: Quantity | Span | None) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": uri(doc.path)}}
    if q is not None:
        region = _region(doc, q)
        start = region["charOffset"]
        region["snippet"] = {"text": doc.source[start : start + region["charLength"]]}
        location["region"] = region
    return location


def _region(doc: Document, q: Quantity | Span) -> dict[str, Any]:
    """Where a quantity (or a finding's own span) stands, as a SARIF region."""
    loc = locate(doc, q)
    return {
        "startLine": loc.line,
        "startColumn": loc.column,
        "endLine": loc.end_line,
        "endColumn": loc.end_column,
        "charOffset": loc.offset,
        "charLength": loc.length,
    }


def _fix(doc: Document, q: Quantity, finding: Finding) -> dict[str, Any]:
    """A SARIF fix replacing the quantity with ``finding.suggestion``.

    ``properties.safe`` is ``fix_safe``: the only sensible reading, which
    ``unitcheck --fix`` applies unasked; other fixes are guesses for a person to confirm.
    """
    assert finding.suggestion is not None
    what = f"Replace \u201c{q.text}\u201d with \u201c{finding.suggestion}\u201d"
    return {
        "description": {"text": what},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": uri(doc.path)},
                "replacements": [
                    {
                        "deletedRegion": _region(doc, q),
                        "insertedContent": {"text": finding.suggestion},
                    }
                ],
            }
        ],
        "properties": {"safe": finding.fix_safe},
    }


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def fingerprint(result: FileResult, finding: Finding) -> str:
    """A hash of what the finding is about, independent of where the text moved."""
    _, q, side = primary(result, finding)
    context = sentence(result, side, q, limit=10_000).text if q is not None else ""
    parts = [
        finding.code,
        _normal(finding.a.text) if finding.a is not None else "",
        _normal(finding.b.text) if finding.b is not None else "",
        _normal(context),
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _result(result: FileResult, finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    doc, q, side = primary(result, finding)
    out: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in rule_index:
        out["ruleIndex"] = rule_index[finding.code]
    out["level"] = LEVELS[finding.severity]
    out["message"] = {"text": finding.message}
    out["locations"] = [{"physicalLocation": _physical(doc, q)}]
    if finding.suggestion is not None and isinstance(q, Quantity):
        out["fixes"] = [_fix(doc, q, finding)]
    if side == "b" and finding.a is not None and result.original is not None:
        out["relatedLocations"] = [
            {
                "id": 1,
                "message": {"text": f"In the original: {finding.a.text}"},
                "physicalLocation": _physical(result.original, finding.a),
            }
        ]
    return out


def sarif_dict(run: RunResult) -> dict[str, Any]:
    """The SARIF log for *run* as a JSON-ready dict."""
    rule_index = {code.code: i for i, code in enumerate(CATALOG)}
    results = []
    seen: Counter[tuple[str, str]] = Counter()
    for result, findings in ordered(run):
        for finding in findings:
            item = _result(result, finding, rule_index)
            # Two identical findings in one file still get distinct fingerprints.
            key = (
                item["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                fingerprint(result, finding),
            )
            seen[key] += 1
            item["partialFingerprints"] = {FINGERPRINT: f"{key[1]}:{seen[key]}"}
            results.append(item)
    notifications = [
        {
            "level": "error",
            "message": {"text": problem_message(problem)},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(problem.path)}}}],
        }
        for problem in run.problems
    ]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "unitcheck",
                        "version": __version__,
                        "rules": [_rule(code) for code in CATALOG],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not run.problems,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def emit(run: RunResult, stream: TextIO, options: Options) -> None:
    """Write *run* to *stream* as a SARIF 2.1.0 log."""
    stream.write(dump_json(sarif_dict(run), indent=2) + "\n")
