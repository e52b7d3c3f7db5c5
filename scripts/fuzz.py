"""Fuzz unitcheck: mutate the project's own sentences and run them through every entry point.

    nice python scripts/fuzz.py [--inputs N] [--seconds S] [--seed K] [--out DIR]
                                [--engine auto|mutate|atheris] [--targets extract,lint,...]

Seeds are the project's own copy: the golden cases (``tests/cases/*/*.toml``), the
example pairs (``data/examples``) and the corpora (``data/corpora/*.json``). Each input
is a seed (or two) after one to four mutations: character and UTF-8 byte edits, splices
of other seeds, digit runs and huge exponents ("3e700", a 5,000-digit figure), nested
brackets, runs of number words and currency amounts, markup and suppression comments,
and cuts at a random point (which leaves a range open at the end: "rose 3-to").

Each input goes to one target, in turn: ``extract``, ``lint``, ``compare`` (against the
seed it came from), ``markup`` (the HTML and Markdown readers, then extract on what they
read) and ``suppress`` (the directive parser in all three formats). A *crash* is any
exception that is not a ``UnitcheckError``, a broken invariant (a quantity whose
``text[start:end]`` is not its surface, a finding whose span does not slice its own
side, an input that gives a different answer the second time) or a call slower than
``--timeout`` seconds. Crashes are grouped by class (exception type and the innermost
unitcheck frame), each class is shrunk to a small reproducer, and the reproducers are
written to ``--out`` (default: a new folder under /tmp, never the repository).

With ``--engine atheris`` (or ``auto`` when atheris imports) the same checks run under
atheris' coverage guidance, with these mutations as its custom mutator.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import signal
import sys
import tempfile
import time
import tomllib
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = ("extract", "lint", "compare", "markup", "suppress")

# -- seeds ----------------------------------------------------------------------------


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _paragraphs(text: str, whole: int = 1500) -> list[str]:
    """The paragraphs of *text*, and the whole of it when it is short enough to be quick."""
    parts = [p for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
    return ([text] if len(text) <= whole and len(parts) > 1 else []) + parts


def load_seeds(root: Path = ROOT) -> list[str]:
    """The project's own sentences and paragraphs, without duplicates, in a fixed order."""
    seeds: list[str] = []
    for path in sorted(root.glob("tests/cases/*/*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            continue
        for key in ("original", "revised", "text"):
            if isinstance(data.get(key), str):
                seeds.extend(_paragraphs(data[key]))
    for path in sorted((root / "data" / "examples").glob("*.txt")):
        seeds.extend(_paragraphs(path.read_text(encoding="utf-8")))
    for path in sorted((root / "data" / "corpora").glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for item in data if isinstance(data, list) else []:
            if isinstance(item, dict) and isinstance(item.get("req"), str):
                seeds.append(item["req"])
    return list(dict.fromkeys(s for s in seeds if s.strip()))


# -- mutations ------------------------------------------------------------------------

ODD_CHARS = (
    "0123456789.,-\u2013\u2014/()[]{}<>&;:%$\u20ac\u00a3\u00a5\u20b9\u00a2'\"+*^~#@!?_|\\"
    "\u00bd\u00bc\u00b2\u00b3\u00b0\u2032\u2033\u00b5\u00d7\u2212\u2009\u202f\u00a0\u00ad"
    "\u200b\u200d\u200e\u200f\u202e\u2028\u2029\ufeff\ufffd\x00\x07\x1b\x7f\x85\x9b\r\n\t\x0c"
    "\u0663\u096a\uff13\u00e9\u0301\U0001f4b0\U0001d7d1e E k m K M"
)
NUMBERISH = (
    "3e700", "9E450", "1e-320", "4.9e-324", "1e308", "2e-308", "0.0000000000000000000001",
    "1" + "0" * 400, "9" * 5000, "1" + "0" * 4400, "-0", "0e0", "1,000,000,000,000,000,000",
    "1.2.3.4", "1,2,3,4", "3-to", "5-", "-to-", "1/0", "0/0", "10^999", "10\u00b9\u2070\u2070",
    "\u221e", "NaN", "inf", "1.5bn", "2.7trn", "3m", "3\u00bd", "\u00be", "1\u20442",
)
UNITISH = (
    " km", " miles", " square miles", " sq ft", " per cent", "%", " m\u00b2", "\u00b0C", "\u00b0F",
    " mph", " km/h", " kg", " lb", " tonnes", " tons", " gallons", " litres", " acres",
    " hectares", " ft", " in", " m", " min", " bn", " million", " billion", " dollars",
    " to ", "-", " and ", " between ", " or ", " (", ")", " times", "x", " a year", " per hour",
)
WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "hundred", "thousand", "million", "billion", "trillion",
    "half", "quarter", "dozen", "score", "a", "and", "point", "minus", "zero", "nought",
)
CURRENCY = ("$", "\u20ac", "\u00a3", "\u00a5", "\u20b9", "US$", "A$", "C$", "Rs", "USD ", "EUR ")
MARKUP = (
    "<b>", "</b>", "<i>", "<sup>2</sup>", "<sub>3</sub>", "<br>", "<p>", "</p>", "<div>",
    "</div>", "&nbsp;", "&#160;", "&#x31;", "&amp;", "&lt;", "&thinsp;", "&shy;", "&#0;",
    "<script>alert(1)</script>", "<style>p{}</style>", "<!--", "-->", "<![CDATA[", "]]>",
    "<!-- unitcheck: ignore[UC101] -->", "<!-- unitcheck: disable -->",
    "<!-- unitcheck: enable[UC102] -->", "<!-- unitcheck: ignore[ -->", "# unitcheck: off\n",
    "[unitcheck: ignore[UC220]]", "[unitcheck: disable[", "**", "`", "\n```\n", "\n---\n",
    "[", "](http://x.test/5)", "| 5 km | 3 miles |\n", "\n> ", "\n- ", "\n1. ", "<img src=x>",
    "<table><tr><td>5</td><td>km</td></tr></table>", "<a href='javascript:1'>",
    "\u00ad", "\u200b", "\u2060", "\x1b[2J", "\x1b[31m", "\x1b]0;5 km\x07", "\x9b1m",
    "<sup>-3</sup>",
    "<div>" * 40, "</div>" * 40,
)


@dataclass(slots=True)
class Mutator:
    """Turns seeds into inputs; every choice comes from ``rng``, so a run is repeatable."""

    seeds: list[str]
    rng: random.Random
    max_len: int = 4_000

    def pick(self) -> str:
        return self.rng.choice(self.seeds)

    def mutate(self, text: str, rounds: int | None = None) -> str:
        for _ in range(rounds if rounds is not None else self.rng.randint(1, 4)):
            op = self.rng.choice(_OPS)
            text = op(self, text)
            if len(text) > self.max_len:
                start = self.rng.randrange(len(text) - self.max_len + 1)
                text = text[start : start + self.max_len]
        return text

    def _size(self, *sizes: int) -> int:
        """One of *sizes*, the larger ones rarer: big shapes are slow, and scaling.py
        measures them; here they need only turn up now and then."""
        for size in sizes[:-1]:
            if self.rng.random() < 0.6:
                return size
        return sizes[-1]

    def _at(self, text: str) -> int:
        return self.rng.randint(0, len(text))

    def _insert(self, text: str, piece: str) -> str:
        at = self._at(text)
        return text[:at] + piece + text[at:]

    def char_edit(self, text: str) -> str:
        at, ch = self._at(text), self.rng.choice(ODD_CHARS)
        kind = self.rng.randrange(3)
        if kind == 0 or not text:
            return text[:at] + ch + text[at:]
        at = min(at, len(text) - 1)
        if kind == 1:
            return text[:at] + text[at + 1 :]
        return text[:at] + ch + text[at + 1 :]

    def byte_edit(self, text: str) -> str:
        data = bytearray(text.encode("utf-8", "surrogatepass"))
        if not data:
            return text
        for _ in range(self.rng.randint(1, 3)):
            i = self.rng.randrange(len(data))
            flipped = data[i] ^ (1 << self.rng.randrange(8))
            data[i] = self.rng.choice((flipped, self.rng.randrange(256)))
        # Bytes that do not decode stay as lone surrogates, as a non-UTF-8 file name does.
        errors = "surrogateescape" if self.rng.random() < 0.2 else "replace"
        return data.decode("utf-8", errors)

    def splice(self, text: str) -> str:
        other = self.pick()
        a, b = sorted((self.rng.randint(0, len(other)), self.rng.randint(0, len(other))))
        return self._insert(text, other[a:b])

    def number(self, text: str) -> str:
        piece = self.rng.choice(NUMBERISH)
        if self.rng.random() < 0.5:
            piece += self.rng.choice(UNITISH)
        m = list(re.finditer(r"\d[\d,.]*", text))
        if m and self.rng.random() < 0.7:
            hit = self.rng.choice(m)
            return text[: hit.start()] + piece + text[hit.end() :]
        return self._insert(text, " " + piece + " ")

    def digits(self, text: str) -> str:
        run = "".join(self.rng.choice("0123456789") for _ in range(self._size(20, 400, 5000)))
        return self._insert(text, run + self.rng.choice(("", " km", "e9", ".5", "%")))

    def exponent(self, text: str) -> str:
        m = list(re.finditer(r"\d+(?:\.\d+)?", text))
        e = self.rng.choice(("e700", "E450", "e-400", "e308", "e-324", "e+99999", "e", "E-"))
        if m:
            hit = self.rng.choice(m)
            return text[: hit.end()] + e + text[hit.end() :]
        return self._insert(text, "3" + e + " km")

    def brackets(self, text: str) -> str:
        depth = self._size(1, 3, 50, 500)
        opening, closing = self.rng.choice((("(", ")"), ("[", "]"), ("{", "}"), ("<", ">")))
        a, b = sorted((self._at(text), self._at(text)))
        if self.rng.random() < 0.3:  # unbalanced
            return text[:a] + opening * depth + text[a:]
        return text[:a] + opening * depth + text[a:b] + closing * depth + text[b:]

    def words(self, text: str) -> str:
        run = " ".join(self.rng.choice(WORDS) for _ in range(self._size(3, 20, 200)))
        return self._insert(text, " " + run + self.rng.choice(("", " km", " people", " dollars")))

    def money(self, text: str) -> str:
        n = self._size(2, 10, 100)
        parts = []
        for _ in range(n):
            sym = self.rng.choice(CURRENCY) * self.rng.choice((1, 1, 3))
            parts.append(sym + self.rng.choice(("5", "1.5", "3bn", "", "2m", "10,000", "0")))
        return self._insert(text, " " + self.rng.choice((" ", "-", "", " to ")).join(parts) + " ")

    def markup(self, text: str) -> str:
        return self._insert(text, self.rng.choice(MARKUP))

    def chain(self, text: str) -> str:
        n = self._size(3, 30, 300)
        sep = self.rng.choice(("-", "\u2013", " to ", "/", "x", ":", "."))
        run = sep.join(str(i) for i in range(1, n + 1))
        return self._insert(text, run + self.rng.choice(UNITISH))

    def repeat(self, text: str) -> str:
        a, b = sorted((self._at(text), self._at(text)))
        piece = text[a : min(b, a + 60)] or "5 km (3 miles) "
        return text[:a] + piece * self._size(2, 10, 100) + text[a:]

    def cut(self, text: str) -> str:
        return text[: self._at(text)] if self.rng.random() < 0.7 else text[self._at(text) :]

    def unit(self, text: str) -> str:
        return self._insert(text, self.rng.choice(UNITISH))


_OPS: tuple[Callable[[Mutator, str], str], ...] = (
    Mutator.char_edit, Mutator.char_edit, Mutator.byte_edit, Mutator.splice, Mutator.number,
    Mutator.number, Mutator.digits, Mutator.exponent, Mutator.brackets, Mutator.words,
    Mutator.money, Mutator.markup, Mutator.markup, Mutator.chain, Mutator.repeat, Mutator.cut,
    Mutator.cut, Mutator.unit, Mutator.unit,
)


# -- checks ---------------------------------------------------------------------------


class Broken(AssertionError):
    """An invariant does not hold (not an exception unitcheck raised)."""


class Slow(Exception):
    """A call ran past the time limit."""


def _slices(text: str, q: Any, what: str) -> None:
    if not (0 <= q.start <= q.end <= len(text)) or text[q.start : q.end] != q.text:
        raise Broken(f"{what}: span {q.start}:{q.end} does not slice {q.text!r}")


def _findings_slice(findings: Any, a_text: str | None, b_text: str, what: str) -> None:
    for f in findings:
        if f.b is not None:
            _slices(b_text, f.b, f"{what} {f.code} side b")
        if f.a is not None:
            _slices(a_text if a_text is not None else b_text, f.a, f"{what} {f.code} side a")


def _fingerprint(value: Any) -> str:
    return repr(value)


def run_target(target: str, text: str, partner: str) -> str:
    """Run one target on *text*, check its invariants, return a fingerprint of the output."""
    from unitcheck import compare, extract, lint
    from unitcheck.text.markup import blank_markdown, extract_html
    from unitcheck.text.reading import document_from_bytes
    from unitcheck.text.suppress import parse

    if target == "extract":
        found = extract(text)
        for q in found:
            _slices(text, q, "extract")
        return _fingerprint(found)
    if target == "lint":
        findings = lint(text)
        _findings_slice(findings, None, text, "lint")
        return _fingerprint(findings)
    if target == "compare":
        result = compare(partner, text)
        _findings_slice(result.findings, partner, text, "compare")
        for qa, qb in result.matches:
            _slices(partner, qa, "compare match a")
            _slices(text, qb, "compare match b")
        return _fingerprint(result.findings)
    if target == "markup":
        html_text, positions = extract_html(text)
        md = blank_markdown(text)
        if len(md) != len(text):
            raise Broken("blank_markdown changed the length")
        out = [html_text, md]
        for fmt in ("html", "markdown", "text"):
            try:
                data = text.encode("utf-8", "surrogatepass")
                doc = document_from_bytes(data, name="f", format=fmt)
            except Exception as exc:  # noqa: BLE001 - own errors are fine, others re-raised
                from unitcheck.errors import UnitcheckError

                if isinstance(exc, UnitcheckError):
                    continue
                raise
            for q in extract(doc.text):
                _slices(doc.text, q, f"extract({fmt})")
                s, e = doc.source_span(q.start, q.end)
                if not 0 <= s <= e <= len(doc.source):
                    raise Broken(f"{fmt}: source span {s}:{e} outside the source")
                doc.line_col(q.start)
                out.append(q.text)
        return _fingerprint(out)
    if target == "suppress":
        return _fingerprint([parse(text, fmt) for fmt in ("text", "markdown", "html")])
    raise ValueError(f"unknown target {target!r}")


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise Slow("time limit")


#: The parts of a Broken message that vary between inputs: spans and surfaces.
_DETAIL = re.compile(r"[0-9]+:[0-9]+|'.*|\".*")


def crash_class(exc: BaseException) -> str:
    """``Type at file:line``: the innermost frame inside the unitcheck package."""
    where = "?"
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if "unitcheck" in path.parts and "scripts" not in path.parts:
            where = f"{'/'.join(path.parts[path.parts.index('unitcheck'):])}:{frame.lineno}"
    if isinstance(exc, Broken):
        return "Broken " + _DETAIL.sub("", str(exc)).strip()
    return f"{type(exc).__name__} at {where}"


def check(target: str, text: str, partner: str, timeout: float, twice: bool) -> str | None:
    """The crash class of running *target* on *text*, or None when all is well."""
    from unitcheck.errors import UnitcheckError

    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        first = run_target(target, text, partner)
        if twice and run_target(target, text, partner) != first:
            raise Broken(f"{target}: a second run gave a different answer")
    except UnitcheckError:
        return None
    except RecursionError as exc:
        return crash_class(exc)
    except Exception as exc:  # noqa: BLE001 - classifying every crash is the point
        return crash_class(exc)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return None


def _reduce(text: str, still: Callable[[str], bool], deadline: float) -> str:
    """Greedy chunk deletion: the shortest *text* found for which *still* holds."""
    chunk = max(1, len(text) // 2)
    while chunk >= 1 and time.monotonic() < deadline:
        i, changed = 0, False
        while i < len(text) and time.monotonic() < deadline:
            candidate = text[:i] + text[i + chunk :]
            if candidate and still(candidate):
                text, changed = candidate, True
            else:
                i += chunk
        if not changed:
            chunk //= 2
    return text


def shrink(
    target: str, text: str, partner: str, klass: str, timeout: float, budget: float
) -> tuple[str, str]:
    """A shorter *text* (and, for compare, *partner*) that still crash with *klass*."""
    deadline = time.monotonic() + budget
    text = _reduce(text, lambda t: check(target, t, partner, timeout, False) == klass, deadline)
    if target == "compare":
        partner = _reduce(
            partner, lambda p: check(target, text, p, timeout, False) == klass, deadline
        )
    return text, partner


# -- the loop -------------------------------------------------------------------------


@dataclass(slots=True)
class Stats:
    inputs: int = 0
    by_target: Counter[str] = field(default_factory=Counter)
    crashes: Counter[str] = field(default_factory=Counter)
    first: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)

    def rate(self) -> float:
        return self.inputs / max(1e-9, time.monotonic() - self.started)


def _slug(klass: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", klass).strip("_")[:80]


def record(stats: Stats, target: str, text: str, partner: str, klass: str, out: Path) -> None:
    stats.crashes[klass] += 1
    if klass in stats.first:
        return
    stats.first[klass] = (target, text, partner)
    slug = _slug(klass)
    (out / f"{slug}.input.txt").write_text(text, encoding="utf-8", errors="surrogateescape")
    print(f"  new crash class [{target}] {klass}", flush=True)


def report(stats: Stats, out: Path, timeout: float, shrink_budget: float) -> dict[str, Any]:
    elapsed = time.monotonic() - stats.started
    summary: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "python": sys.version.split()[0],
        "inputs": stats.inputs,
        "seconds": round(elapsed, 1),
        "inputs_per_second": round(stats.inputs / max(elapsed, 1e-9), 1),
        "by_target": dict(stats.by_target),
        "crashes": {},
    }
    print(f"\n{stats.inputs} inputs in {elapsed:.0f} s ({summary['inputs_per_second']}/s)")
    print("by target: " + ", ".join(f"{k} {v}" for k, v in sorted(stats.by_target.items())))
    print(f"crash classes: {len(stats.crashes)}, crashing inputs: {sum(stats.crashes.values())}")
    for klass, n in stats.crashes.most_common():
        target, text, partner = stats.first[klass]
        small, partner = shrink(target, text, partner, klass, timeout, shrink_budget)
        path = out / f"{_slug(klass)}.min.txt"
        path.write_text(small, encoding="utf-8", errors="surrogateescape")
        entry = {"count": n, "target": target, "reproducer": small}
        shown = f"{small[:200]!r}"
        if target == "compare":  # the other side matters too: it is the seed
            entry["original"] = partner
            shown = f"compare({partner[:100]!r}, {small[:200]!r})"
        summary["crashes"][klass] = entry
        print(f"  {n:7d}  [{target}] {klass}\n           reproducer: {shown}")
    (out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=True) + "\n")
    print(f"reproducers and summary.json in {out}")
    return summary


def one(stats: Stats, text: str, partner: str, args: argparse.Namespace, out: Path) -> None:
    target = args.targets[stats.inputs % len(args.targets)]
    twice = stats.inputs % args.twice_every == 0
    klass = check(target, text, partner, args.timeout, twice)
    stats.inputs += 1
    stats.by_target[target] += 1
    if klass is not None:
        record(stats, target, text, partner, klass, out)
    if stats.inputs % args.progress == 0:
        print(
            f"{stats.inputs:>9} inputs  {stats.rate():7.0f}/s  "
            f"{len(stats.crashes)} classes, {sum(stats.crashes.values())} crashing",
            flush=True,
        )


def mutate_loop(args: argparse.Namespace, seeds: list[str], out: Path) -> Stats:
    mut = Mutator(seeds, random.Random(args.seed))
    stats = Stats()
    deadline = stats.started + args.seconds if args.seconds else None
    while stats.inputs < args.inputs and (deadline is None or time.monotonic() < deadline):
        partner = mut.pick()
        text = mut.mutate(partner)
        one(stats, text, partner, args, out)
    return stats


def atheris_loop(args: argparse.Namespace, seeds: list[str], out: Path) -> Stats:
    import atheris  # type: ignore[import-not-found]

    with atheris.instrument_imports():
        import unitcheck  # noqa: F401
        import unitcheck.text.markup  # noqa: F401
        import unitcheck.text.reading  # noqa: F401
        import unitcheck.text.suppress  # noqa: F401

    mut = Mutator(seeds, random.Random(args.seed))
    stats = Stats()
    corpus_dir = out / "corpus"
    corpus_dir.mkdir(exist_ok=True)
    for i, seed in enumerate(seeds):
        (corpus_dir / f"seed{i:05d}").write_bytes(seed.encode("utf-8"))

    def test_one_input(data: bytes) -> None:
        text = data.decode("utf-8", "replace")
        one(stats, text, seeds[len(data) % len(seeds)], args, out)
        if stats.inputs >= args.inputs or (
            args.seconds and time.monotonic() - stats.started > args.seconds
        ):
            report(stats, out, args.timeout, args.shrink_seconds)
            import os

            os._exit(0)

    def custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
        mut.rng.seed(seed)
        text = data.decode("utf-8", "replace") if data else mut.pick()
        if mut.rng.random() < 0.2:
            return atheris.Mutate(data, max_size)
        return mut.mutate(text).encode("utf-8", "replace")[:max_size]

    atheris.Setup(
        [sys.argv[0], str(corpus_dir), "-rss_limit_mb=4096", f"-max_len={mut.max_len}"],
        test_one_input,
        custom_mutator=custom_mutator,
    )
    atheris.Fuzz()
    return stats  # not reached: test_one_input exits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=1_000_000, help="stop after this many")
    parser.add_argument("--seconds", type=float, default=0, help="stop after this long (0: never)")
    parser.add_argument("--seed", type=int, default=13, help="random seed")
    parser.add_argument("--out", type=Path, default=None, help="folder for the reproducers")
    parser.add_argument("--engine", choices=("auto", "mutate", "atheris"), default="mutate")
    parser.add_argument("--targets", default=",".join(TARGETS), help="comma-separated targets")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds a call may take")
    parser.add_argument(
        "--twice-every", type=int, default=50, help="rerun 1 in N to check determinism"
    )
    parser.add_argument("--progress", type=int, default=50_000, help="print a line every N inputs")
    parser.add_argument("--shrink-seconds", type=float, default=20.0, help="per crash class")
    args = parser.parse_args(argv)
    args.targets = [t for t in args.targets.split(",") if t]
    unknown = set(args.targets) - set(TARGETS)
    if unknown:
        parser.error(f"unknown targets: {', '.join(sorted(unknown))}")
    out = args.out or Path(tempfile.mkdtemp(prefix="unitcheck-fuzz-"))
    if ROOT in out.resolve().parents or out.resolve() == ROOT:
        parser.error("--out must be outside the repository")
    out.mkdir(parents=True, exist_ok=True)
    seeds = load_seeds()
    signal.signal(signal.SIGALRM, _on_alarm)
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # type: ignore[import-not-found]  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "mutate"
    print(f"engine {engine}, {len(seeds)} seeds, targets {', '.join(args.targets)}, out {out}")
    if engine == "atheris":
        atheris_loop(args, seeds, out)
        return 0
    stats = mutate_loop(args, seeds, out)
    summary = report(stats, out, args.timeout, args.shrink_seconds)
    return 1 if summary["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
