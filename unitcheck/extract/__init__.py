"""Extraction: every quantity in a text, with its span, value, unit and kind.

``extract(text)`` is the one entry point. Extraction is a row of stages, each a module of
plain functions over one scan state (``state.Scan``: the tokens, the tables, what a stage
keeps for later in the same text) and the ``state.Reading`` they write notes on. A module
imports only the stages before it, lowest first:

1. ``lexicon``, ``surfaces``, ``numbers``: the word and unit tables and the number grammar
   (digits, fractions, number words), over tokens alone;
2. ``state``: the scan, the reading, the word sets several stages share;
3. ``money`` (currencies and subunits), ``unit_reader`` (scales, units, rates,
   percentages) and ``counts`` (the noun a bare number counts);
4. ``not_quantities``: the distractors (years, dates, scores, identifiers), decided
   inside the single reading, before its scale and unit;
5. ``reading``: the single reading at a token, from a currency symbol to a counted noun;
6. ``ranges``: ranges, bounds ("more than") and a unit shared in a list, built from
   single readings;
7. ``build``: the ``Quantity`` each reading becomes (the match / build split);
8. ``scan``: ``extract()`` and the driver loop that runs the stages over the tokens.
"""

from .scan import extract

__all__ = ["extract"]
