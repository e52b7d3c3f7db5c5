"""Text as unitcheck reads it: files and markup in, tokens, sentences and context out.

``reading`` turns a file or bytes into a ``Document`` (``markup`` strips HTML and
Markdown while keeping offsets), ``tokens`` is the one word tokenizer, ``nlp`` the spaCy
pipeline, ``context`` the named word sets every rule asks about, and ``suppress`` the
inline ``unitcheck: ignore`` comments. Nothing here knows about units.
"""
