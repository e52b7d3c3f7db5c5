"""The one sentence segmenter, unitcheck.text.sentences, and the parts that read it.

compare's alignment, lint's "same sentence" checks and every report must cut a text at
the same places (issue 11). Each text here is written for these tests.
"""

from __future__ import annotations

import ast
import dataclasses
import html
import importlib
import importlib.util
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import unitcheck
from unitcheck import check_document, check_pair, compare
from unitcheck.extract import extract
from unitcheck.lint.rules import lint, linted
from unitcheck.model import Segment
from unitcheck.report import emit, positions
from unitcheck.result import FileResult, RunResult
from unitcheck.text import sentence_rules, sentences
from unitcheck.text.reading import Document
from unitcheck.text.sentences import keep_whole, segment, segments

ROOT = Path(__file__).parent.parent
PACKAGE = Path(unitcheck.__file__).parent


def texts(text: str, keep: list[tuple[int, int]] | None = None) -> list[str]:
    return [text[s.start : s.end] for s in segment(text, keep or ())]


def doc(text: str, path: str = "story.txt") -> Document:
    return Document(path, text, text, "text")


def kept(text: str) -> tuple[Segment, ...]:
    """The sentences every consumer must see: the quantities found kept whole."""
    return segment(text, [q.span for q in extract(text)])


# -- the tricky cases ---------------------------------------------------------------------

TRICKY = {
    "abbreviations and a quoted question": (
        'Ms. Park said the trail was 7 km. "Is that all?" he asked. It ranked No. 3 in Feb. 2023.',
        [
            "Ms. Park said the trail was 7 km.",
            '"Is that all?" he asked.',
            "It ranked No. 3 in Feb. 2023.",
        ],
    ),
    "U.S. and p.m. inside a sentence": (
        "Dr. Iqbal told the U.S. panel that 2.5 tonnes were lost. "
        "The panel adjourned at 4 p.m. on Friday.",
        [
            "Dr. Iqbal told the U.S. panel that 2.5 tonnes were lost.",
            "The panel adjourned at 4 p.m. on Friday.",
        ],
    ),
    "numbers with points": (
        "Profits reached $7.2 bn. last year, up 4.5%. Shares rose 1.25 points.",
        ["Profits reached $7.2 bn. last year, up 4.5%.", "Shares rose 1.25 points."],
    ),
    "a headline without a full stop": (
        "Floods close 40 km of motorway\n"
        "Rain fell for 12 hours on Tuesday. Crews worked overnight.",
        [
            "Floods close 40 km of motorway",
            "Rain fell for 12 hours on Tuesday.",
            "Crews worked overnight.",
        ],
    ),
    "curly quotes open the sentence they quote": (
        "\u201cWe need 300 more beds,\u201d the director said. \u2018Soon,\u2019 she added.",
        [
            "\u201cWe need 300 more beds,\u201d the director said.",
            "\u2018Soon,\u2019 she added.",
        ],
    ),
    "a bracketed sentence": (
        "The bridge is 400 m long. (It opened in 1998.) Tolls rose by 5%.",
        ["The bridge is 400 m long.", "(It opened in 1998.)", "Tolls rose by 5%."],
    ),
    "lists": (
        "Checklist:\n1. Pack 2 litres of water. 2. Walk 5 km.\n- a map\n- a torch\n"
        "a) Rest for 10 minutes. b) Drink.",
        [
            "Checklist:",
            "1. Pack 2 litres of water.",
            "2. Walk 5 km.",
            "- a map",
            "- a torch",
            "a) Rest for 10 minutes.",
            "b) Drink.",
        ],
    ),
    "a spaced wire figure stays whole": (
        "Growth was 3 . 4 % in March. Prices fell.",
        ["Growth was 3 . 4 % in March.", "Prices fell."],
    ),
}


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_sentences_tricky_text(name: str) -> None:
    text, expected = TRICKY[name]
    assert [text[s.start : s.end] for s in kept(text)] == expected


def test_sentences_keep_joins_only_what_a_span_crosses() -> None:
    text = "Growth was 3 . 4 % in March. Prices fell."
    assert texts(text) == ["Growth was 3 .", "4 % in March.", "Prices fell."]
    start = text.index("3 . 4")
    assert texts(text, [(start, start + len("3 . 4 %"))]) == [
        "Growth was 3 . 4 % in March.",
        "Prices fell.",
    ]


def test_sentences_keep_whole_joins_through_several() -> None:
    found = (Segment(0, 5), Segment(6, 10), Segment(11, 20), Segment(21, 30))
    assert keep_whole(found, [(4, 7), (9, 12)]) == (Segment(0, 20), Segment(21, 30))
    assert keep_whole(found, []) is found
    assert keep_whole(found, [(22, 25)]) is found  # inside one segment: nothing to join


def test_sentences_spans_are_exact() -> None:
    text = "  The storm passed at noon.   Roads reopened by 3 p.m.\n\n\n  Schools stay shut.  \n"
    assert texts(text) == [
        "The storm passed at noon.",
        "Roads reopened by 3 p.m.",
        "Schools stay shut.",
    ]
    for s in segment(text):
        piece = text[s.start : s.end]
        assert piece == piece.strip() and piece


def test_sentences_keep_abbreviations_and_decimals() -> None:
    text = (
        "Mr. Okafor said the U.S. budget grew 1.5% to $4.2bn. in the year. "
        "The No. 5 bus now leaves at 6 a.m. on weekdays. "
        "Attendance was approx. five hundred, down from No. 3 last year. It rained."
    )
    assert texts(text) == [
        "Mr. Okafor said the U.S. budget grew 1.5% to $4.2bn. in the year.",
        "The No. 5 bus now leaves at 6 a.m. on weekdays.",
        "Attendance was approx. five hundred, down from No. 3 last year.",
        "It rained.",
    ]


def test_sentences_line_furniture_separate() -> None:
    text = (
        "By Ana Ruiz, Science Correspondent\n"
        "Illustration: Tom Baker\n\n"
        "The probe entered orbit on Friday. It carries 14 instruments.\n"
        "Subscribe Now\r\n"
        "Source link"
    )
    assert texts(text) == [
        "By Ana Ruiz, Science Correspondent",
        "Illustration: Tom Baker",
        "The probe entered orbit on Friday.",
        "It carries 14 instruments.",
        "Subscribe Now",
        "Source link",
    ]


def test_sentences_closing_quote_stays_with_its_sentence() -> None:
    text = 'He wrote: "The pass is 2 km." Then the snow came.'
    assert texts(text) == ['He wrote: "The pass is 2 km."', "Then the snow came."]


def test_sentences_empty_and_blank_text() -> None:
    assert segment("") == ()
    assert segment(" \n\n\t \r\n ") == ()


def test_sentences_of_several_texts_equal_each_alone() -> None:
    a = "A line both share. It has two sentences.\nOnly in a.\n"
    b = "Only in b, and longer! Really.\nA line both share. It has two sentences."
    assert segments(a, b) == (segment(a), segment(b))
    assert segments() == ()


def test_sentences_import_does_not_load_spacy() -> None:
    # Cold start matters: spaCy is never loaded to cut a text (extract, which imports
    # the text package, and lint and compare, which cut texts, never pay for it).
    code = (
        "import sys, unitcheck.text.sentences as s; "
        "assert len(s.segment('It is 5 km. Mr. Lee said so. Then? No.')) == 4; "
        "assert 'spacy' not in sys.modules"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)


def test_plain_text_lint_never_imports_the_markup_parsers(tmp_path: Path) -> None:
    # Cold start matters: lxml and markdown-it are for HTML and Markdown input only
    text = tmp_path / "copy.txt"
    text.write_text("The road is 600 miles (965km) long. It cost $2 billion.\n", encoding="utf-8")
    page = tmp_path / "copy.html"
    page.write_text("<p>The road is 600 miles long.</p>", encoding="utf-8")
    code = (
        "import sys; from unitcheck.cli import main\n"
        "try: main([sys.argv[1], sys.argv[2]])\n"
        "except SystemExit: pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'lxml', 'markdown_it'}))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    seen = [
        subprocess.run(
            [sys.executable, "-c", code, "lint", str(path)],
            check=True, env=env, cwd=ROOT, capture_output=True, text=True,
        ).stdout.splitlines()[-1]
        for path in (text, page)
    ]  # fmt: skip
    assert seen == ["[]", "['lxml']"]  # the HTML page shows the check can fail


# -- properties ---------------------------------------------------------------------------

PIECES = [
    "The", "mayor", "said", "U.S.", "Mr.", "No.", "5", "1.5", "$1.5bn.", "400m2", ".", "?",
    "!", "…", "“", "”", "’", "'", "—", "-", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\u2028",
    "Subscribe Now", "approx.", "é", "東京", "\x0c", "e.g.", "a.m.", ":", ";", ",", "(", '"',
    "1.", "b)", "she",
]  # fmt: skip
TEXT = st.one_of(st.text(), st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
SPACED = st.lists(st.sampled_from([*PIECES, ")", "。", "?!", "..."]), max_size=40).map(" ".join)


@settings(deadline=None, max_examples=200)
@given(TEXT)
def test_sentences_never_crash_and_spans_are_ordered(text: str) -> None:
    previous_end = 0
    for s in segment(text):
        assert previous_end <= s.start < s.end <= len(text)
        piece = text[s.start : s.end]
        assert piece == piece.strip()
        previous_end = s.end


def _with_the_sentencizer(text: str) -> tuple[tuple[int, int], ...]:
    """The reference: spaCy's own pipeline (tokenizer and sentencizer) over each line,
    then the same repairs."""
    from unitcheck.text.nlp import get_nlp

    out = []
    for m in sentences._LINE.finditer(text):
        line = m.group()
        if line.isspace():
            continue
        doc = get_nlp()(sentences._encodable(line))
        spans = [sentences._trim(line, s.start_char, s.end_char) for s in doc.sents]
        for start, end in sentences._repair(line, [s for s in spans if s[0] < s[1]]):
            out.append((m.start() + start, m.start() + end))
    return tuple(out)


@settings(deadline=None, max_examples=300)
@given(st.one_of(TEXT, SPACED))
def test_sentences_match_the_sentencizer(text: str) -> None:
    # the sentencizer's rule run on the tokenizer's arrays gives what its objects give
    assert tuple((s.start, s.end) for s in segment(text)) == _with_the_sentencizer(text)


# -- the segmenter without spaCy gives spaCy's boundaries ----------------------------------
#
# text.sentence_rules redoes spaCy's tokenizer and sentencizer in plain Python; spaCy
# stays the reference here, token by token and sentence by sentence.


def _spacy_cut(line: str) -> tuple[list[tuple[int, str]], list[tuple[int, int]]]:
    """spaCy's tokens (offset, text) and sentence spans of one line."""
    from unitcheck.text.nlp import get_nlp

    doc = get_nlp()(line)
    return [(t.idx, t.text) for t in doc], [(s.start_char, s.end_char) for s in doc.sents]


def _own_cut(line: str) -> tuple[list[tuple[int, str]], list[tuple[int, int]]]:
    return sentence_rules.tokens(line), sentence_rules.sentence_spans(line)


#: Shapes each rule class decides: exceptions with a point, a point after one capital,
#: two capitals, a figure, a quote; infix points; URLs and e-mail; emoticons re-matched
#: across affixes; odd whitespace.
AFFIX_PIECES = [
    "A.", "AB.", "ab.", "Ab.Cd", "end.Next", "3.", "km.", "C.", "E.U.", "U.K.'s", "10a.m.",
    "10p.m.)", ":)", ":-)", "(:", "._.", "o.O", "...", "?!", "。", "http://x.com/a.b",
    "www.site.org.", "mail@site.com.", "x.y", "'s", "n't", "don't.", "\xa0", "\u3000", "%",
    "&", "*", "/", "#", "[", "]", "{", "}", "«", "»", "‘", "”.", ")?", "5%.", "$5.", "No.5",
    "Jan.", "Inc.", "vs.", "St.", "i.e.", "Ph.D.", "a.m.,", "(U.S.)", "\"U.S.\"", "!!", "’.",
]  # fmt: skip
EXCEPTIONS = sorted(sentence_rules.rules().specials)
LINE = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",))),
    st.lists(
        st.one_of(st.sampled_from([*PIECES, *AFFIX_PIECES]), st.sampled_from(EXCEPTIONS)),
        max_size=30,
    ).flatmap(lambda parts: st.sampled_from(["", " ", "  "]).map(lambda sep: sep.join(parts))),
).map(lambda line: sentences._LINE.sub(" ", line) if line else line)


@settings(deadline=None, max_examples=400)
@given(LINE)
def test_sentence_rules_equal_spacy_tokens_and_sentences(line: str) -> None:
    assert _own_cut(line) == _spacy_cut(line)


def _corpus_lines() -> list[str]:
    """Every distinct line of every text we keep: the test cases, data/, docs/, README
    and, where present, the shared corpora and seeds."""
    import json

    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    shared = Path("/work/shared")
    files = [
        *sorted((ROOT / "tests" / "cases").rglob("*")),
        *sorted((ROOT / "tests" / "data").rglob("*")),
        *sorted((ROOT / "data").rglob("*")),
        *sorted((ROOT / "docs").glob("*.md")),
        ROOT / "README.md",
        *sorted((shared / "seeds").rglob("*")),
        *sorted((shared / "corpora").rglob("*")),
    ]
    for path in files:
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if path.suffix == ".json":
            try:
                walk(json.loads(text))
            except ValueError:
                found.append(text)
        else:
            found.append(text)
    lines = {
        sentences._encodable(m.group())
        for text in found
        for m in sentences._LINE.finditer(text)
        if not m.group().isspace()
    }
    return sorted(lines)


def test_sentence_rules_equal_spacy_on_every_corpus_line() -> None:
    from unitcheck.text.nlp import get_nlp

    lines = _corpus_lines()
    assert len(lines) > 500  # the repository's own texts at least
    wrong = []
    for line, doc in zip(lines, get_nlp().pipe(lines), strict=True):
        expected = [(s.start_char, s.end_char) for s in doc.sents]
        if sentence_rules.sentence_spans(line) != expected:
            wrong.append(line)
    assert not wrong, f"{len(wrong)} of {len(lines)} lines differ, first: {wrong[0][:200]!r}"


def test_sentence_rules_table_is_what_spacy_gives_now() -> None:
    # the table is generated from the installed spaCy, never typed: regenerate and compare
    spec = importlib.util.spec_from_file_location(
        "gen_sentence_rules", ROOT / "scripts" / "gen_sentence_rules.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    packaged = (PACKAGE / "data" / "sentence_rules_en.tsv").read_text(encoding="utf-8")
    assert packaged == module.table(), "run scripts/gen_sentence_rules.py"


def test_sentence_rules_the_exceptions_decide(monkeypatch) -> None:
    # without its exception, "Mr." is cut like any capitalised word with a point
    line = "Mr. Lee arrived at 9 a.m. today. Then he left."
    assert sentence_rules.sentence_spans(line) == [(0, 32), (33, 46)]
    full = sentence_rules.rules()
    specials = {k: v for k, v in full.specials.items() if k not in ("Mr.", "a.m.")}
    fewer = dataclasses.replace(full, specials=specials)
    monkeypatch.setattr(sentence_rules, "rules", lambda: fewer)
    monkeypatch.setattr(sentence_rules, "_CUT", {})
    assert sentence_rules.sentence_spans(line) == [(0, 3), (4, 25), (26, 32), (33, 46)]


@pytest.mark.parametrize(
    "text",
    [
        "\ud800",
        "It rose 5 km \udfff. Then it fell.",
        "First line \ud83d.\nSecond \udc00 line. Third.",
    ],
)
def test_sentences_lone_surrogates_never_raise(text: str) -> None:
    spans = segment(text)
    assert spans
    for s in spans:
        piece = text[s.start : s.end]
        assert piece == piece.strip() and piece


# -- every consumer sees the same sentences -----------------------------------------------


def _cells(page: str) -> list[str]:
    """The text of each sentence cell of an HTML report, as a reader sees it."""
    cells = re.findall(r'<td class="text">(.*?)</td>', page, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in cells]


def _html(run: RunResult) -> str:
    out = io.StringIO()
    emit("html", run, out)
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_sentences_same_in_compare_lint_and_reports(name: str) -> None:
    text, expected = TRICKY[name]
    want = kept(text)
    assert [text[s.start : s.end] for s in want] == expected
    # compare, on either side of a pair
    result = compare(text, text)
    assert result.segments_a == result.segments_b == want
    # lint, and the lint result a report renders
    assert linted(text).segments == want
    document = check_document(text)
    assert document.segments == want
    # reports: the HTML rows of a lint, an extract and a comparison
    assert _cells(_html(RunResult("lint", (document,)))) == expected
    extracted = FileResult("extract", doc(text), quantities=tuple(extract(text)))
    assert _cells(_html(RunResult("extract", (extracted,)))) == expected
    pair = check_pair(text, text)
    assert _cells(_html(RunResult("compare", (pair,)))) == [p for p in expected for _ in "ab"]
    # and the sentence every text report quotes around a quantity
    found = extract(text)
    assert found
    for result_ in (document, extracted, pair):
        for q in found:
            (holder,) = [s for s in want if s.start <= q.start < s.end]
            snippet = positions.sentence(result_, "b", q)
            assert snippet.text == text[holder.start : holder.end]
            assert snippet.marked == q.text


def test_sentences_lint_same_sentence_follows_the_segmenter(monkeypatch) -> None:
    # "restated later" needs two sentences: cut the text as one, and lint follows
    text = "A 2-mile causeway opened in May. The 5km causeway is now busy."
    assert [f.code for f in lint(text)] == ["UC104"]
    whole = (Segment(0, len(text)),)
    monkeypatch.setattr(sentences, "segment", lambda text, keep=(): whole)
    assert linted(text).segments == whole
    assert lint(text) == []


def test_sentences_compare_follows_the_segmenter(monkeypatch) -> None:
    a = "It was 5 km. It was 6 km."
    seen = []

    def one_each(*texts: str) -> tuple[tuple[Segment, ...], ...]:
        seen.append(texts)
        return tuple((Segment(0, len(t)),) for t in texts)

    monkeypatch.setattr(sentences, "segments", one_each)
    result = compare(a, a)
    assert seen == [(a, a)]
    assert result.segments_a == result.segments_b == (Segment(0, len(a)),)


def test_sentences_reports_follow_the_segmenter(monkeypatch) -> None:
    # a result that carries no sentences is cut by text.sentences, nothing else
    text = "The pier is 90 m long. It was rebuilt."
    extracted = FileResult("extract", doc(text, "pier.txt"), quantities=tuple(extract(text)))
    assert _cells(_html(RunResult("extract", (extracted,)))) == [
        "The pier is 90 m long.",
        "It was rebuilt.",
    ]
    calls = []

    def halves(text: str, keep=()) -> tuple[Segment, ...]:
        calls.append(text)
        return (Segment(0, 3), Segment(4, len(text)))

    monkeypatch.setattr(sentences, "segment", halves)
    assert _cells(_html(RunResult("extract", (extracted,)))) == ["The", text[4:]]
    (q,) = extracted.quantities
    assert positions.sentence(extracted, "b", q).text == text[4:]
    assert calls and set(calls) == {text}
    # a result that carries its sentences is rendered as it is, never cut again
    calls.clear()
    carried = FileResult("lint", doc(text, "pier.txt"), segments=(Segment(0, len(text)),))
    assert _cells(_html(RunResult("lint", (carried,)))) == [text]
    assert calls == []


def test_sentences_html_never_extracts(monkeypatch) -> None:
    # a lint result without quantities renders what it has; extraction is never run
    text = "The dam is 60 m tall."
    document = check_document(text)
    for name in ("unitcheck.extract", "unitcheck.extract.scan", "unitcheck"):
        module = importlib.import_module(name)
        monkeypatch.setattr(module, "extract", lambda *a, **k: pytest.fail("extract ran"))
    bare = FileResult("lint", document.document, segments=document.segments)
    page = _html(RunResult("lint", (bare,)))
    assert "<mark" not in page and _cells(page) == [text]
    assert '<mark class="q"' in _html(RunResult("lint", (document,)))


# -- layering -----------------------------------------------------------------------------

#: What report/ may import from unitcheck: it renders results and never runs the engine
#: (``__version__`` from the package itself, for SARIF's tool version).
_REPORT_MAY_IMPORT = {"model", "result", "codes", "text", "units", "report", "__version__"}


def _imports(path: Path) -> set[str]:
    """The unitcheck packages and modules *path* imports (first part after unitcheck)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0:
                parts = (node.module or "").split(".")
                if parts[0] == "unitcheck":
                    found.add(parts[1] if len(parts) > 1 else node.names[0].name)
            elif node.level == 1:  # a module of report/ itself
                found.add("report")
            else:  # from ..x import y
                found.add((node.module or node.names[0].name).split(".")[0])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "unitcheck":
                    found.add(parts[1] if len(parts) > 1 else "unitcheck")
    return found


def test_sentences_report_never_imports_the_engine() -> None:
    files = sorted((PACKAGE / "report").glob("*.py"))
    assert len(files) >= 8
    for path in files:
        wrong = _imports(path) - _REPORT_MAY_IMPORT
        assert not wrong, f"report/{path.name} imports {sorted(wrong)}"
    assert "text" in _imports(PACKAGE / "report" / "positions.py")


def test_sentences_layering_check_can_fail(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from ..extract import extract\nfrom ..compare.align import align\n")
    assert _imports(bad) - _REPORT_MAY_IMPORT == {"extract", "compare"}


_READS_RULES = re.compile(r"\bimport\b.*\bsentence_rules\b|\bsentence_rules\b.*\bimport\b")


def test_sentences_one_segmenter_in_the_package() -> None:
    # no module but text/sentences.py (with its rules, text/sentence_rules.py) drives the
    # sentencizer or keeps a sentence regex, and only it reads those rules
    own = {"sentences.py", "nlp.py", "sentence_rules.py"}
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if path.name not in ("sentences.py", "sentence_rules.py"):
            assert not _READS_RULES.search(source), path
        if path.name in own:
            continue
        assert "get_nlp" not in source, path
        assert "sentencizer" not in source.replace("sentencizer's", ""), path


# -- the one word splitter ----------------------------------------------------------------


def test_words_split_prose_as_documented() -> None:
    from unitcheck.text.words import words

    assert words("A front-line post, 1,600 m long; it\u2019s the army's 2.5km road.") == [
        "A", "front", "line", "post", "1,600", "m", "long", "it\u2019s", "the", "army's",
        "2.5km", "road",
    ]  # fmt: skip
    assert words("end.Next 5,x x,5") == ["end", "Next", "5", "x", "x", "5"]


def test_words_one_splitter_for_lint_and_alignment() -> None:
    from unitcheck.compare import align
    from unitcheck.lint import plausibility

    assert plausibility.words("The Front-Line held") == ["the", "front", "line", "held"]
    # alignment drops every word holding a digit, however the figure is written
    assert align._words("Troops held 1,600m of the front-line") == [
        "troops", "held", "of", "the", "front", "line",
    ]  # fmt: skip


TOKEN_TEXT = st.text(alphabet=st.sampled_from(list("ab5 .,'\u2019`_-/$%²½\n\u0301")), max_size=40)


@given(TOKEN_TEXT)
def test_words_are_runs_of_the_lexers_tokens(text: str) -> None:
    """A word starts and ends where a token of the one tokenizer does: the prose words
    are read off ``text.tokens``, never cut by a second splitter."""
    from unitcheck.text.tokens import tokenize
    from unitcheck.text.words import Words

    tokens = tokenize(text)
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    found = Words.of(text, tokens)
    assert all(s in starts for s in found.starts) and all(e in ends for e in found.ends)
    assert found.starts == sorted(found.starts) and len(found.starts) == len(found.ends)
    assert all(any(c.isalnum() for c in found.word(k)) for k in range(len(found)))


def test_words_between_cuts_a_word_to_the_part_inside() -> None:
    from unitcheck.text.words import Words

    text = "The front-line town's 2.5km road"
    found = Words.of(text)
    assert found.between(0, len(text)) == ["The", "front", "line", "town's", "2.5km", "road"]
    assert found.between(6, 25) == ["ont", "line", "town's", "2.5"]
    assert found.between(19, 20) == []  # an apostrophe alone is no word
    assert found.clip(4, 14).starts == [0, 6]


def test_compare_and_lint_read_words_off_the_extraction_tokens(monkeypatch) -> None:
    """compare and lint tokenise each text once, for extraction, and read their words
    off those tokens: a second tokenisation of the whole text would fail here."""
    import unitcheck.text.words as words_module
    from unitcheck import compare, lint

    a = "Forces now hold more than 400 square miles. Prices rose 5% last year."
    b = "Forces now hold more than 400m2. Prices rose 5 percent last year."
    expected = ([f.code for f in compare(a, b).findings], [f.code for f in lint(b)])

    def refuse(text: str):  # noqa: ANN202
        raise AssertionError("the text was tokenised again for its words")

    monkeypatch.setattr(words_module, "tokenize", refuse)
    assert ([f.code for f in compare(a, b).findings], [f.code for f in lint(b)]) == expected
    assert "UC101" in expected[0]
    with pytest.raises(AssertionError):
        words_module.words(a)  # the check can fail: a reader without tokens tokenises


def test_words_no_other_word_regex_in_lint_compare_or_reports() -> None:
    pattern = re.compile(r"re\.compile\(\s*r?[\"'][^\"']*\\w\+")
    for folder in ("lint", "compare", "report"):
        for path in (PACKAGE / folder).glob("*.py"):
            assert not pattern.search(path.read_text(encoding="utf-8")), path
    assert pattern.search('X = re.compile(r"\\w+(?:x)")')  # the check can fail


SHORTCUT_PIECE = st.tuples(
    st.sampled_from(["", "(", '"', "'", "\u201c"]),
    st.text(alphabet="aZm0k9sD.,%$€", min_size=0, max_size=7),
    st.sampled_from(["", ")", '"', "\u201d", "\u2019", ')"', "\"'"]),
    st.sampled_from(["", ".", "!", "?", "..", ".,", ",", ";", "%", "5"]),
    st.sampled_from(["", ")", '"', "\u201d", "\u2019", "\u201d)"]),
).map("".join)


@settings(deadline=None, max_examples=3000)
@given(
    st.one_of(
        SHORTCUT_PIECE,
        st.sampled_from([*EXCEPTIONS, *AFFIX_PIECES]).map(lambda e: e + "."),
        st.sampled_from(EXCEPTIONS),
    )
)
def test_sentence_rules_shortcuts_agree_with_the_tokenizer(piece: str) -> None:
    """``_steps`` decides the usual pieces without the tokenizer: on every shape its
    shortcuts take, and on the exceptions with a point added, the sentencizer does what
    the full cut says (the phrase step is only ignored where it cannot move a boundary)."""
    if not piece:
        return
    r = sentence_rules.rules()
    steps, matched = sentence_rules._steps(piece, r)
    cut = sentence_rules._cut(piece, r)
    assert steps == cut.steps, piece
    if cut.matched and not matched:  # a phrase where it cannot move a boundary
        assert not sentence_rules.final_chars().search(re.sub(r"(?<=\d)\.(?=\d)", "", piece))
    for line in (f"It ended {piece} Next one", f"{piece} then", f"Done. {piece}"):
        assert sentence_rules.sentence_spans(line) == sentence_rules._walk(
            sentence_rules.tokens(line), r
        ), line


def test_sentence_rules_shortcut_premises_hold_for_spacys_expressions() -> None:
    """The tokenizer asks the URL expression only about a string with a point (both of
    its alternatives need one) and the infixes only about one with a character that is
    not a letter or a digit (every infix has one): checked on the rules themselves."""
    r = sentence_rules.rules()
    samples = ["localhost", "abc", "a" * 70, "x1y2", "ÀÉÎ", "日本語", "com", "wwwexamplecom"]
    samples += [f"{a}{b}{c}" for a in "aZ9é" for b in "bY0" for c in "cX1ß"]
    for text in samples:
        assert r.url(text) is None
        assert text.isalnum() and r.infixes(text) == []
    assert r.url("www.example.com") is not None  # the check can fail
    assert r.infixes("end.Next") != []
