"""Comparison of two versions of a text: ``compare(original, revised)``.

``align`` pairs the sentences of both versions; ``judge`` matches their quantities and
turns every disagreement into a finding.
"""

from .judge import compare

__all__ = ["compare"]
