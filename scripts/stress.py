#!/usr/bin/env python3
"""Stress ``unitcheck.compare`` with the edits a desk makes and breaks (issue 10).

Every quantity that the project's own ``extract`` finds in every sentence of the
corpora (``data/corpora/*.json`` and, when present, the peer suites in
``../shared/corpora``, read at run time and never copied) is edited once per case:

* errors that must be flagged (a warning or an error on the edited quantity): unit
  swapped with the number kept, value times ten, decimal point lost or added, scale word
  up or down, currency swapped, bound reversed, a conversion added with the number kept;
* honest edits that must stay quiet (no warning or error at all): percent or money
  restyled, a correct conversion added, the quantity replaced by its correct equivalent
  (computed with pint through ``unitcheck.units.registry.convert``), number words to digits.

Each edit is checked in the corpus sentence itself and in short frames of one to six
words and headlines, where the quantity is most of the sentence. A miss (or a false
alarm) is filed under "extraction" when ``extract`` does not read the edited text as the
edit meant it (the quantity is not found, or found with another unit or value): those are
the extractor's to fix, not compare's.

usage: python scripts/stress.py [--corpus NAME ...] [--no-frames] [--all-frames] [--limit N] [-v]
                                [--classes]
Prints one line per corpus, then the totals; with --classes, the raw misses and false
alarms by edit and cause (an extraction misreading, or compare's own), with examples.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from unitcheck import compare  # noqa: E402
from unitcheck.units import conversion as conv  # noqa: E402
from unitcheck.extract import extract  # noqa: E402
from unitcheck.extract.surfaces import unit_table  # noqa: E402
from unitcheck.model import Quantity, Severity  # noqa: E402
from unitcheck.units.registry import convert, unit_info  # noqa: E402

PEERS = ROOT.parent / "shared" / "corpora"

#: Frames of one to six words, and headlines: the quantity is most of the sentence.
FRAMES = (
    "{q}",
    "{q}.",
    "Now {q}.",
    "Officials reported {q}.",
    "It reached {q} on Friday.",
    "The total was {q}, they said.",
    "Storm Brings {q} To Coast",
    "Report: {q}",
)

# Test data for the edits themselves (what a desk writes), not vocabulary of the library.
BOUNDS = {
    "more than": "less than",
    "less than": "more than",
    "fewer than": "more than",
    "at least": "at most",
    "at most": "at least",
    "over": "under",
    "under": "over",
    "up to": "at least",
}
SCALES = {" million": " billion", " billion": " million", "bn": "m", "m": "bn"}
MONEY_RESTYLE = {" million": "m", "m": " million", " billion": "bn", "bn": " billion"}
SYMBOLS = {"$": "£", "£": "$", "€": "$"}
NUMERAL = re.compile(r"\d[\d,]*(?:\.\d+)?")
SPACED_FIGURE = re.compile(r"\d [.,] \d")
HYPHEN_HEAD = re.compile(r"-\d")


@dataclass(frozen=True, slots=True)
class Edit:
    kind: str
    new: str  # the replacement surface
    flag: bool  # must be flagged (True) or stay quiet (False)
    expect: tuple[tuple[float, str | None], ...] = ()  # what extract should read in `new`


@dataclass(frozen=True, slots=True)
class Case:
    corpus: str
    kind: str
    a: str
    b: str
    span_a: tuple[int, int]
    span_b: tuple[int, int]
    flag: bool
    expect: tuple[tuple[float, str | None], ...]
    original: Quantity


# -- corpora ------------------------------------------------------------------------


def corpora(names: list[str] | None = None) -> dict[str, list[str]]:
    """Sentences by corpus name: the project's corpora, then the peer suites if present."""
    out: dict[str, list[str]] = {}
    for path in sorted((ROOT / "data" / "corpora").glob("*.json")):
        out[path.stem] = [x["req"] for x in json.loads(path.read_text(encoding="utf-8"))]
    recognizers = PEERS / "recognizers"
    if recognizers.is_dir():
        out["peer:recognizers"] = [
            x["Input"]
            for p in sorted(recognizers.glob("*.json"))
            for x in json.loads(p.read_text(encoding="utf-8-sig"))
        ]
    quantulum = PEERS / "quantulum3" / "quantities.json"
    if quantulum.is_file():
        out["peer:quantulum3"] = [
            x["req"] for x in json.loads(quantulum.read_text(encoding="utf-8"))
        ]
    if names:
        out = {k: v for k, v in out.items() if k in names}
    return out


# -- targets and numbers ------------------------------------------------------------


def _table_units() -> list[str]:
    seen: dict[str, None] = {}
    for entry in unit_table().exact.values():
        if entry.factor == 1:
            seen.setdefault(entry.expression, None)
    return list(seen)


_UNITS: list[str] = []
_NAME = re.compile(r"[A-Za-z_]+")


def target(unit: str) -> str | None:
    """Another unit of the same dimension, far enough in size that a swap matters.

    The first unit name in a composed unit ("mile ** 2", "mile / hour") is replaced by a
    unit of the table of the same dimension, so areas stay areas and speeds speeds.
    """
    if not _UNITS:
        _UNITS.extend(_table_units())
    match = _NAME.search(unit)
    if match is None or not unit.startswith(match.group()):
        return None  # a rate of a count ("cars a year"): no unit to swap
    base = match.group()
    try:
        dimension = unit_info(base).dimension
    except Exception:
        return None
    for candidate in _UNITS:
        if candidate == base or not _NAME.fullmatch(candidate):
            continue
        try:
            if unit_info(candidate).dimension != dimension:
                continue
        except Exception:
            continue
        new = unit[: match.start()] + candidate + unit[match.end() :]
        factor = convert(1.0, unit, new)
        if factor is None:
            continue
        if dimension == "[temperature]" or not 0.7 < abs(factor) < 1.4:
            words = conv.unit_words(new)
            # a unit a desk can write in words: not "1" (mmol/mol over mol/mol)
            if re.search(r"[A-Za-z]", words) and words != conv.unit_words(unit):
                return new
    return None


def figure(x: float) -> str:
    """A converted figure as a desk writes it: three significant digits, commas, and
    never a float's exponent ("0.00005", not "5e-05")."""
    if abs(x) >= 100:
        return f"{round(x):,}"
    if x == 0:
        return "0"
    places = max(0, 2 - math.floor(math.log10(abs(x))))
    shown = f"{round(x, places):.{places}f}"
    return shown.rstrip("0").rstrip(".") if "." in shown else shown


def times_ten(numeral: str) -> str:
    if "." in numeral:
        whole, frac = numeral.split(".")
        moved = (whole + frac[0]).replace(",", "").lstrip("0") or "0"
        rest = frac[1:]
        return f"{int(moved):,}" + (f".{rest}" if rest else "")
    return f"{int(numeral.replace(',', '')) * 10:,}"


def _number_part(q: Quantity) -> str | None:
    """The written number of a quantity, when its unit follows it (not "$12m")."""
    if q.unit_text and q.unit_text in q.text:
        return q.text[: q.text.rindex(q.unit_text)].rstrip(" -")
    return None


# -- the edits ----------------------------------------------------------------------


def edits(sentence: str, q: Quantity) -> Iterator[Edit]:
    """The desk's edits of one quantity, flagged or quiet."""
    text = q.text
    if SPACED_FIGURE.search(text):
        return  # "32 . 99 %" as tokenised feeds write it: no desk edits its digits that way
    numeral = NUMERAL.search(text)
    if numeral and text[numeral.end() : numeral.end() + 1] == "/":
        numeral = None  # a fraction ("1/4 mile"): its digits are not the figure
    unit = q.unit
    if q.value is None:
        return
    value = q.value
    # -- must be flagged
    if numeral and value != 0:
        n = numeral.group()
        ten = text[: numeral.start()] + times_ten(n) + text[numeral.end() :]
        yield Edit("value-x10", ten, True, ((value * 10, unit),))
        if "." in n:
            decimals = len(n.split(".")[1])
            lost = n.replace(".", "").lstrip("0") or "0"
            lost_text = text[: numeral.start()] + lost + text[numeral.end() :]
            yield Edit("decimal-lost", lost_text, True, ((value * 10**decimals, unit),))
        elif len(n.replace(",", "").rstrip("0")) >= 2:
            digits = n.replace(",", "")
            added = text[: numeral.start()] + f"{digits[:-1]}.{digits[-1]}" + text[numeral.end() :]
            yield Edit("decimal-added", added, True, ((value / 10, unit),))
    if q.kind == "money":
        for old, new in SCALES.items():
            if numeral and text[numeral.end() :].startswith(old) and len(text) == numeral.end() + len(old):
                factor = 1000.0 if new.strip() in ("billion", "bn") else 0.001
                yield Edit("scale-swapped", text[: numeral.end()] + new, True, ((value * factor, unit),))
        if text[:1] in SYMBOLS and not text[1:2].isalpha():
            # not "$A4.6bn" (Australian): "£A4.6bn" is no currency a desk writes
            yield Edit("currency-swapped", SYMBOLS[text[0]] + text[1:], True)
    before = sentence[: q.start].rstrip().lower()
    for bound, other in BOUNDS.items():
        if q.qualifier in ("lower", "upper") and before.endswith(bound):
            yield Edit(f"bound-reversed:{bound}", text, True, ((value, unit),))
            break
    number = _number_part(q)
    to = target(unit) if unit and q.kind != "money" and unit != "percent" else None
    if HYPHEN_HEAD.match(sentence, q.end):
        # "6-foot" of "6-foot-3": the head of a measure written in two hyphenated parts;
        # no desk converts it alone or writes a conversion inside the compound
        to = None
    if to is not None and number is not None and numeral is not None:
        hyphen = "-" if text[len(number) : len(number) + 1] == "-" else " "
        words = conv.unit_words(to, plural=hyphen == " ")
        yield Edit("unit-swapped", f"{number}{hyphen}{words}", True, ((value, to),))
        converted = convert(value, unit, to)
        written = float(numeral.group().replace(",", ""))
        if converted is not None and converted != 0:
            if value > 0 and abs(converted - written) / abs(written or 1) > 0.2:
                same = f"{text} ({numeral.group()} {conv.unit_words(to)})"
                yield Edit("conversion-number-kept", same, True, ((value, unit), (written, to)))
            fig = figure(converted)
            if float(fig.replace(",", "")) != 0:
                yield Edit(
                    "conversion-added-ok",
                    f"{text} ({fig} {conv.unit_words(to)})",
                    False,
                    ((value, unit), (float(fig.replace(",", "")), to)),
                )
                yield Edit(
                    "conversion-replaced-ok",
                    f"{fig}{hyphen}{conv.unit_words(to, plural=hyphen == ' ')}",
                    False,
                    ((float(fig.replace(",", "")), to),),
                )
    # -- must stay quiet
    if unit == "percent" and numeral:
        head = text[: numeral.end()]
        tail = text[numeral.end() :]
        styled = head + (" percent" if tail.strip() == "%" else "%")
        yield Edit("percent-restyled", styled, False, ((value, "percent"),))
    if q.kind == "money" and numeral and text[:1] in SYMBOLS:
        tail = text[numeral.end() :]
        for old, new in MONEY_RESTYLE.items():
            if tail == old:
                yield Edit("money-restyled", text[: numeral.end()] + new, False, ((value, unit),))
        if text[0] == "$":
            yield Edit("money-restyled-us", "US" + text, False, ((value, unit),))
    factor = _factor(q.unit_text)
    if numeral is None and number and q.kind != "money" and float(value / factor).is_integer():
        digits = f"{int(value / factor):,}"
        yield Edit("words-to-digits", digits + text[len(number) :], False, ((value, unit),))


def _factor(unit_text: str | None) -> float:
    """The factor a unit word multiplies the number written by ("decades": 10 years)."""
    if not unit_text:
        return 1.0
    entry = unit_table().match(tuple(unit_text.split()))
    return entry.factor if entry is not None else 1.0


def cases_for(
    corpus: str,
    sentence: str,
    frames: bool,
    all_frames: bool = False,
    misread: Counter[str] | None = None,
) -> Iterator[Case]:
    """The cases of one sentence: each edit in the sentence, and in the frames.

    A frame takes the quantity out of the sentence that gave it its reading: "7.6
    million pounds" of cargo alone is money, "2 degrees" of a sea temperature alone is
    an angle. An honest edit is honest only for the reading it was computed from (a
    correct conversion of a mass is no honest edit of money), so a quiet edit's frame is
    made only where ``extract`` reads the quantity in the frame as in the sentence,
    unless *all_frames*; likewise a quiet edit in its sentence is made only where the
    other quantities of the sentence read as before. *misread* counts the cases left
    out, by edit. An error stays an error whatever the frame, so errors are set in every
    frame.
    """
    quantities = extract(sentence)
    neighbours = functools.lru_cache(maxsize=64)(_neighbours)
    for q in quantities:
        kept: dict[str, bool] = {}

        def holds(
            fa: str, surface: str, q: Quantity = q, kept: dict[str, bool] = kept
        ) -> bool:
            if fa not in kept:
                kept[fa] = all_frames or _reads_as(fa, _span(fa, surface), q)
            return kept[fa]

        for edit in edits(sentence, q):
            if edit.kind.startswith("bound-reversed"):
                bound = edit.kind.split(":", 1)[1]
                cut = len(sentence[: q.start].rstrip()) - len(bound)
                b = sentence[:cut] + BOUNDS[bound] + sentence[cut + len(bound) :]
                shift = len(BOUNDS[bound]) - len(bound)
                span_b = (q.start + shift, q.end + shift)
                yield Case(corpus, "bound-reversed", sentence, b, q.span, span_b, True, edit.expect, q)
                if frames:
                    for frame in FRAMES:
                        fa = frame.format(q=f"{bound} {q.text}")
                        fb = frame.format(q=f"{BOUNDS[bound]} {q.text}")
                        yield Case(corpus, "bound-reversed (frame)", fa, fb,
                                   _span(fa, q.text), _span(fb, q.text), True, edit.expect, q)
                continue
            b = sentence[: q.start] + edit.new + sentence[q.end :]
            span_b = (q.start, q.start + len(edit.new))
            if not edit.flag and not all_frames and neighbours(sentence, q.span) != neighbours(
                b, span_b
            ):
                # restating one figure changed how another reads ("45 and 50 mg" with only
                # the 50 mg in kg makes the 45 kg): no honest edit of one quantity
                if misread is not None:
                    misread[edit.kind + " (a neighbour reads otherwise)"] += 1
            else:
                yield Case(corpus, edit.kind, sentence, b, q.span, span_b, edit.flag,
                           edit.expect, q)
            if frames:
                for frame in FRAMES:
                    fa, fb = frame.format(q=q.text), frame.format(q=edit.new)
                    if not edit.flag and not holds(fa, q.text):
                        if misread is not None:
                            misread[edit.kind] += 1
                        continue
                    yield Case(corpus, edit.kind + " (frame)", fa, fb, _span(fa, q.text),
                               _span(fb, edit.new), edit.flag, edit.expect, q)


def _reads_as(text: str, span: tuple[int, int], q: Quantity) -> bool:
    """Does ``extract`` read the quantity at *span* of *text* as *q* (surface and unit)?"""
    return any(
        r.text == q.text and r.unit == q.unit and r.value == q.value
        for r in extract(text)
        if _overlaps(r, span)
    )


def _span(text: str, surface: str) -> tuple[int, int]:
    start = text.index(surface)
    return (start, start + len(surface))


# -- judging ------------------------------------------------------------------------


def _overlaps(q: Quantity | None, span: tuple[int, int]) -> bool:
    return q is not None and q.start < span[1] and span[0] < q.end


def flagged(case: Case) -> tuple[bool, list[str]]:
    """Is the edit flagged? For a quiet edit, any warning or error counts."""
    result = compare(case.a, case.b)
    serious = [f for f in result.findings if f.severity >= Severity.WARNING]
    if case.flag:
        hit = [f for f in serious if _overlaps(f.a, case.span_a) or _overlaps(f.b, case.span_b)]
    else:
        hit = serious
    return bool(hit), [f"{f.code} {f.message}" for f in hit]


def extraction_ok(case: Case) -> bool:
    """Does ``extract`` read both sides as the edit meant them?"""
    return extraction_reason(case) is None


def extraction_reason(case: Case) -> str | None:
    """How ``extract`` misreads the edit (a class name, for ``--classes``), or None."""
    a_side = [q for q in extract(case.a) if _overlaps(q, case.span_a)]
    b_side = [q for q in extract(case.b) if _overlaps(q, case.span_b)]
    if not a_side:
        return "original not read"
    if a_side[0].text != case.original.text or a_side[0].unit != case.original.unit:
        return "original read otherwise"
    if not b_side:
        return "edit not read"
    if any(q.start < case.span_b[0] or q.end > case.span_b[1] for q in b_side):
        return "edit glued onto a neighbouring word"
    if case.kind.startswith("bound-reversed"):
        want = {"lower": "upper", "upper": "lower"}.get(case.original.qualifier or "")
        if a_side[0].qualifier != case.original.qualifier:
            return "original bound not read"
        if b_side[0].qualifier != want:
            return f"reversed bound read as {b_side[0].qualifier or 'no bound'}"
    if _neighbours(case.a, case.span_a) != _neighbours(case.b, case.span_b):
        return "a neighbouring quantity read otherwise"
    if case.kind.startswith("currency-swapped"):
        if len(b_side) == 1 and b_side[0].kind == "money" and b_side[0].unit != case.original.unit:
            return None
        return "swapped currency not read"
    if case.expect:
        got = [(q.value, q.unit) for q in b_side]
        if len(got) != len(case.expect):
            return f"edit read as {len(got)} quantities, meant {len(case.expect)}"
        for (value, unit), (exp_value, exp_unit) in zip(got, case.expect, strict=True):
            if unit != exp_unit:
                if unit is None:
                    return "edit read without its unit (a unit from context lost)"
                return "edit read with another unit"
            if value is None or not math.isclose(value, exp_value, rel_tol=1e-6):
                return "edit read with another value"
    return None


def _neighbours(text: str, span: tuple[int, int]) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.unit, q.qualifier) for q in extract(text) if not _overlaps(q, span)]


@dataclass
class Tally:
    flags: int = 0
    caught: int = 0
    quiet: int = 0
    kept: int = 0
    extraction: int = 0  # misses and false alarms filed under extraction

    def line(self) -> str:
        return (
            f"caught {self.caught}/{self.flags} ({_pct(self.caught, self.flags)}), "
            f"quiet kept {self.kept}/{self.quiet} ({_pct(self.kept, self.quiet)}), "
            f"extraction class {self.extraction}"
        )


def _pct(x: int, n: int) -> str:
    return f"{100 * x / n:.2f}%" if n else "n/a"


@dataclass
class Misses:
    """Raw misses and false alarms by class: (what, edit, cause) -> count and examples."""

    count: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    examples: dict[tuple[str, str, str], list[tuple[str, str]]] = field(default_factory=dict)

    def add(self, case: Case, cause: str) -> None:
        what = "missed" if case.flag else "false alarm"
        kind = re.sub(r":[^ ]*", "", case.kind)  # "bound-reversed:over (frame)" -> "... (frame)"
        key = (what, kind, cause)
        self.count[key] += 1
        shown = self.examples.setdefault(key, [])
        if len(shown) < 2:
            shown.append((case.a, case.b))

    def lines(self) -> Iterator[str]:
        for (what, kind, cause), n in self.count.most_common():
            yield f"  {n:5d}  {what:11s} {kind:32s} {cause}"
            for a, b in self.examples[(what, kind, cause)]:
                yield f"           {_short(a)!r} -> {_short(b)!r}"


def _short(text: str, width: int = 150) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def run(
    cases: list[Case], verbose: bool = False, misses: Misses | None = None
) -> tuple[Tally, Tally, Counter[str]]:
    """Run the cases; compare's own tally (extraction class set apart) and the raw one.

    *misses*, when given, collects every raw miss and false alarm by class: the cause
    ``extraction_reason`` names, or "compare" when extraction read the edit as meant.
    """
    own, raw, classes = Tally(), Tally(), Counter[str]()
    seen: set[tuple[str, str, bool]] = set()
    for case in cases:
        key = (case.a, case.b, case.flag)
        if key in seen:
            continue
        seen.add(key)
        hit, messages = flagged(case)
        ok = hit == case.flag
        for tally in (raw, own):
            if case.flag:
                tally.flags += 1
                tally.caught += hit
            else:
                tally.quiet += 1
                tally.kept += not hit
        cause = None if ok else extraction_reason(case)
        if misses is not None and not ok:
            misses.add(case, f"extraction: {cause}" if cause else "compare")
        if not ok and cause is not None:
            # Not compare's: take it out of compare's own tally.
            if case.flag:
                own.flags -= 1
            else:
                own.quiet -= 1
            own.extraction += 1
            classes[case.kind.split(" ")[0]] += 1
            if verbose:
                print(f"EXTRACTION {case.kind}: {case.a!r} -> {case.b!r}")
        elif not ok and verbose:
            what = "MISSED" if case.flag else "FALSE"
            print(f"{what} {case.kind}: {case.a!r} -> {case.b!r} {messages}")
    return own, raw, classes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", help="only this corpus (repeatable)")
    parser.add_argument("--no-frames", action="store_true", help="corpus sentences only")
    parser.add_argument("--limit", type=int, default=0, help="sentences per corpus")
    parser.add_argument("-v", action="store_true", help="print every miss and false alarm")
    parser.add_argument(
        "--all-frames",
        action="store_true",
        help="set quiet edits in every frame, also where extract reads the original "
        "quantity otherwise than in its sentence (or not at all)",
    )
    parser.add_argument(
        "--classes",
        action="store_true",
        help="after the totals, the raw misses and false alarms of all corpora by class "
        "(edit and cause), with examples",
    )
    ns = parser.parse_args(argv)
    misses = Misses() if ns.classes else None
    total_own, total_raw = Tally(), Tally()
    misread: Counter[str] = Counter()
    for name, sentences in corpora(ns.corpus).items():
        if ns.limit:
            sentences = sentences[: ns.limit]
        here: Counter[str] = Counter()
        cases = [
            c
            for s in sentences
            for c in cases_for(name, s, not ns.no_frames, ns.all_frames, here)
        ]
        own, raw, classes = run(cases, ns.v, misses)
        print(f"{name}: compare {own.line()}; raw {raw.line().rsplit(',', 1)[0]}")
        if classes:
            print(f"  extraction class by edit: {dict(classes.most_common())}")
        if here:
            print(f"  quiet edits not made (a frame or neighbour reads otherwise): {here.total()}")
        misread += here
        for attr in ("flags", "caught", "quiet", "kept", "extraction"):
            setattr(total_own, attr, getattr(total_own, attr) + getattr(own, attr))
            setattr(total_raw, attr, getattr(total_raw, attr) + getattr(raw, attr))
    print(f"TOTAL: compare {total_own.line()}; raw {total_raw.line().rsplit(',', 1)[0]}")
    if misread:
        print(
            f"quiet edits not made, by edit ({misread.total()}; --all-frames makes them): "
            f"{dict(misread.most_common())}"
        )
    if misses is not None:
        print("raw misses and false alarms by class (count, what, edit, cause):")
        for line in misses.lines():
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
