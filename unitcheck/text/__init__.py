"""Text as unitcheck reads it: files and markup in, tokens, sentences and context out.

``reading`` turns a file or bytes into a ``Document`` (``markup`` strips HTML and
Markdown while keeping offsets), ``tokens`` is the one tokenizer (the lexer the
quantity grammar reads), ``words`` groups its tokens into the words of prose (lint's
context, compare's alignment), ``sentences`` the one segmenter (compare, lint and every
report cut a text at the same places) on spaCy's rules (``sentence_rules``; ``nlp`` is
spaCy itself, the tests' reference); ``context`` holds the named word sets every
rule asks about, and ``suppress`` the inline ``unitcheck: ignore`` comments. Nothing
here knows about units.
"""
