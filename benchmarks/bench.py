"""Speed and memory of unitcheck, side by side with quantulum3, in one run.

    pip install -e ".[bench]" && python benchmarks/bench.py

Prints, for the same text: warm extraction throughput (words per second) of both tools
and the ratio; cold start of a 1,000-word ``extract`` as a fresh process (import, pint
registry and all); peak memory of each tool in a fresh process; warm ``compare`` of a
1,000-word pair; and ``compare`` of a 20,000-word pair, to show alignment does not
blow up. The text is built from the project's own golden cases (never outside copy).

Figures depend on the machine: quote the ratios. This is never run as a timed test.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"
_NUMBER = re.compile(r"\d[\d,.]*")


def golden_texts() -> tuple[list[str], list[str]]:
    """Paragraph-aligned originals and revisions from the compare cases, plus lint texts."""
    originals, revisions = [], []
    for path in sorted((CASES / "compare").glob("*.toml")):
        case = tomllib.loads(path.read_text(encoding="utf-8"))
        originals.append(case["original"].strip())
        revisions.append(case["revised"].strip())
    for path in sorted((CASES / "lint").glob("*.toml")):
        text = tomllib.loads(path.read_text(encoding="utf-8"))["text"].strip()
        originals.append(text)
        revisions.append(text)
    return originals, revisions


def words(text: str) -> int:
    return len(text.split())


def build_pair(target_words: int, seed: int = 7) -> tuple[str, str]:
    """An original and a revision of about *target_words* words.

    Beyond the golden material, copies repeat with every figure shifted and a distinct
    dateline, so the aligner sees near-duplicate sentences: its worst case.
    """
    originals, revisions = golden_texts()
    rng = random.Random(seed)
    vocabulary = sorted({w for t in originals for w in re.findall(r"[A-Za-z]{5,}", t)})
    out_a: list[str] = []
    out_b: list[str] = []
    count, copy = 0, 0
    while count < target_words:
        order = list(range(len(originals)))
        rng.shuffle(order)
        for i in order:
            a, b = originals[i], revisions[i]
            if copy:
                a = _NUMBER.sub(lambda m, by=copy: _shift(m.group(), by), a)
                b = _NUMBER.sub(lambda m, by=copy: _shift(m.group(), by), b)
                tag = " ".join(rng.sample(vocabulary, 3)).upper() + " - "
                a, b = tag + a, tag + b
            out_a.append(a)
            out_b.append(b)
            count += words(a)
            if count >= target_words:
                break
        copy += 1
    return "\n\n".join(out_a) + "\n", "\n\n".join(out_b) + "\n"


def _shift(number: str, by: int) -> str:
    digits = number.rstrip(",.")
    tail = number[len(digits) :]
    if not digits.isdigit():
        return number
    return f"{int(digits) + by}{tail}"


def timings(fn, repeat: int) -> list[float]:
    """Wall seconds of *repeat* calls of *fn*."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def best_of(fn, repeat: int) -> float:
    return min(timings(fn, repeat))


def median_of(fn, repeat: int) -> float:
    return statistics.median(timings(fn, repeat))


_CHILD = """
import time
start = time.perf_counter()
{code}
elapsed = time.perf_counter() - start
# VmHWM, not ru_maxrss: after fork and exec, ru_maxrss still counts the parent's pages.
peak = next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(elapsed, peak)
"""


def run_child(code: str) -> tuple[float, int]:
    """Run *code* in a fresh interpreter; return wall seconds and peak RSS in KiB."""
    script = _CHILD.format(code=textwrap.dedent(code).strip())
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", script], capture_output=True, text=True, check=True
    )
    seconds, rss = done.stdout.split()[-2:]
    return float(seconds), int(rss)


def cold_cli(path: Path, repeat: int) -> float:
    """Wall time of ``unitcheck extract PATH`` as a new process (best of *repeat*)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "unitcheck", "extract", str(path)],
            capture_output=True,
            check=False,
        )
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=20_000, help="size of the throughput text")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-peer", action="store_true", help="skip quantulum3")
    args = parser.parse_args()

    import unitcheck

    text, _ = build_pair(args.words)
    n_words = words(text)
    article_a, article_b = build_pair(1_000)
    big_a, big_b = build_pair(20_000, seed=11)

    rows: list[tuple[str, str]] = []
    unitcheck.extract(text[:2000])  # warm: registry and tables loaded
    ours = best_of(lambda: unitcheck.extract(text), args.repeat)
    ours_wps = n_words / ours
    rows.append(
        (
            "unitcheck extract, warm",
            f"{ours_wps:,.0f} words/s ({n_words:,} words in {ours * 1000:.0f} ms)",
        )
    )

    peer_wps = None
    if not args.no_peer:
        try:
            import warnings

            warnings.simplefilter("ignore")
            from quantulum3 import parser as q3
        except ImportError:
            rows.append(("quantulum3", "not installed: pip install -e '.[bench]'"))
        else:
            q3.parse(text[:2000])
            # quantulum3 is slow: time it on a slice and scale, to keep the run short.
            sample = text[: max(2000, len(text) // 10)]
            peer = best_of(lambda: q3.parse(sample), max(1, args.repeat // 2))
            peer_wps = words(sample) / peer
            rows.append(("quantulum3 parse, warm", f"{peer_wps:,.0f} words/s"))
            rows.append(
                ("throughput ratio", f"unitcheck is {ours_wps / peer_wps:,.0f}x quantulum3")
            )

    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "article.txt"
        article.write_text(article_a, encoding="utf-8")
        cold = cold_cli(article, args.repeat)
        rows.append(
            (
                f"cold `unitcheck extract` ({words(article_a):,} words)",
                f"{cold * 1000:.0f} ms (new process, best of {args.repeat})",
            )
        )
        ours_child, ours_rss = run_child(
            f"import unitcheck; unitcheck.extract(open({str(article)!r}).read())"
        )
        rows.append(
            (
                "unitcheck import + extract, peak RSS",
                f"{ours_rss / 1024:.0f} MiB ({ours_child * 1000:.0f} ms in process)",
            )
        )
        cmp_child, cmp_rss = run_child(
            f"import unitcheck; t = open({str(article)!r}).read(); unitcheck.compare(t, t)"
        )
        rows.append(
            (
                "unitcheck import + compare, peak RSS",
                f"{cmp_rss / 1024:.0f} MiB ({cmp_child * 1000:.0f} ms in process)",
            )
        )
        if peer_wps is not None:
            peer_child, peer_rss = run_child(
                f"import warnings; warnings.simplefilter('ignore')\n"
                f"from quantulum3 import parser; parser.parse(open({str(article)!r}).read())"
            )
            rows.append(
                (
                    "quantulum3 import + parse, peak RSS",
                    f"{peer_rss / 1024:.0f} MiB ({peer_child * 1000:.0f} ms in process)",
                )
            )
            rows.append(
                (
                    "cold in-process ratio",
                    f"quantulum3 / unitcheck = {peer_child / ours_child:.1f}x; "
                    f"memory ratio {peer_rss / ours_rss:.2f}x",
                )
            )

    unitcheck.compare(article_a, article_b)  # warm: spaCy pipeline built once
    warm_compare = median_of(lambda: unitcheck.compare(article_a, article_b), args.repeat * 2)
    rows.append(
        (
            f"compare, warm ({words(article_a):,}-word pair)",
            f"{warm_compare * 1000:.1f} ms (median)",
        )
    )
    big = best_of(lambda: unitcheck.compare(big_a, big_b), 1)
    rows.append((f"compare ({words(big_a):,}-word pair)", f"{big:.2f} s"))

    width = max(len(label) for label, _ in rows)
    print(f"unitcheck {unitcheck.__version__} benchmark, Python {sys.version.split()[0]}")
    for label, value in rows:
        print(f"  {label:<{width}}  {value}")


if __name__ == "__main__":
    main()
