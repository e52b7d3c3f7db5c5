"""The command line: read inputs, call the library, render, pick the exit code.

Only this module prints or exits. Exit codes: 0 when no finding reaches
``--fail-level``, 1 when one does, 2 for usage, configuration or input errors (an
unreadable file is reported on one line and the other inputs are still checked).
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

import click

from . import __version__
from .errors import UnitcheckError
from .model import Comparison, Finding, Quantity
from .report import NAMES as REPORT_FORMATS
from .result import FileResult, InputProblem, RunResult

if TYPE_CHECKING:
    from .config import Settings, Sources
    from .inputs import Document

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

FORMAT_NAMES = REPORT_FORMATS
LEVELS = ("info", "warning", "error")


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
        return OutputSpec(name, Path(path) if path else None)


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
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_output_options
def extract(paths: tuple[str, ...], **options: Any) -> None:
    """List every quantity in PATHS ('-' reads stdin) with its unit and SI value."""
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
@click.argument("paths", nargs=-1, required=True)
@_output_options
def lint(paths: tuple[str, ...], **options: Any) -> None:
    """Check one version on its own: conversions, ambiguous and implausible units."""
    from .lint import lint as lint_text

    session = _Session("lint", options, paths)
    results: list[FileResult] = []
    for path in session.included(paths):
        document = session.read(path)
        if document is None:
            continue
        settings, sources = session.settings_for(path)
        ton = settings.ton if sources["locale.ton"] != "default" else None
        findings = lint_text(
            document.text, tolerance=settings.tolerance, ton_locale=ton, gallon=settings.gallon
        )
        findings = session.filter(findings, document, None, settings)
        results.append(FileResult("lint", document, findings=findings))
    session.finish(results)


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--pairs",
    "pairs_csv",
    type=click.Path(dir_okay=False),
    help="CSV of pairs: original, revised[, id].",
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
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Pairs checked in parallel (0 = one per CPU).",
)
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
    """
    from . import batch

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
    session = _Session("compare", options, inputs)
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

    jobs_in = []
    for pair, doc_a, doc_b in loaded:
        settings = session.settings_for(pair.revised)[0]
        jobs_in.append((doc_a.text, doc_b.text, settings.tolerance, settings.gallon, settings.ton))
    progress = batch.tty_progress() if len(jobs_in) > 1 else None
    comparisons = batch.run_parallel(_compare_job, jobs_in, jobs, progress=progress)

    results = []
    for (pair, doc_a, doc_b), comparison in zip(loaded, comparisons, strict=True):
        settings = session.settings_for(pair.revised)[0]
        findings = session.filter(comparison.findings, doc_b, doc_a, settings)
        results.append(
            FileResult(
                "compare",
                doc_b,
                original=doc_a,
                findings=findings,
                comparison=comparison,
                pair_id=pair.id,
            )
        )
    session.finish(results)


def _compare_job(job: tuple[str, str, float, str, str]) -> Comparison:
    """One comparison, as a module-level function so worker processes can run it."""
    from .compare import compare as compare_texts

    original, revised, tolerance, gallon, ton = job
    return compare_texts(original, revised, tolerance=tolerance, gallon=gallon, ton=ton)


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


# -- the shared run logic ---------------------------------------------------------


class _Session:
    """What every command does around the library call: settings, reading, rendering."""

    def __init__(self, command: str, options: dict[str, Any], inputs: Sequence[str]) -> None:
        self.command = command
        self.options = options
        self.problems: list[InputProblem] = []
        self._settings: dict[Path, tuple[Settings, Sources]] = {}
        self.overrides = {
            "fail-level": options["fail_level"],
            "min-level": options["min_level"],
        }
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

    def included(self, paths: Iterable[str]) -> list[str]:
        return [p for p in paths if self.included_one(p)]

    def included_one(self, path: str) -> bool:
        return path == "-" or not self.settings_for(path)[0].is_excluded(path)

    def read(self, path: str) -> Document | None:
        from .inputs import read_text

        hint = self.options.get("stdin_filename") if path == "-" else None
        try:
            document = read_text(path, format_hint=hint)
        except UnitcheckError as exc:
            self._problem(path, exc)
            return None
        # Reports name stdin by --stdin-filename, as editors and pre-commit expect.
        return dataclasses.replace(document, path=hint) if hint else document

    def from_bytes(self, data: bytes, name: str, like: str) -> Document | None:
        """A document held in memory (a file's text at the git base)."""
        from .inputs import document_from_bytes, format_of

        try:
            return document_from_bytes(data, name=name, format=format_of(like))
        except UnitcheckError as exc:
            self._problem(name, exc)
            return None

    def _problem(self, path: str, exc: UnitcheckError) -> None:
        self.problems.append(InputProblem(path, getattr(exc, "reason", str(exc))))
        click.echo(f"unitcheck: error: {exc}", err=True)

    def filter(
        self,
        findings: Iterable[Finding],
        document: Document,
        original: Document | None,
        settings: Settings,
    ) -> tuple[Finding, ...]:
        """Apply the config (ignores, severities) and the inline suppression comments."""
        from .config import apply

        # Comments first: a comment aimed at a code the config ignores is still "used".
        kept = tuple(findings)
        for doc, side in ((document, "b"), (original, "a")):
            if doc is not None and doc.format != "text":
                kept = _suppress(kept, doc, side)
        return apply(settings, kept, document.path)

    def finish(self, results: Sequence[FileResult]) -> NoReturn:
        run = RunResult(self.command, tuple(results), tuple(self.problems), self.base.min_level)
        for spec in self.outputs:
            _render(spec, run, self.options["color"])
        if self.problems:
            sys.exit(EXIT_USAGE)
        worst, fail = run.worst(), self.base.fail_level
        if fail is not None and worst is not None and worst >= fail:
            sys.exit(EXIT_FINDINGS)
        sys.exit(EXIT_OK)


def _suppress(findings: tuple[Finding, ...], document: Document, side: str) -> tuple[Finding, ...]:
    """Drop what the document's comments silence; warn about comments that silenced nothing.

    Side "b" findings are placed by their revised quantity, side "a" (the original's
    comments) only silences findings that have no revised quantity.
    """
    from . import suppress

    directives = suppress.parse(document.source, document.format)
    if not directives and not directives.problems:
        return findings

    def offset_of(f: Finding) -> int | None:
        q = f.b if side == "b" else (f.a if f.b is None else None)
        return None if q is None else document.source_offset(q.start)

    kept, unused = directives.filter(findings, offset_of)
    extra = [
        _directive_finding(document, u.line, u.column, u.text, "silenced nothing") for u in unused
    ]
    extra += [
        _directive_finding(document, p.line, p.column, p.text, p.reason)
        for p in directives.problems
    ]
    return kept + tuple(extra)


def _directive_finding(document: Document, line: int, column: int, text: str, why: str) -> Finding:
    from .codes import BY_CODE

    offset = _text_offset(document, line, column)
    spot = Quantity(text="", start=offset, end=offset, value=0.0, unit=None, kind="directive")
    entry = BY_CODE["UC401"]
    message = f"the suppression comment {text.strip()!r} at line {line} {why}"
    return Finding(entry.code, entry.name, entry.severity, message, None, spot)


def _text_offset(document: Document, line: int, column: int) -> int:
    """The first text offset at or after a source line:column (comments are not text)."""
    from .markup import line_starts

    starts = line_starts(document.source)
    target = starts[min(line, len(starts)) - 1] + column - 1
    lo, hi = 0, len(document.text)
    while lo < hi:
        mid = (lo + hi) // 2
        if document.source_offset(mid) < target:
            lo = mid + 1
        else:
            hi = mid
    return lo


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
    return outputs


def _refuse_overwrite(outputs: Sequence[OutputSpec], inputs: Iterable[str]) -> None:
    """Never write a report over an input file."""
    sources = {Path(p).resolve() for p in inputs if p and p != "-"}
    for spec in outputs:
        if spec.path is not None and spec.path.resolve() in sources:
            _usage(f"refusing to write {spec.format} output over the input {spec.path}")


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
    try:
        with spec.path.open("w", encoding="utf-8", newline="\n") as file:
            emit(spec.format, run, file)
    except OSError as exc:
        click.echo(f"unitcheck: error: cannot write {spec.path}: {exc.strerror}", err=True)
        sys.exit(EXIT_USAGE)


def _usage(message: str) -> NoReturn:
    raise click.UsageError(message)


def _fail(message: str) -> NoReturn:
    """A configuration or input error that stops the run: one line, exit 2."""
    click.echo(f"unitcheck: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _note(message: str) -> None:
    click.echo(f"unitcheck: note: {message}", err=True)


def run() -> None:
    """Console-script entry point: click's own exits, plus no traceback on our errors."""
    try:
        main(standalone_mode=True)
    except UnitcheckError as exc:  # configuration problems that escape a command
        click.echo(f"unitcheck: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        click.echo("unitcheck: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: one line for the user, the traceback on request
        if os.environ.get("UNITCHECK_DEBUG"):
            raise
        click.echo(
            f"unitcheck: internal error: {type(exc).__name__}: {exc} "
            "(set UNITCHECK_DEBUG=1 for the traceback, and please report it)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
