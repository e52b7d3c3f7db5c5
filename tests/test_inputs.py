"""Reading inputs: refusals, decoding, formats, and positions back in the source."""

from __future__ import annotations

import codecs
import io
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unitcheck.errors import EmptyInputError, InputError, UnitcheckError
from unitcheck.text.reading import (
    STDIN_NAME,
    Document,
    decode,
    document_from_bytes,
    format_of,
    read_text,
)


def write_bytes(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def refusal(data: bytes, fmt: str = "text") -> str:
    with pytest.raises(InputError) as info:
        document_from_bytes(data, name="story.txt", format=fmt)
    assert isinstance(info.value, UnitcheckError) and isinstance(info.value, OSError)
    return str(info.value)


# --- refusals ---------------------------------------------------------------------------


def test_inputs_missing_file(tmp_path: Path) -> None:
    path = str(tmp_path / "nope.txt")
    with pytest.raises(InputError) as info:
        read_text(path)
    assert str(info.value) == f"{path}: no such file"
    assert info.value.path == path and info.value.reason == "no such file"


def test_inputs_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_text(str(tmp_path))


def test_inputs_nul_in_path() -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text("bad\0name.txt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_inputs_permission_denied(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "locked.txt", b"5 km")
    os.chmod(path, 0)
    with pytest.raises(InputError, match="permission denied"):
        read_text(path)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "file is empty"),  # nothing at all
        (b" \r\n\t\n", "file is empty"),  # whitespace only
        (b"\xef\xbb\xbf", "file is empty"),  # a UTF-8 BOM and nothing else
        (b"\xff\xfe", "file is empty"),  # a UTF-16 BOM and nothing else
        (b"5 km\x00\x00\x01", "looks like a binary file"),  # a NUL byte
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file"),  # an image
        (b"\x01\x02\x03\x04 ab", "looks like a binary file"),  # mostly control characters
        # UTF-16 without a BOM, cut in the middle of a character
        ("5 km".encode("utf-16-le")[:-1], "cannot decode as UTF-16-LE (it has no BOM)"),
        (b"The \x81 dam", "cannot decode as UTF-8"),  # a byte cp1252 leaves undefined
    ],
)
def test_inputs_refused(data: bytes, reason: str) -> None:
    assert refusal(data) == f"story.txt: {reason}"


@pytest.mark.parametrize(
    ("data", "fmt", "empty"),
    [
        (b"", "text", True),  # nothing to check: a note, not an error
        (b" \n\t", "text", True),  # blanks only
        (b"```\nrun(5)\n```\n", "markdown", True),  # Markdown with no prose
        (b"5 km\x00\x00\x01", "text", False),  # binary: an error
        (b"The \x81 dam", "text", False),  # undecodable: an error
    ],
)
def test_inputs_empty_is_its_own_error_class(data: bytes, fmt: str, empty: bool) -> None:
    with pytest.raises(InputError) as caught:
        document_from_bytes(data, name="story.txt", format=fmt)
    assert isinstance(caught.value, EmptyInputError) is empty


def test_inputs_a_few_control_characters_are_text() -> None:
    doc = document_from_bytes(b"The dam\x0c is 60 m tall, a long line of text.\x1b", name="a")
    assert doc.text.startswith("The dam")


def test_inputs_html_with_no_prose() -> None:
    page = b"<html><body><nav>Home | 5 km run</nav><script>x = 5</script></body></html>"
    assert refusal(page, "html") == "story.txt: no text found"


def test_inputs_markdown_with_only_code() -> None:
    assert refusal(b"```\nrun(5, 'km')\n```\n", "markdown") == "story.txt: no text found"


# --- decoding ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("Caf\u00e9 is 5\u00a0km away.".encode(), "Caf\u00e9 is 5\u00a0km away.", "utf-8"),
        # the BOM is dropped, so offsets count from the first real character
        (codecs.BOM_UTF8 + b"5 km", "5 km", "utf-8-sig"),
        # UTF-16 needs its BOM
        ("\u00bd mile".encode("utf-16"), "\u00bd mile", "utf-16"),
        (
            "\u00bd mile".encode("utf-16-be").join([codecs.BOM_UTF16_BE, b""]),
            "\u00bd mile",
            "utf-16",
        ),
        # Latin-1 / Windows-1252 exports decode as cp1252, smart quotes included
        (b"Caf\xe9: \x93about 5\xa0km\x94", "Caf\u00e9: \u201cabout 5\u00a0km\u201d", "cp1252"),
    ],
)
def test_inputs_decoding(data: bytes, text: str, encoding: str) -> None:
    assert decode(data, name="a") == (text, encoding)


def test_inputs_utf8_wins_over_cp1252() -> None:
    # these bytes are valid in both; UTF-8 is tried first
    assert decode("\u00e9".encode(), name="a") == ("\u00e9", "utf-8")


# --- reading files and stdin ------------------------------------------------------------


def test_inputs_read_file_by_extension(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "story.MD", b"The dam is [60 m](http://x.test/60) tall.\n")
    doc = read_text(path)
    assert (doc.path, doc.format) == (path, "markdown")
    assert "http" not in doc.text


def test_inputs_max_bytes(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "big.txt", b"5 km " * 205)  # 1025 bytes
    with pytest.raises(InputError, match="file is larger than 1 KiB"):
        read_text(path, max_bytes=1024)
    assert read_text(path, max_bytes=1025).text.startswith("5 km")
    with pytest.raises(InputError, match="larger than 1000 bytes"):
        read_text(path, max_bytes=1000)


def test_inputs_stdin() -> None:
    doc = read_text("-", stdin=io.BytesIO(b"It rose 5%.\n"))
    assert (doc.path, doc.format, doc.text) == (STDIN_NAME, "text", "It rose 5%.\n")


def test_inputs_stdin_with_filename_hint() -> None:
    doc = read_text("-", stdin=io.BytesIO(b"<p>It rose 5%.</p>"), format_hint="story.html")
    assert (doc.path, doc.format, doc.text) == (STDIN_NAME, "html", "It rose 5%.")


def test_inputs_stdin_too_large() -> None:
    with pytest.raises(InputError, match=r"^<stdin>: file is larger than 8 bytes$"):
        read_text("-", stdin=io.BytesIO(b"123456789"), max_bytes=8)


@pytest.mark.parametrize(
    ("path", "hint", "fmt"),
    [
        ("a.txt", None, "text"),
        ("a.md", None, "markdown"),
        ("a.markdown", None, "markdown"),
        ("a.HTM", None, "html"),
        ("a.story", None, "text"),  # unknown extensions are plain text
        ("a.txt", "md", "markdown"),  # a hint wins over the extension
        ("a.txt", ".HTML", "html"),  # case and a dot do not matter
        ("", "x/story.htm", "html"),  # a hint may be a file name
        ("", "notes.rst", "text"),  # a file name with an unknown extension
    ],
)
def test_inputs_format_of(path: str, hint: str | None, fmt: str) -> None:
    assert format_of(path, hint) == fmt


def test_inputs_format_of_unknown_hint() -> None:
    with pytest.raises(ValueError, match="unknown format 'rst'"):
        format_of("a.txt", "rst")


# --- positions --------------------------------------------------------------------------


def test_inputs_plain_text_positions_crlf() -> None:
    src = "Line one.\r\nThe dam is 60 m.\r\n\r\nIt is 5 km.\r"
    doc = document_from_bytes(src.encode(), name="a.txt")
    assert doc.text == src
    assert doc.line_col(doc.text.index("60")) == (2, 12)
    assert doc.line_col(doc.text.index("5 km")) == (4, 7)
    assert doc.line_col(len(doc.text)) == (5, 1)  # after a final lone \r


def test_inputs_columns_count_characters() -> None:
    doc = document_from_bytes("\u00bd\u20ac \U0001f600 5 km".encode(), name="a.txt")
    assert doc.line_col(doc.text.index("5")) == (1, 6)


def test_inputs_offsets_outside_are_errors() -> None:
    doc = document_from_bytes(b"5 km", name="a.txt")
    with pytest.raises(ValueError, match="outside the text"):
        doc.line_col(5)
    with pytest.raises(ValueError, match="outside the source"):
        doc.source_line_col(-1)


def test_inputs_document_needs_a_map_when_lengths_differ() -> None:
    with pytest.raises(ValueError, match="position map"):
        Document("a", "5 km", "<p>5 km</p>", "html")
    with pytest.raises(ValueError, match="unknown format"):
        Document("a", "x", "x", "rst")


HTML_PAGE = """\
<!DOCTYPE html>
<html><head><title>Dam 99 m</title>
<script>var height = "70 m";</script><style>p { margin: 5px }</style></head>
<body>
<nav><a href="/">Home</a> | Run 12 km</nav>
<div class="ad-slot">Save 50% today</div>
<article>
<header><h1>The 60&nbsp;m dam</h1></header>
<p data-note="80 m">The dam is <b>60</b> m tall &amp; 400&#160;m wide.</p>\r
<p hidden>Old: 30 m</p>
<aside class="related">Related: 7 km trail</aside>
<p>It holds 5&nbsp;km&sup3; of water.</p>
</article>
<footer>&copy; 2024, 3 offices</footer>
</body></html>
"""


def html_doc() -> Document:
    return document_from_bytes(HTML_PAGE.encode(), name="dam.html", format="html")


def test_inputs_html_keeps_the_story_only() -> None:
    text = html_doc().text
    for gone in ("99 m", "70 m", "5px", "12 km", "50%", "80 m", "30 m", "7 km", "3 offices"):
        assert gone not in text, gone
    assert text.split("\n\n") == [
        "The 60\u00a0m dam",
        "The dam is 60 m tall & 400\u00a0m wide.",
        "It holds 5\u00a0km\u00b3 of water.",
    ]


@pytest.mark.parametrize(
    ("needle", "source", "line_col"),
    [
        ("60\u00a0m dam", "60&nbsp;m dam", (8, 17)),  # an entity inside the quantity
        ("60 m", "60</b> m", (9, 35)),  # a tag inside the quantity
        ("400\u00a0m", "400&#160;m", (9, 55)),  # a numeric entity
        ("& 400", "&amp; 400", (9, 49)),  # an escaped ampersand
        ("5\u00a0km\u00b3", "5&nbsp;km&sup3;", (12, 13)),  # after a CRLF line
    ],
)
def test_inputs_html_positions_map_back(
    needle: str, source: str, line_col: tuple[int, int]
) -> None:
    doc = html_doc()
    i = doc.text.index(needle)
    start, end = doc.source_span(i, i + len(needle))
    assert doc.source[start:end] == source
    assert doc.line_col(i) == line_col
    assert doc.source.splitlines()[line_col[0] - 1][line_col[1] - 1 :].startswith(source[:2])


def test_inputs_html_block_furniture_does_not_glue_words() -> None:
    # regression: a dropped <aside> or <nav> between two runs of text joined them
    page = "<div>It is 5 km<aside>Related</aside>Next it is 7 km</div>"
    doc = document_from_bytes(page.encode(), name="a.html", format="html")
    assert doc.text == "It is 5 km\n\nNext it is 7 km"


def test_inputs_html_fragment_without_html_tag() -> None:
    doc = document_from_bytes(b"It fell 3&nbsp;cm.", name="a.html", format="html")
    assert doc.text == "It fell 3\u00a0cm."


MARKDOWN = """\
# A 60 m dam

The dam is [60 m](https://example.test/60-m "9 km") tall, see <https://x.test/5km>.
![Photo of 8 m wall](img/8m.jpg) Its crest is `12 km` long, 400 m wide.

```python
height = "70 m"
```

    indented 30 m code

<div class="box">
Raw HTML 40 m
</div>

[ref]: https://x.test/50-m

Text <!-- 90 m comment --> ends at 5 km.
"""


def test_inputs_markdown_blanks_what_is_not_prose() -> None:
    doc = document_from_bytes(MARKDOWN.encode(), name="a.md", format="markdown")
    assert len(doc.text) == len(doc.source)
    assert [i for i, c in enumerate(doc.text) if c in "\r\n"] == [
        i for i, c in enumerate(doc.source) if c in "\r\n"
    ]
    for gone in ("https", "9 km", "img/8m", "12 km", "70 m", "30 m", "40 m", "50-m", "90 m"):
        assert gone not in doc.text, gone
    for kept in ("A 60 m dam", "[60 m]", "Photo of 8 m wall", "400 m wide", "ends at 5 km"):
        assert kept in doc.text, kept


def test_inputs_markdown_positions_are_source_positions() -> None:
    doc = document_from_bytes(MARKDOWN.encode(), name="a.md", format="markdown")
    i = doc.text.index("400 m")
    assert doc.source_offset(i) == i == doc.source.index("400 m")
    assert doc.line_col(i) == (4, 61)


def test_inputs_markdown_code_span_with_backticks_inside() -> None:
    doc = document_from_bytes(b"Use ``a ` 5 km`` not 6 km.\n", name="a.md", format="markdown")
    assert "5 km" not in doc.text and "6 km" in doc.text


def test_inputs_markdown_lone_backtick_keeps_paragraphs() -> None:
    src = b"A stray ` mark, 5 km.\n\nAnother ` mark, 6 km.\n"
    doc = document_from_bytes(src, name="a.md", format="markdown")
    assert "5 km" in doc.text and "6 km" in doc.text


# --- never crashes ----------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=300), fmt=st.sampled_from(["text", "markdown", "html"]))
def test_inputs_any_bytes_give_a_document_or_an_input_error(data: bytes, fmt: str) -> None:
    try:
        doc = document_from_bytes(data, name="x", format=fmt)
    except InputError:
        return
    for i in range(len(doc.text) + 1):
        assert 0 <= doc.source_offset(i) <= len(doc.source)
        doc.line_col(i)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<b>",
                "</b>",
                "<nav>",
                "</nav>",
                "&amp;",
                "&nbsp;",
                "5",
                " km",
                "\n",
                "\r\n",
                "<!-- x -->",
                "<br>",
                "é",
                "<script>5 km</script>",
                "dam",
                "`",
                "[a](b)",
            ]
        ),
        max_size=40,
    ),
    st.sampled_from(["markdown", "html"]),
)
def test_inputs_markup_spans_stay_in_order(parts: list[str], fmt: str) -> None:
    try:
        doc = document_from_bytes("".join(parts).encode(), name="x", format=fmt)
    except InputError:
        return
    offsets = [doc.source_offset(i) for i in range(len(doc.text))]
    assert offsets == sorted(offsets)


def test_inputs_markdown_front_matter_is_not_prose() -> None:
    from unitcheck import extract

    source = "---\ntitle: Dam report\nword_count: 850\nheight: 60 m\n---\n\nThe dam is 75 m tall.\n"
    doc = document_from_bytes(source.encode(), name="story.md", format="markdown")
    assert len(doc.text) == len(source)
    assert [q.text for q in extract(doc.text)] == ["75 m"]
    # A thematic break later in the file is not front matter.
    later = "Intro: 5 km.\n\n---\n\nAfter: 3 km.\n"
    doc = document_from_bytes(later.encode(), name="story.md", format="markdown")
    assert [q.text for q in extract(doc.text)] == ["5 km", "3 km"]


def test_inputs_html_an_entity_is_never_matched_by_its_ampersand() -> None:
    # "&" written as "&amp;" after "&nbsp;": the second "&" is the second entity, not the
    # first character of "&nbsp;" (hypothesis found the spans going backwards)
    source = "&amp;&nbsp;<p>&amp;"
    doc = document_from_bytes(source.encode(), name="x", format="html")
    assert doc.text.split() == ["&", "&"]
    assert doc.source_offset(len(doc.text) - 1) == source.rindex("&amp;")
