"""Score unitcheck's extraction (and optionally quantulum3's) on a quantulum3-format corpus.

The corpus is a JSON list of ``{"req": sentence, "res": [{"value", "unit", "surface"}]}``.
A prediction is correct when it pairs one-to-one, within its sentence, with an expected
quantity whose value agrees within 0.1 % and whose unit is the same after normalisation
to pint (quantulum3's names such as "square kilometre" are mapped here, not in the
product). Ranges are compared by their midpoint, which is how quantulum3 reports them.

    python scripts/score_corpus.py [--peer] [--show-misses] [--corpus PATH | PATH]

With no path it scores every default corpus that exists (the quantulum3 peer corpus
and ``data/corpora/news_dev.json``) and prints one table.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from unitcheck import extract  # noqa: E402
from unitcheck.units.registry import registry  # noqa: E402

PEER_CORPUS = Path("/work/shared/corpora/quantulum3/quantities.json")
NEWS_CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpora" / "news_dev.json"
DEFAULT_CORPORA = (PEER_CORPUS, NEWS_CORPUS)
TOLERANCE = 1e-3

#: quantulum3 unit names that are not pint units: name -> (unit, factor on the value).
#: A unit of None is a plain number; a three-letter capital code is a currency.
SPECIAL_NAMES: dict[str, tuple[str | None, float]] = {
    "dimensionless": (None, 1.0),
    "percentage": ("percent", 1.0),
    "percentage point": ("percentage_point", 1.0),
    "dozen": (None, 12.0),
    "baker's dozen": (None, 13.0),
    "gross": (None, 144.0),
    "dollar": ("USD", 1.0),
    "united states dollar": ("USD", 1.0),
    "euro": ("EUR", 1.0),
    "pound sterling": ("GBP", 1.0),
    "yen": ("JPY", 1.0),
    "japanese yen": ("JPY", 1.0),
    "yuan": ("CNY", 1.0),
    "renminbi": ("CNY", 1.0),
    "indian rupee": ("INR", 1.0),
    "swiss franc": ("CHF", 1.0),
    "cent": ("USD", 0.01),
    "dime": ("USD", 0.1),
    "penny": ("GBP", 0.01),
    "pound-mass": ("pound", 1.0),
    "british thermal unit": ("british_thermal_unit", 1.0),
    "count": (None, 1.0),
    "basis point": ("basis_point", 1.0),
    "chinese yuan": ("CNY", 1.0),
    "hong kong dollar": ("HKD", 1.0),
    "new taiwan dollar": ("TWD", 1.0),
    "south korean won": ("KRW", 1.0),
    "australian dollar": ("AUD", 1.0),
    "new zealand dollar": ("NZD", 1.0),
    "pakistani rupee": ("PKR", 1.0),
    "sri lankan rupee": ("LKR", 1.0),
    "nepalese rupee": ("NPR", 1.0),
    "nautical mile": ("nautical_mile", 1.0),
    "part per million": ("ppm", 1.0),
    "light-year": ("light_year", 1.0),
    "milliampere-hour": ("milliampere_hour", 1.0),
    "pound-force": ("force_pound", 1.0),
    "penny per litre": ("GBP / liter", 0.01),
    "canadian dollar": ("CAD", 1.0),
    "singapore dollar": ("SGD", 1.0),
    "mexican peso": ("MXN", 1.0),
    "naira": ("NGN", 1.0),
    "nigerian naira": ("NGN", 1.0),
    "south african rand": ("ZAR", 1.0),
    "swedish krona": ("SEK", 1.0),
    "danish krone": ("DKK", 1.0),
    "norwegian krone": ("NOK", 1.0),
    "kenyan shilling": ("KES", 1.0),
    "ugandan shilling": ("UGX", 1.0),
    "polish zloty": ("PLN", 1.0),
    "bitcoin": ("BTC", 1.0),
    "part per billion": ("ppb", 1.0),
    # pint's "decade" is logarithmic; the gold's is ten years
    "decade": ("year", 10.0),
    "percentage per year": ("percent / year", 1.0),
}
#: Currency names, each with its ISO code and the factor on the value ("cent" is 0.01 USD).
CURRENCY_NAMES = {
    name: (unit, factor)
    for name, (unit, factor) in SPECIAL_NAMES.items()
    if unit and unit.isupper()
}
#: Spelling and naming differences between quantulum3 and pint, word by word.
WORD_MAP = {
    "metre": "meter",
    "litre": "liter",
    "centilitre": "centiliter",
    "millilitre": "milliliter",
    "tonne": "metric_ton",
    "ton": "ton",
    "megayear": "megayear",
    "gigayear": "gigayear",
    "kilometre": "kilometer",
    "centimetre": "centimeter",
    "millimetre": "millimeter",
    "nanometre": "nanometer",
    "picometre": "picometer",
    "attometre": "attometer",
    "fahrenheit": "degree_Fahrenheit",
    "celsius": "degree_Celsius",
    "barrel": "oil_barrel",
}


_WATT_HOUR = re.compile(r"\b(\w*watt) hour\b")


@dataclass(frozen=True)
class Item:
    value: float
    unit: str | None
    surface: str


def quantulum_unit(name: str) -> tuple[str | None, float]:
    """Map a quantulum3 unit name to a pint expression (or ISO code) and a value factor."""
    name = name.strip()
    lowered = name.lower()
    if lowered in SPECIAL_NAMES:
        return SPECIAL_NAMES[lowered]
    if lowered.startswith("count per "):
        lowered = "1 per " + lowered[len("count per ") :]
    # a currency rate: "dollar per hour" -> "USD / hour"
    # (longest name first, so "hong kong dollar" wins over "dollar")
    # ("cent per kilowatt hour" is 0.01 USD / kilowatt_hour)
    for currency, (code, factor) in sorted(CURRENCY_NAMES.items(), key=lambda item: -len(item[0])):
        if lowered.startswith(currency + " per "):
            rest, _ = quantulum_unit(lowered[len(currency) + 5 :])
            if not rest:
                return code, factor
            # written as unitcheck writes a price per unit: "HKD / (foot ** 2)"
            return (f"{code} / {rest}" if " " not in rest else f"{code} / ({rest})"), factor
    lowered = lowered.replace("degree celsius", "celsius").replace(
        "degree fahrenheit", "fahrenheit"
    )
    # "megawatt hour" is one unit, as unitcheck writes it: megawatt_hour
    lowered = _WATT_HOUR.sub(r"\1_hour", lowered)
    parts: list[str] = []
    divide = False
    power = 1
    inverse = False
    for word in lowered.split():
        if word == "per":
            divide = True
            continue
        if word == "square":
            power = 2
            continue
        if word == "cubic":
            power = 3
            continue
        if word == "inverse":
            inverse = True
            continue
        unit = WORD_MAP.get(word, word)
        term = unit if power == 1 else f"{unit} ** {power}"
        if inverse:
            term = f"1 / {term}"
        parts.append(("/ " if divide else "* ") + term)
        power, inverse = 1, False
    expression = " ".join(parts)[2:]
    try:
        unit = registry().Unit(expression)
    except Exception:  # an unknown name stays as it is and only matches itself
        return name, 1.0
    return str(unit), 1.0


def same_unit(predicted: str | None, expected: str | None) -> float | None:
    """The factor turning a predicted value into the expected unit, or None if they differ."""
    if predicted == expected:
        return 1.0
    if predicted is None or expected is None:
        return None
    if _is_money(predicted) or _is_money(expected):
        return None
    ureg = registry()
    try:
        a, b = ureg.Unit(predicted), ureg.Unit(expected)
    except Exception:
        return None
    if a.dimensionality != b.dimensionality or "delta" in str(a) + str(b):
        return None
    try:
        return float(ureg.Quantity(1.0, a).to(b).magnitude)
    except Exception:
        return None


def _is_money(unit: str) -> bool:
    return bool(re.match(r"^[A-Z]{3}\b", unit))


def _convert(value: float, predicted: str | None, expected: str | None) -> float | None:
    if predicted == expected:
        return value
    factor = same_unit(predicted, expected)
    if factor is None:
        return None
    ureg = registry()
    if any(t in str(predicted) + str(expected) for t in ("Celsius", "Fahrenheit")):
        return float(ureg.Quantity(value, predicted).to(expected).magnitude)
    return value * factor


def _food_calories(p: Item, e: Item) -> bool:
    """Scoring convention: the corpora keep the written unit, so a food "300 calories" is
    300 `calorie` in the gold, while unitcheck reads news "calories" as the kilocalories
    they are. Where the surface itself says "calorie(s)" (not "kcal"), the two name the
    same written figure and count as a match; extraction is left as it is."""
    if p.unit != "kilocalorie" or e.unit != "calorie":
        return False
    surface = p.surface.lower()
    return "calorie" in surface and "kcal" not in surface


def close(a: float, b: float) -> bool:
    if a == b:
        return True
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b))


def _agrees(p: Item, e: Item) -> bool:
    if _food_calories(p, e):
        return close(p.value, e.value)
    value = _convert(p.value, p.unit, e.unit)
    return value is not None and close(value, e.value)


def match(predicted: list[Item], expected: list[Item]) -> tuple[int, list[Item], list[Item]]:
    """One-to-one greedy matching; returns (true positives, unmatched predictions, misses).

    "from 44 mg to 50 mg" may be read as one range or as two quantities: when the
    expected item is a range and two consecutive predictions written inside its surface
    average to its value, the pair counts as one hit.
    """
    left = list(expected)
    extra: list[Item] = []
    hits = 0
    for p in predicted:
        for index, e in enumerate(left):
            if _agrees(p, e):
                hits += 1
                del left[index]
                break
        else:
            extra.append(p)
    for e in list(left):
        for a, b in zip(extra, extra[1:], strict=False):
            if a.surface in e.surface and b.surface in e.surface and a.unit == b.unit:
                if _agrees(Item((a.value + b.value) / 2, a.unit, e.surface), e):
                    hits += 1
                    left.remove(e)
                    extra.remove(a)
                    extra.remove(b)
                    break
    return hits, extra, left


def ours(sentence: str) -> list[Item]:
    items = []
    for q in extract(sentence):
        unit = q.unit
        items.append(Item(q.magnitude, unit, q.text))
    return items


def _quantulum() -> Callable[[str], list[Item]]:
    import logging

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser
    logging.getLogger().setLevel(logging.ERROR)

    def peer(sentence: str) -> list[Item]:
        items = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = parser.parse(sentence)
        for q in found:
            unit, factor = quantulum_unit(q.unit.name)
            items.append(Item(q.value * factor, unit, q.surface))
        return items

    return peer


def expected_items(entry: dict) -> list[Item]:
    items = []
    for r in entry["res"]:
        unit, factor = quantulum_unit(r["unit"])
        items.append(Item(float(r["value"]) * factor, unit, r["surface"]))
    return items


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    seconds: float = 0.0
    words: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return 100 * p, 100 * r, 100 * f


def score(name: str, system: Callable[[str], list[Item]], corpus: list[dict], show: bool) -> Score:
    result = Score()
    system(corpus[0]["req"])  # warm up: registries, tables, classifiers
    for entry in corpus:
        sentence = entry["req"]
        gold = expected_items(entry)
        began = time.perf_counter()
        predicted = system(sentence)
        result.seconds += time.perf_counter() - began
        result.words += len(sentence.split())
        hits, extra, missed = match(predicted, gold)
        result.tp += hits
        result.fp += len(extra)
        result.fn += len(missed)
        if show and (extra or missed):
            print(f"[{name}] {sentence}")
            for item in missed:
                print(f"    miss  {item.surface!r} = {item.value:g} {item.unit}")
            for item in extra:
                print(f"    extra {item.surface!r} = {item.value:g} {item.unit}")
    return result


def table(rows: Iterable[tuple[str, str, Score]]) -> str:
    """One line per (corpus, system) pair."""
    lines = [
        f"{'corpus':<14} {'system':<11} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'TP':>4} {'FP':>4} {'FN':>4} {'words/s':>10}"
    ]
    for corpus, name, s in rows:
        p, r, f = s.prf()
        speed = s.words / s.seconds if s.seconds else float("inf")
        lines.append(
            f"{corpus:<14} {name:<11} {p:6.1f} {r:6.1f} {f:6.1f} "
            f"{s.tp:4d} {s.fp:4d} {s.fn:4d} {speed:10.0f}"
        )
    return "\n".join(lines)


def _label(path: Path) -> str:
    if path == PEER_CORPUS:
        return "quantulum3"
    return path.stem[:14]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, help="corpus to score (default: all)")
    parser.add_argument("--corpus", type=Path, help="the same as the positional PATH")
    parser.add_argument("--peer", action="store_true", help="also score quantulum3")
    parser.add_argument("--show-misses", action="store_true", help="list misses and extras")
    args = parser.parse_args(argv)
    if args.path and args.corpus and args.path != args.corpus:
        parser.error("give the corpus once, as PATH or --corpus")
    chosen = args.corpus or args.path
    paths = [chosen] if chosen else [p for p in DEFAULT_CORPORA if p.exists()]
    if not paths:
        parser.error("no corpus found; pass --corpus PATH")
    peer = _quantulum() if args.peer else None
    rows: list[tuple[str, str, Score]] = []
    for path in paths:
        corpus = json.loads(path.read_text(encoding="utf-8"))
        print(
            f"{path} ({len(corpus)} sentences, "
            f"{sum(len(e['res']) for e in corpus)} expected quantities)"
        )
        label = _label(path)
        rows.append((label, "unitcheck", score("unitcheck", ours, corpus, args.show_misses)))
        if peer is not None:
            rows.append((label, "quantulum3", score("quantulum3", peer, corpus, args.show_misses)))
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
