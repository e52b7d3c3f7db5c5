"""Speed and memory of unitcheck, side by side with quantulum3 and spaCy, in one run.

    pip install -e ".[bench]" && python benchmarks/bench.py

Throughput is timed on documents of news length (about 1,000 words each), because that
is what a newsroom feeds it and because per-call costs count there: one long text
flatters a tool with a high start-up cost per call. Each tool runs in a fresh process of
its own (one tool's memory and caches must not slow another), is warmed there (imports,
pint registry, tables, models, on three warm-up documents), then times the same sets of
documents, each new to it; a ratio is the median over the sets both tools timed of
their CPU seconds per document. The peers:
quantulum3's ``parser.parse`` (the bar is 100x per document) and spaCy's blank English
tokenizer, ``spacy.blank("en").tokenizer`` alone (the bar is a quarter of its rate).

Then: cold start of a 1,000-word ``unitcheck extract`` as a fresh process (import, pint
registry and all), with and without unitcheck's on-disk cache of pint's answers; whether
spaCy or pint is imported on that path; peak memory of each tool in a fresh process;
warm ``compare`` of a 1,000-word pair; and ``compare`` of a 20,000-word pair, to show
alignment does not blow up. The texts are built from the project's own golden cases
(never outside copy).

Figures depend on the machine: quote the ratios. This is never run as a timed test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
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


def cold_cli(path: Path, repeat: int, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of ``unitcheck extract PATH`` as a new process (best of
    *repeat* each); CPU time is what a busy shared machine does not inflate."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "unitcheck", "extract", str(path)],
            capture_output=True,
            check=False,
            env=env,
        )
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


def documents(count: int, size: int = 1_000, seed: int = 7) -> list[str]:
    """*count* distinct documents of about *size* words, cut at paragraph breaks.

    They are consecutive stretches of one long text from :func:`build_pair`, so beyond
    the first few every figure is shifted and every paragraph has its own dateline:
    the words of news repeat from one article to the next, its figures do not.
    """
    text, _ = build_pair(count * size + size, seed)
    docs: list[str] = []
    current: list[str] = []
    n = 0
    for paragraph in text.split("\n\n"):
        current.append(paragraph.strip())
        n += words(paragraph)
        if n >= size:
            docs.append("\n\n".join(current) + "\n")
            current, n = [], 0
            if len(docs) == count:
                break
    return docs


def per_document(fn, docs: list[str]) -> float:
    """Mean CPU seconds of one call of *fn* over *docs* (one pass, in order).

    CPU time of the process, not wall time: on a shared machine another job's load
    would otherwise slow whichever tool happened to run beside it.
    """
    start = time.process_time()
    for doc in docs:
        fn(doc)
    return (time.process_time() - start) / len(docs)


def load_tool(name: str):
    """The callable each tool is timed by, warmed to its steady state by the caller."""
    import warnings

    warnings.simplefilter("ignore")
    if name == "unitcheck":
        import unitcheck
        from unitcheck.units.registry import registry

        registry()  # built now, not when a timed text first shows a word the tables lack
        return unitcheck.extract
    if name == "spacy":
        import spacy

        return spacy.blank("en").tokenizer
    from quantulum3 import parser as q3

    return q3.parse


def time_tool(name: str, warm_docs: list[str], sets: list[list[str]]) -> list[float]:
    """Seconds per document of tool *name* on each set, after warming it on *warm_docs*."""
    fn = load_tool(name)
    for doc in warm_docs:
        fn(doc)
    return [per_document(fn, docs) for docs in sets]


def throughput(name: str, args: argparse.Namespace, sets: int) -> list[float] | None:
    """Seconds per document of tool *name* on the first *sets* sets, timed in a fresh
    process of its own, so that no tool's memory or caches slow another; None if the
    tool is not installed."""
    done = subprocess.run(
        [
            sys.executable,
            "-W",
            "ignore",
            __file__,
            "--child",
            name,
            "--sets",
            str(sets),
            "--docs",
            str(args.docs),
            "--doc-words",
            str(args.doc_words),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return None
    return json.loads(done.stdout.splitlines()[-1])


def timed_documents(args: argparse.Namespace) -> tuple[list[str], list[list[str]]]:
    """The warm-up documents and the timed sets, the same in every process."""
    warm_count = 3
    all_docs = documents(warm_count + args.sets * args.docs, args.doc_words)
    warm_docs, timed = all_docs[:warm_count], all_docs[warm_count:]
    return warm_docs, [timed[k * args.docs : (k + 1) * args.docs] for k in range(args.sets)]


def ratio(slow: list[float], fast: list[float]) -> float:
    """Median over the sets both timed of slow / fast seconds per document."""
    return statistics.median(a / b for a, b in zip(slow, fast, strict=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--doc-words", type=int, default=1_000, help="words per document")
    parser.add_argument("--docs", type=int, default=4, help="documents per timed set")
    parser.add_argument("--sets", type=int, default=7, help="timed sets (each new text)")
    parser.add_argument("--peer-sets", type=int, default=2, help="sets quantulum3 times")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-peer", action="store_true", help="skip quantulum3")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # time one tool, print JSON
    args = parser.parse_args()

    if args.child:
        warm_docs, sets = timed_documents(args)
        print(json.dumps(time_tool(args.child, warm_docs, sets)))
        return

    import unitcheck

    _, sets = timed_documents(args)
    mean_words = statistics.mean(words(doc) for docs in sets for doc in docs)
    article_a, article_b = build_pair(1_000)
    big_a, big_b = build_pair(20_000, seed=11)

    rows: list[tuple[str, str]] = []
    seconds: dict[str, list[float]] = {}
    names = ("unitcheck", "spacy") if args.no_peer else ("unitcheck", "spacy", "quantulum3")
    for name in names:
        count = min(args.peer_sets, args.sets) if name == "quantulum3" else args.sets
        found = throughput(name, args, count)
        if found is not None:
            seconds[name] = found
        elif name == "quantulum3":
            rows.append(("quantulum3", "not installed: pip install -e '.[bench]'"))
        else:
            raise SystemExit(f"could not time {name}")

    def rate(name: str) -> str:
        per_doc = statistics.median(seconds[name])
        return (
            f"{per_doc * 1000:.2f} ms per document, {mean_words / per_doc:,.0f} words/s "
            f"(median of {len(seconds[name])} sets of {args.docs})"
        )

    label = f"{mean_words:,.0f}-word documents"
    rows.insert(0, (f"unitcheck extract, warm, {label}", rate("unitcheck")))
    rows.append((f"spaCy blank('en') tokenizer, warm, {label}", rate("spacy")))
    share = 1 / ratio(seconds["unitcheck"], seconds["spacy"])
    rows.append(("  ratio to spaCy's tokenizer", f"unitcheck runs at {share:.0%} of its rate"))
    if "quantulum3" in seconds:
        rows.append((f"quantulum3 parse, warm, {label}", rate("quantulum3")))
        times = ratio(seconds["quantulum3"], seconds["unitcheck"])
        rows.append(
            ("  ratio to quantulum3", f"unitcheck is {times:,.0f}x quantulum3 per document")
        )

    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "article.txt"
        article.write_text(article_a, encoding="utf-8")
        cold_cli(article, 1)  # fills unitcheck's on-disk cache of pint's answers
        cold, cold_cpu = cold_cli(article, args.repeat)
        rows.append(
            (
                f"cold `unitcheck extract` ({words(article_a):,} words)",
                f"{cold * 1000:.0f} ms wall, {cold_cpu * 1000:.0f} ms CPU "
                f"(new process, best of {args.repeat})",
            )
        )
        empty = Path(tmp) / "no-cache"
        firsts = [
            cold_cli(article, 1, {**os.environ, "UNITCHECK_CACHE_DIR": str(empty / str(k))})
            for k in range(3)
        ]
        rows.append(
            (
                "  the same, first run (empty unitcheck cache)",
                f"{statistics.median(w for w, _ in firsts) * 1000:.0f} ms wall, "
                f"{statistics.median(c for _, c in firsts) * 1000:.0f} ms CPU "
                "(new process, median of 3)",
            )
        )
        modules = subprocess.run(
            [
                sys.executable,
                "-W",
                "ignore",
                "-c",
                "import sys, unitcheck.cli; from unitcheck import extract; "
                f"extract(open({str(article)!r}).read()); "
                "print(*(m for m in ('spacy', 'pint', 'numpy') if m in sys.modules))",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        rows.append(
            ("  imported on the extract path", ", ".join(modules) if modules else "no spaCy, pint")
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
        if "quantulum3" in seconds:
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
