"""Checks on one text on its own: ``lint(text)``.

``rules`` runs them; ``context`` reads what a sentence says around a quantity,
``ambiguity`` flags units a reader cannot pin down, ``plausibility`` flags figures out of
the range their kind allows.
"""

from .rules import lint

__all__ = ["lint"]
