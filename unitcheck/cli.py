"""The command line: read inputs, call the library, render, pick the exit code.

Only this module prints or exits. Exit codes: 0 when no finding reaches
``--fail-level``, 1 when one does, 2 for usage, configuration or input errors (an
unreadable file is reported on one line and the other inputs are still checked).
An empty input is a warning-level note: it fails the run only at ``--fail-level
warning`` or lower. 3 means a bug, 130 an interrupt (``result.ExitCode``). What is
checked and how (comments, config, locale) is the library's ``check`` module.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

import click

from . import __version__
from .errors import EmptyInputError, UnitcheckError
from .model import Comparison, Finding
from .report import NAMES as REPORT_FORMATS
from .result import ExitCode, FileResult, InputProblem, RunResult

if TYPE_CHECKING:
    from .config import Settings, Sources
    from .lint.rules import Linted
    from .text.reading import Document

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = (
    ExitCode.OK, ExitCode.FINDINGS, ExitCode.USAGE, ExitCode.INTERNAL
)

FORMAT_NAMES = REPORT_FORMATS
LEVELS = ("info", "warning", "error")
# What never goes to a terminal raw: C0 and C1 controls, DEL, and lone surrogates (the
# undecodable bytes of a file name).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


# -- option types -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutputSpec:
    """One ``-o FMT[:PATH]``: a format, written to stdout or to a file."""

    format: str
    path: Path | None = None


class OutputSpecType(click.ParamType):
    name = "FMT[:PATH]"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> OutputSpec:
        if isinstance(value, OutputSpec):
            return value
        name, _, path = str(value).partition(":")
        name = name.strip().lower()
        if name not in FORMAT_NAMES:
            self.fail(f"unknown format {name!r}; choose from {', '.join(FORMAT_NAMES)}", param, ctx)
        # "-" is stdout, as everywhere on the command line: "-o json:-" writes no file "-"
        return OutputSpec(name, Path(path) if path and path != "-" else None)


OUTPUT_SPEC = OutputSpecType()


def _output_options(f: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "-o",
            "--output-format",
            "outputs",
            type=OUTPUT_SPEC,
            multiple=True,
            help="Output format, optionally to a file: text, concise, json, jsonl, "
            "rdjsonl, sarif, github, markdown, html. Repeatable: -o github -o sarif:out.sarif",
        ),
        click.option(
            "--format",
            "format_",
            type=click.Choice(FORMAT_NAMES, case_sensitive=False),
            help="Shorthand for one output on stdout.",
        ),
        click.option(
            "--min-level",
            type=click.Choice(LEVELS, case_sensitive=False),
            help="Show findings at or above this level.  [default: info]",
        ),
        click.option(
            "--fail-level",
            type=click.Choice((*LEVELS, "never"), case_sensitive=False),
            help="Exit 1 when a finding reaches this level.  [default: error]",
        ),
        click.option(
            "--color",
            type=click.Choice(("auto", "always", "never")),
            default="auto",
            show_default=True,
            help="Colour the text output (NO_COLOR is honoured).",
        ),
        click.option(
            "--config",
            "config_path",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Use this configuration file instead of searching for one.",
        ),
        click.option("--no-config", is_flag=True, help="Ignore every configuration file."),
        click.option(
            "--stdin-filename",
            help="Name (and format, from its extension) for input read from '-'.",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _rule_options(f: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--select",
            metavar="CODES",
            help="Report only these codes (comma-separated; names and prefixes like UC2 work). "
            "Replaces the config's select.",
        ),
        click.option(
            "--ignore",
            metavar="CODES",
            help="Drop these codes, on top of the config's ignore.",
        ),
        click.option(
            "--extend-ignore",
            metavar="CODES",
            help="Same as --ignore (for flake8 habits).",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _path_options(f: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--force-exclude",
            is_flag=True,
            help="Apply exclude and .gitignore to files named on the command line too "
            "(as pre-commit names every staged file).",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _jobs_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=0),
        default=1,
        show_default=True,
        help="Inputs checked in parallel (0 = one per CPU).",
    )(f)


def _batch_options(f: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--results",
            metavar="PATH",
            help="Stream one JSON line per pair to PATH ('-' for stdout), or partitioned "
            "Parquet to a folder (PATH/ or *.parquet), instead of a report.",
        ),
        click.option(
            "--unordered", is_flag=True, help="With --results: write pairs as they finish."
        ),
        click.option(
            "--resume",
            is_flag=True,
            help="With --results FILE.jsonl: skip the pairs already in it and append.",
        ),
        click.option(
            "--chunk-size",
            type=click.IntRange(min=1),
            help="Pairs a worker takes at a time  [default: 64; with --dask up to 1024 from a"
            " JSON Lines file, sized to share it out, else 256]",
        ),
        click.option(
            "--dask",
            "dask_address",
            metavar="ADDRESS",
            help="Run on a Dask cluster: tcp://scheduler:8786, or 'local' for one here "
            "with -j workers (needs unitcheck[dask]).",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


# -- the group --------------------------------------------------------------------


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="unitcheck")
def main() -> None:
    """Find every quantity in news copy and flag the ones an edit broke.

    \b
      unitcheck compare ORIGINAL REVISED   flag quantities the revised copy changed
      unitcheck lint FILE...               check one version on its own
      unitcheck extract FILE...            list every quantity with its unit
      unitcheck codes                      explain every finding code
      unitcheck config show                the settings in force, and where they come from

    Inputs are regular files (or '-' for stdin) of at most 20 MiB, with no line of text
    longer than 2 MiB characters; anything else is refused on one line, exit 2.

    Exit status: 0 no finding reaches --fail-level, 1 one does, 2 a usage, configuration
    or input error, 3 an internal error, 130 interrupted.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_path_options
@_output_options
def extract(paths: tuple[str, ...], **options: Any) -> None:
    """List every quantity in PATHS (files, folders, '-' for stdin) with its unit and SI value.

    Folders are searched for .txt, .md, .markdown, .html and .htm files, passing over
    hidden ones, the config's exclude and what .gitignore ignores.
    """
    from .extract import extract as extract_quantities

    session = _Session("extract", options, paths)
    results: list[FileResult] = []
    for path in session.included(paths):
        document = session.read(path)
        if document is not None:
            quantities = tuple(extract_quantities(document.text))
            results.append(FileResult("extract", document, quantities=quantities))
    session.finish(results)


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH...]")
@click.option(
    "--git-base",
    metavar="REF",
    help="Lint only the copy files changed since the merge base of REF (within PATHS).",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Write a copy with the safe suggestions applied, beside each file: story.fixed.md.",
)
@click.option(
    "--fix-to",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With one input: write the fixed copy here instead (implies --fix).",
)
@click.option("--in-place", is_flag=True, help="With --fix: rewrite the file itself.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix: apply every suggestion.")
@_jobs_option
@_rule_options
@_path_options
@_output_options
def lint(paths: tuple[str, ...], **options: Any) -> None:
    """Check one version on its own: conversions, ambiguous and implausible units.

    PATHS are files, folders (searched as for extract) or '-' for stdin.

    \b
      unitcheck lint articles/
      unitcheck lint --git-base origin/main .  only what a branch changed
      unitcheck lint --fix story.md            writes story.fixed.md
      unitcheck lint --fix --in-place story.md
    """
    from . import batch
    from .check import lint_result

    git_base = options.pop("git_base")
    if not paths and git_base is None:
        _usage("lint needs a PATH (a file, a folder, or '-'), or --git-base REF")
    fix = _fix_plan(options, paths)
    session = _Session("lint", options, paths)
    if git_base is not None:
        files = session.included(_changed_files(git_base, paths), force_exclude=True)
    else:
        files = session.included(paths)
    if fix is not None:
        files = fix.inputs(files, paths)
        fix.check(files, session.outputs)
    documents = [d for d in (session.read(p) for p in files) if d is not None]
    jobs_in = [(d.text, session.settings_for(d.path)[0]) for d in documents]
    with batch.tty_progress(len(jobs_in), "linted") as progress:
        found = batch.run_parallel(_lint_job, jobs_in, options["jobs"], progress=progress)
    results: list[FileResult] = []
    for document, linted in zip(documents, found, strict=True):
        result = lint_result(
            document,
            linted.findings,
            session.settings_for(document.path)[0],
            quantities=linted.quantities,
            segments=linted.segments,
        )
        kept = result.findings
        results.append(result)
        error = fix.write(document, kept) if fix is not None else None
        if error is not None:
            session.fail_input(document.path, error)
    session.finish(results)


def _changed_files(git_base: str, paths: Sequence[str]) -> list[str]:
    """The copy files changed or added since the merge base of *git_base*, in *paths*."""
    from . import batch

    try:
        pairing = batch.pairs_from_git(git_base, [p for p in paths if p != "-"] or None)
    except UnitcheckError as exc:
        _fail(str(exc))
    return sorted({*(p.revised for p in pairing.pairs), *pairing.only_revised})


def _lint_job(job: tuple[str, Settings]) -> Linted:
    """One file's lint, as a module-level function so worker processes can run it;
    ``check.lint_result`` then applies the comments and the config, as ``check_document``
    (and keeps the quantities and sentences the lint read, for the reports)."""
    from .lint.rules import linted

    text, settings = job
    return linted(text, settings=settings)


@main.command()
@click.argument("paths", nargs=-1, metavar="[ORIGINAL REVISED]")
@click.option(
    "--pairs",
    "pairs_csv",
    type=click.Path(dir_okay=False),
    help="File of pairs: CSV (original, revised[, id] paths), JSON Lines or Parquet "
    "(id, original, revised texts, or original_path, revised_path).",
)
@click.option("--orig-dir", type=click.Path(file_okay=False), help="Folder of originals.")
@click.option(
    "--rev-dir",
    type=click.Path(file_okay=False),
    help="Folder of revised copies, paired with --orig-dir by relative path.",
)
@click.option(
    "--git-base",
    metavar="REF",
    help="Compare each changed copy file with its version at the merge base of REF.",
)
@_jobs_option
@_batch_options
@_rule_options
@_output_options
def compare(
    paths: tuple[str, ...],
    pairs_csv: str | None,
    orig_dir: str | None,
    rev_dir: str | None,
    git_base: str | None,
    jobs: int,
    **options: Any,
) -> None:
    """Compare ORIGINAL with REVISED and flag every quantity that no longer agrees.

    \b
      unitcheck compare ORIGINAL REVISED
      unitcheck compare --pairs pairs.csv
      unitcheck compare --orig-dir wire/ --rev-dir web/
      unitcheck compare --git-base origin/main [PATH...]
      unitcheck compare --pairs big.jsonl --results out.jsonl -j 0 --resume
      unitcheck compare --pairs big.parquet --dask local --results out.parquet/
    """
    from . import batch, batch_stream
    from .check import compare_result

    stream = _batch_plan(options, pairs_csv, orig_dir, paths, git_base)
    modes = sum(x is not None for x in (pairs_csv, orig_dir or rev_dir, git_base))
    if modes > 1:
        _usage("use one of ORIGINAL REVISED, --pairs, --orig-dir/--rev-dir and --git-base")
    if (orig_dir is None) != (rev_dir is None):
        _usage("--orig-dir and --rev-dir go together")
    if modes and paths and git_base is None:
        _usage("paths cannot be given with --pairs or --orig-dir/--rev-dir")
    if not modes and len(paths) != 2:
        _usage("compare needs ORIGINAL and REVISED (or --pairs, --orig-dir/--rev-dir, --git-base)")
    if not modes and paths[0] == "-" and paths[1] == "-":
        _usage("only one of ORIGINAL and REVISED can be read from stdin")

    inputs = [p for p in (*paths, pairs_csv, orig_dir, rev_dir) if p]
    if pairs_csv is not None and pairs_csv != "-":
        _refuse_unreadable(pairs_csv, "--pairs")
    session = _Session("compare", options, inputs)
    if stream is not None:
        _compare_streamed(session, stream, pairs_csv, orig_dir, rev_dir, jobs)
    try:
        if pairs_csv is not None:
            pairing = batch.pairs_from_csv(pairs_csv)
        elif orig_dir is not None and rev_dir is not None:
            pairing = batch.pairs_from_dirs(orig_dir, rev_dir, session.base.exclude)
        elif git_base is not None:
            pairing = batch.pairs_from_git(git_base, list(paths) or None)
        else:
            pairing = batch.Pairing((batch.Pair(paths[0], paths[1]),))
    except UnitcheckError as exc:
        _fail(str(exc))
    # A CSV or a folder names more inputs than the command line did.
    on_disk = [p.original for p in pairing.pairs if p.original_bytes is None]
    _refuse_overwrite(session.outputs, [*on_disk, *(p.revised for p in pairing.pairs)])
    for name in pairing.only_original:
        _note(f"{name}: only in the originals, not compared")
    for name in pairing.only_revised:
        _note(f"{name}: no original to compare with, not compared")

    loaded = []
    for pair in pairing.pairs:
        if not session.included_one(pair.revised):
            continue
        if pair.original_bytes is not None:
            doc_a = session.from_bytes(pair.original_bytes, pair.original, pair.revised)
        else:
            doc_a = session.read(pair.original)
        doc_b = session.read(pair.revised)
        if doc_a is not None and doc_b is not None:
            loaded.append((pair, doc_a, doc_b))

    jobs_in = [(a.text, b.text, session.settings_for(p.revised)[0]) for p, a, b in loaded]
    try:
        with batch.tty_progress(len(jobs_in), "compared") as progress:
            comparisons = batch.run_parallel(
                _compare_job, jobs_in, jobs, progress=progress, initializer=batch_stream.warm
            )
    except KeyboardInterrupt:
        _interrupted()

    results = []
    for (pair, doc_a, doc_b), comparison in zip(loaded, comparisons, strict=True):
        result = compare_result(doc_a, doc_b, comparison, session.settings_for(pair.revised)[0])
        results.append(dataclasses.replace(result, pair_id=pair.id))
    session.finish(results)


@dataclass(frozen=True, slots=True)
class _StreamPlan:
    """How a streamed batch runs: where results go, in which order, on what."""

    results: str
    unordered: bool
    resume: bool
    chunk_size: int
    dask: str | None
    chunk_given: int | None = None  # --chunk-size, None for the default


def _batch_plan(
    options: dict[str, Any],
    pairs: str | None,
    orig_dir: str | None,
    paths: Sequence[str],
    git_base: str | None,
) -> _StreamPlan | None:
    """The streamed batch asked for, or None for a compare with a report."""
    from .batch_stream import DASK_CHUNK, DEFAULT_CHUNK, is_parquet_target, kind_of

    results, dask = options.pop("results"), options.pop("dask_address")
    unordered, resume = options.pop("unordered"), options.pop("resume")
    chunk_given = options.pop("chunk_size")
    chunk_size = chunk_given or (DEFAULT_CHUNK if dask is None else DASK_CHUNK)
    streamed_input = pairs is not None and kind_of(pairs) != "csv"
    if results is None and (dask is not None or streamed_input):
        results = "-"
    if results is None:
        if unordered or resume:
            _usage("--unordered and --resume go with --results")
        return None
    if pairs is None and orig_dir is None:
        _usage("--results, --dask and JSON Lines or Parquet pairs go with --pairs or --orig-dir")
    if options["outputs"] or options["format_"]:
        _usage("a streamed batch writes --results, not -o/--format reports")
    if resume and (results == "-" or is_parquet_target(results)):
        _usage("--resume needs --results FILE.jsonl to continue from")
    return _StreamPlan(results, unordered, resume, chunk_size, dask, chunk_given)


def _compare_streamed(
    session: _Session,
    plan: _StreamPlan,
    pairs: str | None,
    orig_dir: str | None,
    rev_dir: str | None,
    jobs: int,
) -> NoReturn:
    """Compare pairs streamed from a file, one result line each; exit like a report would."""
    from . import batch, batch_stream

    inputs = [p for p in (pairs, orig_dir, rev_dir) if p]
    if plan.results != "-" and _names_an_input(Path(plan.results), inputs):
        _usage(f"refusing to write results over the input {plan.results}")
    try:
        if pairs is not None:
            records = batch_stream.read_pairs(pairs)
            total = batch_stream.count_pairs(pairs) if batch_stream.on_terminal() else None
        else:
            assert orig_dir is not None and rev_dir is not None
            pairing = batch.pairs_from_dirs(orig_dir, rev_dir, session.base.exclude)
            records, total = batch_stream.records_from_pairs(pairing.pairs), len(pairing.pairs)
        done = batch_stream.done_positions(plan.results) if plan.resume else set()
        if plan.resume:  # whole parts a stopped --dask run left count as done
            done |= batch_stream.recover_parts(plan.results, done)
        writer = batch_stream.open_writer(plan.results, resume=plan.resume)
    except UnitcheckError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write {plan.results}: {exc.strerror or exc}")
    if done:
        _note(f"{plan.results}: {len(done)} pairs already done, skipped")
    workers = (os.cpu_count() or 1) if jobs == 0 else jobs
    batches = batch_stream.chunks(records, plan.chunk_size, done)
    todo = None if total is None else max(total - len(done), 0)
    try:
        with batch.tty_progress(todo or 0, "compared") as bar:
            count = [0]

            def progress(n: int) -> None:
                count[0] += n
                if bar is not None and todo:
                    bar(count[0], todo)

            if plan.dask is not None:
                from .batch_dask import run_dask

                tally = run_dask(
                    batches,
                    session.base,
                    writer,
                    address=plan.dask,
                    workers=workers,
                    ordered=not plan.unordered,
                    progress=progress,
                    pairs=pairs,
                    chunk=plan.chunk_given,
                    skip=done,
                )
            else:
                tally = batch_stream.run_local(
                    batches,
                    session.base,
                    writer,
                    jobs=workers,
                    ordered=not plan.unordered,
                    progress=progress,
                )
    except UnitcheckError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _interrupted()
    finally:
        writer.close()
    shown = [("error", tally.errors), ("warning", tally.warnings), ("info", tally.infos)]
    parts = [f"{n} {w}{'s' if n != 1 and w != 'info' else ''}" for w, n in shown if n]
    where = f"{tally.pairs} pair{'s' if tally.pairs != 1 else ''}"
    head = f"{', '.join(parts)} in {where}" if parts else f"No problems found in {where}"
    tails = [f"; {tally.unreadable} could not be checked" if tally.unreadable else ""]
    tails.append(f"; {tally.empty} empty" if tally.empty else "")
    target = "" if plan.results == "-" else f" (results in {plan.results})"
    _say(f"unitcheck: {head}{''.join(tails)}{target}.")
    if tally.unreadable:
        sys.exit(EXIT_USAGE)
    fail = session.base.fail_level
    sys.exit(EXIT_FINDINGS if fail is not None and tally.worst >= fail else EXIT_OK)


def _interrupted() -> NoReturn:
    """Ctrl-C in a batch: the workers are gone by now; no report is written. Exit 130."""
    click.echo("unitcheck: interrupted", err=True)
    sys.exit(ExitCode.INTERRUPTED)


def _compare_job(job: tuple[str, str, Settings]) -> Comparison:
    """One comparison, as a module-level function so worker processes can run it;
    ``check.compare_result`` then applies the comments and the config, as ``check_pair``."""
    from .compare import compare as compare_texts

    original, revised, settings = job
    return compare_texts(original, revised, settings=settings)


@main.command()
@click.argument("code", required=False)
def codes(code: str | None) -> None:
    """List every finding code, or explain one (by code or name)."""
    from .codes import CATALOG, lookup

    if code is None:
        for entry in CATALOG:
            click.echo(f"{entry.code}  {entry.name:<24} {str(entry.severity):<8} {entry.summary}")
        return
    try:
        entry = lookup(code)
    except KeyError:
        _usage(f"unknown code {code!r}; run 'unitcheck codes' for the list")
    click.echo(f"{entry.code} {entry.name} ({entry.severity})\n")
    click.echo(f"{entry.summary}\n\nWhy: {entry.why}\nExample: {entry.example}\nFix: {entry.fix}")


@main.group()
def config() -> None:
    """Inspect the configuration."""


@config.command("show")
@click.argument("path", required=False, default=".")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use this configuration file instead of searching for one.",
)
@click.option("--no-config", is_flag=True, help="Ignore every configuration file.")
def config_show(path: str, config_path: Path | None, no_config: bool) -> None:
    """Print the settings that apply to PATH, and where each came from."""
    from .config import load_settings, show

    try:
        settings, sources = load_settings(Path(path), config_file=config_path, isolated=no_config)
    except UnitcheckError as exc:
        _fail(str(exc))
    found = sources.config_file or "none (defaults only)"
    click.echo(f"# configuration file: {found}")
    click.echo(show(settings, sources), nl=False)


# -- lint --fix --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _FixPlan:
    """Where ``lint --fix`` writes: a copy beside the file, ``--fix-to``, or in place."""

    in_place: bool = False
    to: Path | None = None
    unsafe: bool = False

    def target(self, path: str) -> Path:
        if self.in_place:
            return Path(path)
        if self.to is not None:
            return self.to
        p = Path(path)
        return p.with_name(f"{p.stem}.fixed{p.suffix}")  # keeps the suffix, so the format

    def inputs(self, files: Sequence[str], named: Sequence[str]) -> list[str]:
        """*files* less the fixed copies an earlier run left in a folder being walked."""
        if self.in_place or self.to is not None:
            return list(files)
        keep = set(named)
        return [f for f in files if f in keep or not Path(f).stem.endswith(".fixed")]

    def check(self, files: Sequence[str], outputs: Sequence[OutputSpec]) -> None:
        """Refuse, before anything is read, what would write over an input or a report."""
        if self.to is not None and len(files) != 1:
            _usage(f"--fix-to takes exactly one input file, not {len(files)}")
        reports = [str(o.path) for o in outputs if o.path is not None]
        for path in files:
            target = self.target(path)
            if not self.in_place and _names_an_input(target, files):
                _fail(f"refusing to write the fixed copy of {path} over the input {target}")
            if _names_an_input(target, reports):
                _fail(f"refusing to write the fixed copy of {path} over the report {target}")

    def write(self, document: Document, findings: Sequence[Finding]) -> str | None:
        """Write the fixed copy when a fix applies; a one-line error, or None."""
        from .fixes import apply_fixes

        placed = [f for f in (_in_source(document, f) for f in findings) if f is not None]
        fixed, applied = apply_fixes(document.source, placed, unsafe=self.unsafe)
        if not applied:
            _note(f"{document.path}: nothing to fix")
            return None
        target = self.target(document.path)
        try:
            _write_atomic(target, fixed.encode(document.encoding))
        except OSError as exc:
            return f"cannot write {target}: {exc.strerror or exc}"
        what = "fix" if applied == 1 else "fixes"
        _note(f"{document.path}: {applied} {what} written to {target}")
        return None


def _fix_plan(options: dict[str, Any], paths: Sequence[str]) -> _FixPlan | None:
    fix, to = options.pop("fix"), options.pop("fix_to")
    in_place, unsafe = options.pop("in_place"), options.pop("unsafe_fixes")
    if not (fix or to is not None):
        if in_place or unsafe:
            _usage("--in-place and --unsafe-fixes go with --fix")
        return None
    if in_place and to is not None:
        _usage("use one of --in-place and --fix-to")
    if "-" in paths:
        _fail("--fix needs a file to write back to; it cannot fix standard input")
    return _FixPlan(in_place, to, unsafe)


def _in_source(document: Document, finding: Finding) -> Finding | None:
    """*finding* with its suggestion's span moved from ``text`` into ``source``.

    None when the quantity is not written verbatim in the source (an HTML entity or a
    tag inside it): editing there could break the markup, so that fix is left out.
    """
    q = finding.primary
    if q is None or finding.suggestion is None:
        return None
    start, end = document.source_span(q.start, q.end)
    if document.source[start:end] != q.text:
        return None
    moved = dataclasses.replace(q, start=start, end=end)
    side = "b" if finding.b is not None else "a"
    return dataclasses.replace(finding, **{side: moved})


def _write_atomic(target: Path, data: bytes) -> None:
    """Write *data* to a temporary file beside *target*, then rename it into place.

    A symlink is written through (the file it points at is replaced). A new file gets
    the permissions the umask gives, a rewritten one keeps its own.
    """
    import tempfile

    if target.is_symlink():
        target = Path(os.path.realpath(target))
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():  # a rewrite keeps the file's permissions
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# -- the shared run logic ---------------------------------------------------------


class _Session:
    """What every command does around the library call: settings, reading, rendering."""

    def __init__(self, command: str, options: dict[str, Any], inputs: Sequence[str]) -> None:
        self.command = command
        self.options = options
        self.problems: list[InputProblem] = []
        self.notes: list[InputProblem] = []
        self._settings: dict[Path, tuple[Settings, Sources]] = {}
        ignored = [c for c in (options.get("ignore"), options.get("extend_ignore")) if c]
        self.overrides = {
            "fail-level": options["fail_level"],
            "min-level": options["min_level"],
            "select": options.get("select"),
            "ignore": ",".join(ignored) or None,
        }
        if options.get("config_path") is not None:
            _refuse_unreadable(str(options["config_path"]), "--config")
        anchor = next((p for p in inputs if p != "-"), ".")
        self.base, self.base_sources = self.settings_for(anchor)
        self.outputs = _outputs(options, self.base.output_format)
        _refuse_overwrite(self.outputs, inputs)

    def settings_for(self, path: str) -> tuple[Settings, Sources]:
        """The settings for one input: the nearest config file, then the flags."""
        from .config import load_settings

        if path == "-":  # stdin is configured as the file it names, if it names one
            path = self.options.get("stdin_filename") or str(Path.cwd())
        start = Path(path)
        folder = start if start.is_dir() else start.parent
        key = folder.absolute()
        if key not in self._settings:
            try:
                self._settings[key] = load_settings(
                    start,
                    self.overrides,
                    config_file=self.options["config_path"],
                    isolated=self.options["no_config"],
                )
            except UnitcheckError as exc:
                _fail(str(exc))
        return self._settings[key]

    def included(self, paths: Iterable[str], *, force_exclude: bool = False) -> list[str]:
        """The files to read: folders walked, excluded and git-ignored files left out."""
        from .text.reading import expand_paths

        expansion = expand_paths(
            paths,
            excluded=lambda p: self.settings_for(p)[0].is_excluded(p),
            force_exclude=force_exclude or bool(self.options.get("force_exclude")),
        )
        for problem in expansion.problems:
            self._problem(problem.path, problem)
        _refuse_overwrite(self.outputs, expansion.files)
        return list(expansion.files)

    def included_one(self, path: str) -> bool:
        return path == "-" or not self.settings_for(path)[0].is_excluded(path)

    def read(self, path: str) -> Document | None:
        from .text.reading import format_of, read_text

        hint = self.options.get("stdin_filename") if path == "-" else None
        try:
            # --stdin-filename is a file name ("notes" is text), never a format name
            document = read_text(path, format_hint=format_of(hint) if hint else None)
        except EmptyInputError as exc:
            self._empty(hint or exc.path, exc)
            return None
        except UnitcheckError as exc:
            self._problem(path, exc)
            return None
        # Reports name stdin by --stdin-filename, as editors and pre-commit expect.
        return self._decoded(dataclasses.replace(document, path=hint) if hint else document)

    def from_bytes(self, data: bytes, name: str, like: str) -> Document | None:
        """A document held in memory (a file's text at the git base)."""
        from .text.reading import document_from_bytes, format_of

        try:
            return self._decoded(document_from_bytes(data, name=name, format=format_of(like)))
        except EmptyInputError as exc:
            self._empty(name, exc)
            return None
        except UnitcheckError as exc:
            self._problem(name, exc)
            return None

    def _problem(self, path: str, exc: UnitcheckError) -> None:
        self.problems.append(InputProblem(path, getattr(exc, "reason", str(exc))))
        _say(f"unitcheck: error: {exc}")

    def fail_input(self, path: str, reason: str) -> None:
        """An input the run could not finish with, after it was read."""
        self.problems.append(InputProblem(path, reason))
        _say(f"unitcheck: error: {path}: {reason}")

    def _empty(self, path: str, exc: EmptyInputError) -> None:
        """Nothing to check is worth a word, not a failed run (pre-commit blocks on 2)."""
        self.notes.append(InputProblem(path, exc.reason))
        _say(f"unitcheck: warning: {path}: {exc.reason}")

    def _decoded(self, document: Document) -> Document:
        """Say so when an input was not UTF-8 and its encoding was recognised instead."""
        from .text.reading import encoding_note

        note = encoding_note(document.encoding)
        if note is not None:
            _say(f"unitcheck: warning: {document.path}: {note}")
        return document

    def finish(self, results: Sequence[FileResult]) -> NoReturn:
        run = RunResult(
            self.command,
            tuple(results),
            tuple(self.problems),
            self.base.min_level,
            notes=tuple(self.notes),
            fail_level=self.base.fail_level,
        )
        for spec in self.outputs:
            _render(spec, run, self.options["color"])
        sys.exit(run.return_code)


def _outputs(options: dict[str, Any], configured: Sequence[str]) -> list[OutputSpec]:
    outputs = list(options["outputs"])
    if options["format_"]:
        outputs.insert(0, OutputSpec(options["format_"].lower()))
    if not outputs:
        outputs = [OUTPUT_SPEC.convert(name, None, None) for name in configured] or [
            OutputSpec("text")
        ]
    if sum(1 for o in outputs if o.path is None) > 1:
        _usage("only one output format can go to stdout; give the others a :PATH")
    _refuse_clashes(outputs)
    return outputs


def _refuse_clashes(outputs: Sequence[OutputSpec]) -> None:
    """Refuse, before anything is written, reports that would overwrite each other or
    a folder: two ``-o`` naming one file (also through a link) or a directory."""
    written: list[str] = []
    for spec in outputs:
        if spec.path is None:
            continue
        if spec.path.is_dir() or str(spec.path).endswith(("/", os.sep)):
            _usage(f"cannot write {spec.format} output to {spec.path}: it is a directory")
        folder = spec.path.parent
        if not folder.is_dir():
            _usage(f"cannot write {spec.format} output to {spec.path}: no folder {folder}")
        if _names_an_input(spec.path, written):
            _usage(f"two outputs would write to {spec.path}; give each its own file")
        written.append(str(spec.path))


def _refuse_unreadable(path: str, option: str) -> None:
    """A file an option names must be a regular file: a FIFO would block the run."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # the reader says what is wrong, as before
    if not stat.S_ISREG(mode):
        _usage(f"{option} {path}: not a regular file")


def _refuse_overwrite(outputs: Sequence[OutputSpec], inputs: Iterable[str]) -> None:
    """Never write a report over an input file."""
    inputs = list(inputs)
    for spec in outputs:
        if spec.path is not None and _names_an_input(spec.path, inputs):
            _usage(f"refusing to write {spec.format} output over the input {spec.path}")


def _names_an_input(target: Path, inputs: Iterable[str]) -> bool:
    """True when *target* is one of *inputs*, by path or as the same file (a link)."""
    resolved = target.resolve()
    for p in inputs:
        if not p or p == "-":
            continue
        if Path(p).resolve() == resolved:
            return True
        try:
            if target.exists() and os.path.samefile(target, p):
                return True
        except OSError:
            continue
    return False


def _use_color(choice: str, stream: IO[str]) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR") or os.environ.get("CLICOLOR_FORCE"):
        return True
    return stream.isatty()


def _render(spec: OutputSpec, run: RunResult, color: str) -> None:
    from .report import emit

    if spec.path is None:
        stream = sys.stdout  # click.get_text_stream is deprecated since click 8.5
        emit(spec.format, run, stream, color=spec.format == "text" and _use_color(color, stream))
        return
    import io

    # Rendered whole, then written beside the target and renamed into place: an
    # interrupted run leaves the old report or the new one, never half of one.
    buffer = io.StringIO(newline="\n")
    emit(spec.format, run, buffer)
    try:
        _write_atomic(spec.path, buffer.getvalue().encode("utf-8"))
    except OSError as exc:
        _say(f"unitcheck: error: cannot write {spec.path}: {exc.strerror or exc}")
        sys.exit(EXIT_USAGE)


def _one_line(message: str) -> str:
    """*message* safe for a terminal: controls (ESC, CR, LF...) and undecodable bytes of a
    file name shown as visible stand-ins, never passed through raw."""
    from .report.positions import visible

    return _UNSAFE.sub(lambda m: visible(m.group()), message)


def _say(message: str) -> None:
    """One line on stderr, escaped."""
    click.echo(_one_line(message), err=True)


def _usage(message: str) -> NoReturn:
    raise click.UsageError(_one_line(message))


def _fail(message: str) -> NoReturn:
    """A configuration or input error that stops the run: one line, exit 2."""
    _say(f"unitcheck: error: {message}")
    sys.exit(EXIT_USAGE)


def _note(message: str) -> None:
    _say(f"unitcheck: note: {message}")


def run() -> None:
    """Console-script entry point: click's own exits, plus no traceback on our errors.

    click runs in non-standalone mode so that Ctrl-C, wherever it lands (a batch's
    teardown, a report being written), ends with the conventional 130, not click's
    "Aborted!" and 1.
    """
    try:
        code = main(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except click.exceptions.Abort as exc:
        interrupted = isinstance(exc.__cause__, KeyboardInterrupt)
        click.echo("unitcheck: interrupted" if interrupted else "Aborted!", err=True)
        sys.exit(ExitCode.INTERRUPTED if interrupted else 1)  # 1: click's "Aborted!"
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except UnitcheckError as exc:  # configuration problems that escape a command
        _say(f"unitcheck: error: {exc}")
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        click.echo("unitcheck: interrupted", err=True)
        sys.exit(ExitCode.INTERRUPTED)
    except Exception as exc:  # a bug: one line for the user, the traceback on request
        if os.environ.get("UNITCHECK_DEBUG"):
            raise
        _say(
            f"unitcheck: internal error: {type(exc).__name__}: {exc} "
            "(set UNITCHECK_DEBUG=1 for the traceback, and please report it)"
        )
        sys.exit(EXIT_INTERNAL)
