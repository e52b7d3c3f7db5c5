"""Apply the replacements findings suggest, to a copy of the text (never in place here).

>>> from unitcheck.model import Finding, Kind, Quantity, Severity
>>> q = Quantity("965km", 11, 16, 965.0, "kilometer", Kind.MEASURE)
>>> f = Finding("UC104", "conversion-wrong", Severity.ERROR, "m", None, q, "966 km", True)
>>> apply_fixes("600 miles (965km)", [f])
('600 miles (966 km)', 1)
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Finding


def fixable(findings: Iterable[Finding], *, unsafe: bool = False) -> list[Finding]:
    """The findings whose suggestion may be applied: safe ones, or all with *unsafe*."""
    return [
        f
        for f in findings
        if f.suggestion is not None and f.primary is not None and (unsafe or f.fix_safe)
    ]


def apply_fixes(text: str, findings: Iterable[Finding], *, unsafe: bool = False) -> tuple[str, int]:
    """Return *text* with each fixable finding's span replaced, and how many were applied.

    Overlapping fixes are not guessed between: the first (leftmost) wins, later ones that
    touch its span are skipped, so a fix never edits text another fix already changed.
    """
    chosen: list[Finding] = []
    last_end = -1
    ordered = sorted(fixable(findings, unsafe=unsafe), key=_span_of)
    for f in ordered:
        q = f.primary
        assert q is not None
        if q.start < last_end:
            continue
        chosen.append(f)
        last_end = q.end
    pieces: list[str] = []
    cursor = 0
    for f in chosen:
        q = f.primary
        assert q is not None and f.suggestion is not None
        pieces.append(text[cursor : q.start])
        pieces.append(f.suggestion)
        cursor = q.end
    pieces.append(text[cursor:])
    return "".join(pieces), len(chosen)


def _span_of(f: Finding) -> tuple[int, int]:
    assert f.primary is not None
    return f.primary.span
