"""How the time of extract, lint and compare grows on adversarial shapes of copy.

    nice python scripts/scaling.py [--target SECONDS] [--limit SECONDS] [--shapes a,b]
                                   [--ops extract,lint,...] [--markdown]

For every shape (a 100k-digit number, 10k nested brackets, a "1-2-3-..." chain, repeats
of "5 km (3 miles) ", runs of number words and of currency amounts, a price table, one
long sentence with no punctuation, inline HTML tags) and every operation (``extract``,
``lint``, and ``compare`` of the text with itself, with one figure changed, and with an
unrelated text of the same shape and size), the size n is doubled from the shape's start
until one call takes ``--target`` seconds (or the shape's largest size is reached); then
the calls at n and 2n are timed in CPU seconds of this process (so other load on the
machine does not count), best of three with spaCy's tokenizer cache emptied
before each, and the ratio printed. Linear growth gives about 2.0, n log n a little
more, quadratic about 4.0. A call that takes longer than ``--limit`` seconds is stopped
and shown as such; a crash is shown with its class.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from unitcheck import compare, extract, lint  # noqa: E402

WORDS = "one two three four five six seven eight nine ten eleven twelve twenty thirty".split()
BIG = "hundred thousand million billion".split()


def digits(n: int, v: int) -> str:
    return f"It rose to {str(7 - v) * n} km on Monday."


def brackets(n: int, v: int) -> str:
    return "(" * n + f"{5 + v} km" + ")" * n + " away."


def chain(n: int, v: int) -> str:
    return "Scores were " + "-".join(str((i + v) % 97 + 1) for i in range(n)) + "."


def km_miles(n: int, v: int) -> str:
    return f"{5 + v} km (3 miles) " * n


def number_words(n: int, v: int) -> str:
    run = [WORDS[(i + v) % len(WORDS)] if i % 4 else BIG[(i + v) % len(BIG)] for i in range(n)]
    return "About " + " ".join(run) + " people came."


def currency(n: int, v: int) -> str:
    symbols = ("$", "\u20ac", "\u00a3", "\u20b9")
    return " ".join(f"{symbols[(i + v) % 4]}{i % 90 + 10 + v}" for i in range(n)) + "."


def price_table(n: int, v: int) -> str:
    return "".join(f"Item {i + v}  ....  ${(i * 7 + v) % 500}.99  {i % 9 + 1} kg\n" for i in range(n))


def no_punctuation(n: int, v: int) -> str:
    parts = [f"the road of {(i + v) % 50 + 1} km and {i % 9 + 2} people" for i in range(n)]
    return " ".join(parts)


def html_tags(n: int, v: int) -> str:
    return " ".join(f"<b>{(i + v) % 80 + 1}</b> <i>km</i> <span>of</span>" for i in range(n))


@dataclass(frozen=True, slots=True)
class Shape:
    name: str
    build: Callable[[int, int], str]
    start: int
    largest: int
    what: str


SHAPES = (
    Shape("digits", digits, 1_000, 100_000, "digits in one number"),
    Shape("brackets", brackets, 250, 10_000, "nesting depth"),
    Shape("chain", chain, 250, 20_000, "numbers in a 1-2-3 chain"),
    Shape("km-miles", km_miles, 25, 50_000, 'repeats of "5 km (3 miles) "'),
    Shape("number-words", number_words, 100, 50_000, "number words"),
    Shape("currency", currency, 50, 50_000, "currency amounts"),
    Shape("price-table", price_table, 50, 8_000, "table lines"),
    Shape("no-punct", no_punctuation, 25, 50_000, "clauses in one sentence"),
    Shape("html-tags", html_tags, 50, 50_000, "tagged figures"),
)


def _changed(text: str) -> str:
    """*text* with its last digit changed: the reprint changed one figure (or, in a text
    with no digits, added one)."""
    for i in range(len(text) - 1, -1, -1):
        if text[i].isdigit():
            return text[:i] + str((int(text[i]) + 1) % 10) + text[i + 1 :]
    return text + " 5 km"


OPS: dict[str, Callable[[Shape, int], Callable[[], object]]] = {
    "extract": lambda s, n: (lambda t=s.build(n, 0): extract(t)),
    "lint": lambda s, n: (lambda t=s.build(n, 0): lint(t)),
    "compare-same": lambda s, n: (lambda t=s.build(n, 0): compare(t, t)),
    "compare-similar": lambda s, n: (lambda t=s.build(n, 0): compare(t, _changed(t))),
    "compare-unrelated": lambda s, n: (lambda a=s.build(n, 0), b=s.build(n, 3): compare(a, b)),
}


class TooSlow(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise TooSlow


def _forget() -> None:
    """Empty the segmenter's cache of cut pieces (``sentence_rules.forget``) and spaCy's
    tokenizer cache when spaCy was loaded, so that a repeat is timed as a first call:
    otherwise "km)))...)" is slow once and then free, and best-of-three would hide what
    every new text costs."""
    from unitcheck.text import sentence_rules
    from unitcheck.text.nlp import get_nlp

    sentence_rules.forget()
    if get_nlp.cache_info().currsize:
        get_nlp().tokenizer._flush_cache()


def timed(call: Callable[[], object], limit: float) -> float | str:
    """Seconds *call* took, or a short reason it did not finish."""
    _forget()
    signal.setitimer(signal.ITIMER_VIRTUAL, limit)
    start = time.process_time()
    try:
        call()
    except TooSlow:
        return f">{limit:g}s"
    except Exception as exc:  # noqa: BLE001 - a crash is a result here
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if "unitcheck" in f.filename]
        where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
        return f"crash {type(exc).__name__} {where}"
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
    return time.process_time() - start


def best(call: Callable[[], object], limit: float, repeats: int) -> float | str:
    times = []
    for _ in range(repeats):
        t = timed(call, limit)
        if isinstance(t, str):
            return t
        times.append(t)
        if t > limit / 4:
            break
    return min(times)


@dataclass(frozen=True, slots=True)
class Row:
    shape: str
    op: str
    n: int
    chars: int
    t1: float | str
    t2: float | str

    @property
    def ratio(self) -> str:
        if isinstance(self.t1, str) or isinstance(self.t2, str):
            return "-"
        return f"{self.t2 / max(self.t1, 1e-9):.2f}"

    @property
    def verdict(self) -> str:
        for t in (self.t1, self.t2):
            if isinstance(t, str):
                return "crash" if t.startswith("crash") else "too slow"
        r = self.t2 / max(self.t1, 1e-9)
        return "linear" if r <= 2.4 else ("superlinear" if r <= 3.2 else "quadratic+")


def measure(shape: Shape, op: str, target: float, limit: float) -> Row:
    make = OPS[op]
    n = shape.start
    while True:
        t = best(make(shape, n), limit, 1)
        if isinstance(t, str) or t >= target or n * 2 > shape.largest:
            break
        n *= 2
    if isinstance(t, str) and n > shape.start:
        n //= 2  # the last size that worked
    t1 = best(make(shape, n), limit, 3)
    t2 = best(make(shape, 2 * n), limit, 3) if not isinstance(t1, str) else "-"
    return Row(shape.name, op, n, len(shape.build(n, 0)), t1, t2)


def _fmt(t: float | str) -> str:
    return t if isinstance(t, str) else f"{t:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", type=float, default=0.25, help="seconds at size n")
    parser.add_argument("--limit", type=float, default=20.0, help="seconds before a call stops")
    parser.add_argument("--shapes", default=",".join(s.name for s in SHAPES))
    parser.add_argument("--ops", default=",".join(OPS))
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    shapes = [s for s in SHAPES if s.name in args.shapes.split(",")]
    ops = [o for o in args.ops.split(",") if o in OPS]
    signal.signal(signal.SIGVTALRM, _alarm)
    extract("warm up: 5 km (3 miles), $5.")
    lint("warm up: 5 km (3 miles), $5.")
    compare("Warm up: 5 km (3 miles), $5. It rose.", "Warm up: 6 km (3 miles), $5. It fell.")
    if args.markdown:
        print("| shape | operation | n | chars at n | t(n) s | t(2n) s | ratio | growth |")
        print("|---|---|---:|---:|---:|---:|---:|---|")
    else:
        head = ("shape", "operation", "n", "chars", "t(n)", "t(2n)", "ratio")
        print("{:<13} {:<18} {:>7} {:>8} {:>9} {:>9} {:>6}  growth".format(*head))
    rows = []
    for shape in shapes:
        for op in ops:
            row = measure(shape, op, args.target, args.limit)
            rows.append(row)
            cells = (row.shape, row.op, row.n, row.chars, _fmt(row.t1), _fmt(row.t2), row.ratio)
            if args.markdown:
                print("| " + " | ".join(map(str, cells)) + f" | {row.verdict} |", flush=True)
            else:
                line = "{:<13} {:<18} {:>7} {:>8} {:>9} {:>9} {:>6}".format(*cells)
                print(f"{line}  {row.verdict}", flush=True)
    bad = [r for r in rows if r.verdict != "linear"]
    print(f"\n{len(rows) - len(bad)} of {len(rows)} series linear; not linear: "
          + (", ".join(f"{r.shape}/{r.op} ({r.verdict})" for r in bad) or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
