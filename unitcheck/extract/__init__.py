"""Extraction: every quantity in a text, with its span, value, unit and kind.

``extract(text)`` is the one entry point. The stages live in their own modules:
``numbers`` (number grammar), ``unit_reader`` and ``surfaces`` (units after a number),
``money`` (currencies and subunits), ``ranges`` (ranges, bounds, coordination),
``not_quantities`` (years, dates, scores and other numbers that are not quantities) and
``build`` (the Quantity each reading becomes); ``scan`` runs them over the tokens.
"""

from .scan import extract

__all__ = ["extract"]
