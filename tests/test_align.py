"""Tests for unitcheck.compare.align: original/reprint alignment (the segmenter it uses is
tested in test_sentences.py).

Every article here is invented for these tests.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unitcheck.compare.align import align, segment
from unitcheck.model import AlignedPair

ROOT = Path(__file__).parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

# -- an invented local-news story and an edited reprint of it -------------------------

TRAM_P1 = (
    "The city council on Tuesday approved a plan to extend the tram network by 12 "
    "kilometres, ending a dispute that had stalled the project for nearly two years. "
    "Councillors voted 31 to 9 in favour after a debate that lasted well into the evening."
)
TRAM_P2 = (
    "The extension will link the harbour district with the university campus and the new "
    "hospital. Construction is expected to begin next spring and to cost about €480 million, "
    "most of it covered by a regional grant."
)
TRAM_P3 = (
    "Opponents argued that the money would be better spent on buses. “We are building a "
    "monument — not a transport system,” said Marta Lindqvist, who leads the opposition "
    "group. Supporters said the line would carry 45,000 passengers a day within five years."
)
TRAM_P4 = (
    "The transport authority said trams would run every six minutes at peak times. "
    "Ticket prices will not change, officials said."
)

EDIT_P1 = (
    "The city council on Tuesday backed a plan to extend the tram network by 12km, ending "
    "a dispute that had stalled the project for almost two years. Councillors voted 31-9 "
    "in favour following a debate that lasted late into the evening."
)
EDIT_P2 = (
    "The extension will connect the harbour district with the university campus and the "
    "new hospital. Construction should begin next spring and cost around €480m, most of it "
    "paid for by a regional grant."
)
EDIT_P3 = (
    "Opponents argued that the money would be better spent on buses. \"We are building a "
    "monument - not a transport system,\" said Marta Lindqvist, who heads the opposition "
    "group. Supporters said the line could carry 4,500 passengers a day within five years."
)
EDIT_P4 = (
    "The transport authority said trams would run every six minutes at peak hours. "
    "Ticket prices will not change, officials said."
)

AD_BLOCK = (
    "Subscribe to our newsletter for the latest news from your neighbourhood.\n"
    "Get unlimited access for just $1 a week.\n\n"
    "Subscribe Now"
)
TEASERS = (
    "The regional airport will close its second runway for six weeks this summer while "
    "engineers replace worn lighting, the operator announced on Monday. Airlines have been "
    "told to expect delays.\n\n"
    "A family-owned bakery chain has been sold to a national competitor for an undisclosed "
    "sum, ending three generations of ownership."
)


def paragraphs(*paras: str) -> str:
    return "\n\n".join(paras)


def texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in segment(text)]


def run(a: str, b: str) -> tuple[AlignedPair, ...]:
    return align(a, segment(a), b, segment(b))


def pairs_of(alignment: tuple[AlignedPair, ...]) -> set[tuple[int, int]]:
    return {(p.a, p.b) for p in alignment if p.a is not None and p.b is not None}


def a_only(alignment: tuple[AlignedPair, ...]) -> set[int]:
    return {p.a for p in alignment if p.b is None and p.a is not None}


def b_only(alignment: tuple[AlignedPair, ...]) -> set[int]:
    return {p.b for p in alignment if p.a is None and p.b is not None}


def check_invariants(alignment: tuple[AlignedPair, ...], na: int, nb: int) -> None:
    """Every index shows up; one-side-only indices once and in no pair; rows by b."""
    paired = pairs_of(alignment)
    assert len(paired) == sum(1 for p in alignment if p.a is not None and p.b is not None)
    assert {p.a for p in alignment if p.a is not None} == set(range(na))
    assert {p.b for p in alignment if p.b is not None} == set(range(nb))
    lone_a = [p.a for p in alignment if p.b is None]
    lone_b = [p.b for p in alignment if p.a is None]
    assert len(lone_a) == len(set(lone_a)) and len(lone_b) == len(set(lone_b))
    assert not set(lone_a) & {i for i, _ in paired}
    assert not set(lone_b) & {j for _, j in paired}
    bs = [p.b for p in alignment if p.b is not None]
    assert bs == sorted(bs)
    assert all(0.0 <= p.score <= 1.0 for p in alignment)
    assert all(p.score == 0.0 for p in alignment if p.a is None or p.b is None)


# -- import cost ----------------------------------------------------------------------


def test_align_import_does_not_load_spacy() -> None:
    # Cold start matters: spaCy must load on first segmentation, not on import.
    code = "import sys, unitcheck.compare.align; assert 'spacy' not in sys.modules"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)


# -- alignment ------------------------------------------------------------------------


def test_align_reworded_sentences_align() -> None:
    a = paragraphs(TRAM_P1, TRAM_P2, TRAM_P3, TRAM_P4)
    b = paragraphs(EDIT_P1, EDIT_P2, EDIT_P3, EDIT_P4)
    got = run(a, b)
    assert len(segment(a)) == len(segment(b)) == 9
    assert pairs_of(got) == {(k, k) for k in range(9)}
    assert all(p.score >= 0.5 for p in got)


def test_align_restyled_quotes_and_dashes_score_as_unchanged() -> None:
    a = "“We are building a monument — not a transport system,” said Ms Lindqvist."
    b = '"We are building a monument - not a transport system," said Ms Lindqvist.'
    assert run(a, b) == (AlignedPair(0, 0, 1.0),)


@pytest.mark.parametrize(
    ("original", "revised"),
    [
        # area unit mangled in the reprint
        (
            "Firefighters said the blaze had destroyed more than 400 square miles of forest.",
            "Firefighters said the blaze had destroyed more than 400m2 of forest.",
        ),
        # a decimal point lost
        ("Unemployment rose to 4.5% in March.", "Unemployment rose to 45% in March."),
        # a number word turned into a different figure
        (
            "The museum will stay closed for three years while the roof is rebuilt.",
            "The museum will stay closed for 30 years while the roof is rebuilt.",
        ),
        # every word but the figure changed notation
        ("Turnout was 61 percent.", "Turnout was 16%."),
    ],
)
def test_align_changed_number_still_aligns(original: str, revised: str) -> None:
    got = run(original, revised)
    assert len(got) == 1
    assert (got[0].a, got[0].b) == (0, 0)
    assert got[0].score >= 0.75  # "square miles" has no counterpart in "400m2"


def test_align_changed_number_does_not_pull_to_a_neighbour() -> None:
    # The only number in common sits in the wrong sentence: words must win.
    a = "Rents rose 8% last year. The mayor blamed a shortage of new flats."
    b = "Rents rose 3% last year. The mayor blamed a shortage of 8% new flats."
    assert pairs_of(run(a, b)) == {(0, 0), (1, 1)}


def test_align_appended_teaser_unaligned() -> None:
    a = paragraphs(TRAM_P1, TRAM_P2, TRAM_P3, TRAM_P4)
    b = paragraphs(EDIT_P1, EDIT_P2, EDIT_P3, EDIT_P4, "Read more", TEASERS)
    got = run(a, b)
    check_invariants(got, 9, len(segment(b)))
    assert pairs_of(got) == {(k, k) for k in range(9)}
    assert b_only(got) == set(range(9, len(segment(b))))
    assert len(b_only(got)) == 4  # "Read more", two airport sentences, one bakery


def test_align_ad_block_in_original_unaligned() -> None:
    a = paragraphs(TRAM_P1, TRAM_P2, AD_BLOCK, TRAM_P3, TRAM_P4)
    b = paragraphs(EDIT_P1, EDIT_P2, EDIT_P3, EDIT_P4)
    got = run(a, b)
    check_invariants(got, 12, 9)
    assert a_only(got) == {4, 5, 6}
    assert pairs_of(got) == {(k, k) for k in range(4)} | {(k + 3, k) for k in range(4, 9)}
    # The ad sits where it was: after the pair of the sentence before it.
    rows = [(p.a, p.b) for p in got]
    assert rows.index((3, 3)) < rows.index((4, None)) < rows.index((7, 4))


def test_align_reordered_paragraphs_align() -> None:
    a = paragraphs(TRAM_P1, TRAM_P2, TRAM_P3, TRAM_P4)
    b = paragraphs(EDIT_P3, EDIT_P1, EDIT_P4, EDIT_P2)
    # a: P1 = 0-1, P2 = 2-3, P3 = 4-6, P4 = 7-8; b: P3 = 0-2, P1 = 3-4, P4 = 5-6, P2 = 7-8
    expected = {(4, 0), (5, 1), (6, 2), (0, 3), (1, 4), (7, 5), (8, 6), (2, 7), (3, 8)}
    got = run(a, b)
    assert pairs_of(got) == expected
    assert [p.b for p in got] == list(range(9))


def test_align_split_sentence_maps_to_two() -> None:
    a = (
        "The bridge, which opened in 1932 and carries 40,000 vehicles a day, will close for "
        "repairs in March, the transport department said on Tuesday. Diversions will be signed."
    )
    b = (
        "The bridge opened in 1932 and carries 40,000 vehicles a day. It will close for "
        "repairs in March, the transport department said on Tuesday. Diversions will be signed."
    )
    got = run(a, b)
    assert pairs_of(got) == {(0, 0), (0, 1), (1, 2)}
    check_invariants(got, 2, 3)


def test_align_merged_sentences_map_to_one() -> None:
    a = (
        "Police closed the coastal road after a landslide on Sunday night. "
        "Nobody was hurt, but two houses were evacuated as a precaution. "
        "Engineers will inspect the cliff."
    )
    b = (
        "Police closed the coastal road after a landslide on Sunday night; nobody was hurt, "
        "though two houses were evacuated as a precaution. Engineers will inspect the cliff."
    )
    got = run(a, b)
    assert pairs_of(got) == {(0, 0), (1, 0), (2, 1)}
    check_invariants(got, 3, 2)


def test_align_short_furniture_needs_strong_evidence() -> None:
    # Two shared words must not pair an advert with a copyright line.
    a = "Local news matters.\nDon't miss out on Harbour Gazette offers!"
    b = "Local news matters.\nCopyright: Harbour Gazette"
    assert pairs_of(run(a, b)) == {(0, 0)}


def test_align_wordless_segments_pair_by_position() -> None:
    a = "Rainfall this month, in millimetres:\n112\nThe wettest since records began."
    b = "Rainfall this month, in millimetres:\n121\nThe wettest since records began."
    assert pairs_of(run(a, b)) == {(0, 0), (1, 1), (2, 2)}


def test_align_empty_inputs() -> None:
    assert align("", (), "", ()) == ()
    b = "A lone sentence. And another one."
    assert run("", b) == (AlignedPair(None, 0, 0.0), AlignedPair(None, 1, 0.0))
    assert run(b, "") == (AlignedPair(0, None, 0.0), AlignedPair(1, None, 0.0))


def test_align_repeated_boilerplate_pairs_by_position() -> None:
    block = "Share this story.\n"
    a = block + TRAM_P1 + "\n" + block + TRAM_P2
    b = block + EDIT_P1 + "\n" + block + EDIT_P2
    assert pairs_of(run(a, b)) == {(k, k) for k in range(6)}


# -- the real seed pair, when this checkout has it ------------------------------------


def test_align_seed_pair_body_aligns_extras_do_not() -> None:
    reprints = sorted(SEEDS.glob("000_*.txt"))
    originals = sorted(SEEDS.glob("001_*.txt"))
    if not reprints or not originals:
        pytest.skip("seed articles not available")
    a, b = originals[0].read_text(), reprints[0].read_text()
    got = run(a, b)
    check_invariants(got, len(segment(a)), len(segment(b)))
    paired = sorted(pairs_of(got), key=lambda p: p[1])
    # No reordering in this pair: the body aligns one to one, in order.
    assert [i for i, _ in paired] == sorted(i for i, _ in paired)
    assert len(paired) == 45
    assert all(p.score >= 0.9 for p in got if p.a is not None and p.b is not None)
    # Reprint: one credit line inside the body, then bio, copyright and teasers after it.
    last_body = paired[-1][1]
    assert len([j for j in b_only(got) if j < last_body]) == 1
    assert {j for j in b_only(got) if j > last_body} == set(range(last_body + 1, len(segment(b))))
    # Original: standfirst before the body, the subscription ad inside it, links after it.
    first, last = paired[0][0], paired[-1][0]
    assert first == 4 and len([i for i in a_only(got) if first < i < last]) == 4
    assert len(a_only(got)) == 10


# -- scale ----------------------------------------------------------------------------


def _invented_article(rng: random.Random, n_words: int) -> list[str]:
    syllables = "ka lo mi ra tu ne so vi da pe gri nar tol ves mun".split()
    vocab = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(3000)]
    glue = "the a of to in and that for on with as by at from was".split()
    sentences, count = [], 0
    while count < n_words:
        words = [rng.choice(glue if rng.random() < 0.4 else vocab) for _ in range(20)]
        words.insert(rng.randint(1, 19), str(rng.randint(2, 999)))
        sentences.append(" ".join(words).capitalize() + ".")
        count += len(words)
    return sentences


def test_align_twenty_thousand_words_is_fast() -> None:
    rng = random.Random(2024)
    sentences = _invented_article(rng, 20_000)
    # Change one word in every sentence; the copy keeps the original's sentence breaks.
    edited = [" ".join(s.split()[:3] + ["changed"] + s.split()[4:]) for s in sentences]
    a = "\n\n".join(" ".join(sentences[k : k + 4]) for k in range(0, len(sentences), 4))
    b = "\n\n".join(" ".join(edited[k : k + 4]) for k in range(0, len(edited), 4))
    segment("Warm up the pipeline.")
    started = time.perf_counter()
    sa, sb = segment(a), segment(b)
    got = align(a, sa, b, sb)
    elapsed = time.perf_counter() - started
    assert len(sa) == len(sb) > 900
    assert pairs_of(got) == {(k, k) for k in range(len(sa))}
    assert elapsed < 3.0  # about 0.1 s on a laptop; the bound only catches blow-ups


# -- properties -----------------------------------------------------------------------

PIECES = [
    "The", "mayor", "said", "U.S.", "Mr.", "No.", "5", "1.5", "$1.5bn.", "400m2", ".", "?",
    "!", "…", "“", "”", "’", "'", "—", "-", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\u2028",
    "Subscribe Now", "approx.", "é", "東京", "\x0c", "e.g.", "a.m.", ":", ";", ",",
]
TEXT = st.one_of(st.text(), st.lists(st.sampled_from(PIECES), max_size=60).map("".join))


@settings(deadline=None, max_examples=200)
@given(TEXT, TEXT)
def test_align_never_crashes_on_arbitrary_pairs(a: str, b: str) -> None:
    sa, sb = segment(a), segment(b)
    check_invariants(align(a, sa, b, sb), len(sa), len(sb))


# -- issue 10: quantities masked, order as evidence -------------------------------------


def _spans(text: str, *surfaces: str) -> list[tuple[int, int]]:
    return [(text.index(s), text.index(s) + len(s)) for s in surfaces]


def test_align_masked_quantity_counts_as_one_word_whatever_its_unit() -> None:
    a, b = "Forces now hold more than 400 square miles.", "Forces now hold more than 400m2."
    got = align(a, segment(a), b, segment(b), a_masks=_spans(a, "400 square miles"),
                b_masks=_spans(b, "400m2"))
    assert got == (AlignedPair(0, 0, 1.0),)
    # Without the spans the unit words weigh against the pair, as before issue 10.
    assert pairs_of(run(a, b)) == set()


def test_align_lone_leftovers_pair_by_position_between_anchors() -> None:
    a = paragraphs(TRAM_P1, "Its trams will be longer, holding 300 riders each.", TRAM_P4)
    lone = "Each new vehicle is designed to carry 300 riders in comfort, says the regional operator."
    b = paragraphs(EDIT_P1, lone, EDIT_P4)
    masks_a, masks_b = _spans(a, "300"), _spans(b, "300")
    got = align(a, segment(a), b, segment(b), a_masks=masks_a, b_masks=masks_b)
    # One shared word and the figure: too little on their own (below the contextual
    # bar), enough for the only two sentences between the same aligned neighbours.
    assert next(p.score for p in got if (p.a, p.b) == (2, 2)) < 0.3
    check_invariants(got, len(segment(a)), len(segment(b)))


def test_align_lone_leftovers_without_evidence_stay_one_sided() -> None:
    # Same slot, but no shared word: a replaced sentence, not a reworded one.
    a = paragraphs(TRAM_P1, "Its trams will be longer, holding 300 riders each.", TRAM_P4)
    b = paragraphs(EDIT_P1, "A museum of transport history opens in the depot in 2027.", EDIT_P4)
    got = align(a, segment(a), b, segment(b), a_masks=_spans(a, "300"), b_masks=_spans(b, "2027"))
    assert 2 in a_only(got) and 2 in b_only(got)


def test_align_teasers_stay_one_sided_with_masks() -> None:
    a = paragraphs(TRAM_P1, TRAM_P2)
    b = paragraphs(EDIT_P1, EDIT_P2, TEASERS)
    got = align(a, segment(a), b, segment(b), a_masks=_spans(a, "12 kilometres"),
                b_masks=_spans(b, "12km", "six weeks"))
    assert pairs_of(got) == {(k, k) for k in range(len(segment(a)))}
    assert b_only(got) == set(range(len(segment(a)), len(segment(b))))


@pytest.mark.parametrize(
    "text",
    [
        "\ud800",  # a lone high surrogate alone
        "It rose 5 km \udfff. Then it fell.",  # a lone low surrogate inside a sentence
        "First line \ud83d.\nSecond \udc00 line. Third.",  # across lines
    ],
)
def test_align_segment_lone_surrogates_never_raise(text: str) -> None:
    spans = segment(text)
    assert spans
    for s in spans:
        piece = text[s.start : s.end]
        assert piece == piece.strip() and piece
    sa = segment(text)
    check_invariants(align(text, sa, text, sa), len(sa), len(sa))


# -- issue 10: linear work on long tables and lists -------------------------------------

_RUNNERS = "Avery Blake Casey Drew Ellis Finley Gray Harper Indigo Jules Kai Logan Morgan".split()
_COLOURS = "red blue green black white amber grey".split()


def _results(n: int, shift: int = 0) -> str:
    """A results table: one short line per runner, names drawn from a small pool."""
    return "\n".join(
        f"{_RUNNERS[(k + shift) % 13]} {_RUNNERS[(3 * k + shift) % 13]} ran {10 + k % 50}."
        f"{k % 10} seconds"
        for k in range(n)
    )


def _price_list(n: int, shift: int = 0) -> str:
    """A price list whose rows repeat the same few words."""
    rows = (f"Widget in {_COLOURS[(k + shift) % 7]}: ${(7 * k) % 100}.99" for k in range(n))
    return "\n".join(rows)


_SHAPES = {
    "table unchanged": lambda n: (_results(n), _results(n)),
    "table, every row renamed": lambda n: (_results(n), _results(n, 1)),
    "price list, every row edited": lambda n: (_price_list(n), _price_list(n, 2)),
    "price list replaced by a table": lambda n: (_price_list(n), _results(n)),
}


def _work(a: str, b: str) -> tuple[int, int]:
    """Pair comparisons the aligner made, and the pairs it found."""
    from unitcheck.compare.align import _encode, _Matcher
    from unitcheck.extract import extract

    vocabulary: dict[str, str] = {}
    side_a = _encode(a, segment(a), [q.span for q in extract(a)], vocabulary)
    side_b = _encode(b, segment(b), [q.span for q in extract(b)], vocabulary)
    matcher = _Matcher(side_a, side_b)
    matcher.run()
    return matcher.work, len(matcher.score)


@pytest.mark.parametrize("shape", sorted(_SHAPES))
def test_align_work_is_linear_on_long_tables(shape: str) -> None:
    # A deterministic count, never a clock: doubling the rows at most about doubles the
    # work, and no row is compared with more than a few hundred others.
    small, small_pairs = _work(*_SHAPES[shape](500))
    large, large_pairs = _work(*_SHAPES[shape](1000))
    assert large <= 2.3 * max(small, 1)
    assert large <= 400 * 1000
    if shape != "price list replaced by a table":
        assert small_pairs >= 490 and large_pairs >= 980  # and the rows still pair up
    else:
        assert small_pairs == large_pairs == 0


def test_align_equal_lines_pair_in_order_without_scoring() -> None:
    # Equal sentences pair as a diff pairs equal lines, before any similarity is computed.
    a = _results(300)
    b = "Late entries follow below.\n" + _results(300)
    work, pairs = _work(a, b)
    got = align(a, segment(a), b, segment(b))
    assert pairs_of(got) == {(k, k + 1) for k in range(300)}
    assert work < 3 * 300
