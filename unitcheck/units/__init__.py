"""Units through pint: what a unit is, in SI, and how two quantities relate.

``registry`` wraps pint (``unit_info``, ``to_si``, ``convert``), ``pint_cache`` keeps
pint's answers on disk so a cold start need not import pint, ``conversion`` decides
whether two quantities agree, ``regional`` re-reads bare gallons and tons for a locale,
``subunits`` knows cents and pence.
"""
