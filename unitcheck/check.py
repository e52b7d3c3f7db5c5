"""Check a document or a pair the way the command line does, and return the result.

``compare`` and ``lint`` run the engine on plain text. A run of ``unitcheck compare``
or ``unitcheck lint`` does more with what the engine finds: the suppression comments
in the copy silence findings (and a comment that silences nothing, or cannot be read,
is a UC401 finding of its own), then the settings drop the codes they ignore
(``select``, ``ignore``, ``per-file-ignores``) and re-grade the rest (``severity``).
``check_pair`` and ``check_document`` do all of that, so a program gets exactly the
findings the command line reports for the same input and settings.

>>> result = check_pair("The road is 600 miles long.", "The road is 600km long.")
>>> [(f.code, f.a.text, f.b.text) for f in result.findings]
[('UC101', '600 miles', '600km')]
>>> from unitcheck.config import Settings
>>> check_pair("It is 600 miles.", "It is 600km.", Settings(ignore=frozenset({"UC101"}))).findings
()

``min_level`` is not applied: as in a run, hidden findings still count for
``fail_level``; ``RunResult.shown`` leaves them out of a report.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .model import Comparison, Finding, Quantity, Segment
from .result import FileResult
from .text.reading import Document, document_from_bytes, format_of

if TYPE_CHECKING:
    from .config.settings import Settings

__all__ = ["check_document", "check_pair", "compare_result", "lint_result", "as_document"]

#: The name a text gets when no path is given.
TEXT_NAME = "<text>"


def check_pair(
    original: str | Document,
    revised: str | Document,
    settings: Settings | None = None,
    *,
    path: str | None = None,
    original_path: str | None = None,
) -> FileResult:
    """Compare *original* with *revised* as ``unitcheck compare`` does.

    Each side is a text or a ``Document`` (``unitcheck.text.reading.read_text``). A text is
    read as a file named *path* would be (the revised copy's path; *original_path*,
    default *path*, names the original): its extension says whether it is Markdown or
    HTML, so the comments there are found, and ``per-file-ignores`` match *path*.
    *settings* default to ``Settings()``; ``config.load_settings`` gives those a
    run would use for a file. Raises ``InputError`` for a text the command line would
    refuse (``EmptyInputError`` when there is nothing in it to check).
    """
    from .compare import compare

    settings = _settings(settings)
    doc_b = as_document(revised, path)
    doc_a = as_document(original, original_path if original_path is not None else path)
    comparison = compare(doc_a.text, doc_b.text, settings=settings)
    return compare_result(doc_a, doc_b, comparison, settings)


def check_document(
    text: str | Document, settings: Settings | None = None, *, path: str | None = None
) -> FileResult:
    """Check one version on its own as ``unitcheck lint`` does.

    *text*, *path* and *settings* are read as in ``check_pair``.

    >>> [f.code for f in check_document("The convoy covered 600 miles (1,600km).").findings]
    ['UC104']
    """
    from .lint.rules import linted

    settings = _settings(settings)
    document = as_document(text, path)
    found = linted(document.text, settings=settings)
    return lint_result(
        document, found.findings, settings, quantities=found.quantities, segments=found.segments
    )


def compare_result(
    original: Document, revised: Document, comparison: Comparison, settings: Settings
) -> FileResult:
    """The result of a pair once ``compare`` has run: comments and *settings* applied.

    The second half of ``check_pair``, for callers that run ``compare`` elsewhere (in
    worker processes, as the command line does).
    """
    findings = _filtered(comparison.findings, revised, original, settings)
    return FileResult(
        "compare", revised, original=original, findings=findings, comparison=comparison
    )


def lint_result(
    document: Document,
    findings: Iterable[Finding],
    settings: Settings,
    *,
    quantities: Iterable[Quantity] = (),
    segments: Iterable[Segment] = (),
) -> FileResult:
    """The result of one document once ``lint`` has run: comments and *settings* applied.

    The second half of ``check_document``, as ``compare_result`` is of ``check_pair``.
    *quantities* and *segments* are what the lint read (``lint.rules.linted``); the
    result carries them so that reports render them without running anything again.
    """
    return FileResult(
        "lint",
        document,
        findings=_filtered(findings, document, None, settings),
        quantities=tuple(quantities),
        segments=tuple(segments),
    )


def as_document(text: str | Document, path: str | None = None) -> Document:
    """*text* read as the file *path* (format from its extension), or a ``Document`` as is.

    The text goes through the reader a file does (control sequences, invisible
    characters, Markdown and HTML markup), so offsets match a run on that file.

    >>> doc = as_document("The dam is <b>60 m</b> tall.", "story.html")
    >>> doc.format, doc.text.strip()
    ('html', 'The dam is 60 m tall.')
    """
    if isinstance(text, Document):
        return text
    name = path if path is not None else TEXT_NAME
    fmt = format_of(path or "")
    # Lone surrogates pass through to the decoder, which says what it makes of them.
    data = text.encode("utf-8", "surrogatepass")
    return document_from_bytes(data, name=name, format=fmt)


def _settings(settings: Settings | None) -> Settings:
    from .config.settings import resolve

    return resolve(settings)


def _filtered(
    findings: Iterable[Finding], document: Document, original: Document | None, settings: Settings
) -> tuple[Finding, ...]:
    """Apply the inline suppression comments, then the config (ignores, severities)."""
    from .config.settings import apply
    from .text.suppress import apply_comments

    # Comments first: a comment aimed at a code the config ignores is still "used".
    kept = tuple(findings)
    for doc, side in ((document, "b"), (original, "a")):
        if doc is not None:
            kept = apply_comments(kept, doc, side)
    return apply(settings, kept, document.path)
