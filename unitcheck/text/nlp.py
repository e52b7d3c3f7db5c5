"""The one spaCy pipeline unitcheck knows: a blank English tokenizer plus the sentencizer.

It is the reference for ``text.sentence_rules``, which gives the same sentence boundaries
in plain Python from rules ``scripts/gen_sentence_rules.py`` copies out of spaCy; the
tests compare the two. No command imports it: ``import spacy`` and ``spacy.blank("en")``
cost most of a second, which a cold ``lint`` or ``compare`` no longer pays. spaCy is
imported inside :func:`get_nlp`, never at module import.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

#: Longest text one ``nlp`` call accepts. The blank pipeline keeps no parser or NER
#: state, so spaCy's default one-million-character guard is only a nuisance here.
MAX_LENGTH = 20_000_000


@functools.cache
def get_nlp() -> Language:
    """Build, once per process, a blank English pipeline with the rule-based sentencizer.

    Never a downloaded model: tokenizer exceptions ("U.S.", "Mr.", "p.m.") come with
    ``spacy.blank("en")`` and the sentencizer splits on sentence-final punctuation.
    """
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = MAX_LENGTH
    return nlp
