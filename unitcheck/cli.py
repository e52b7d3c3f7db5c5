"""The command line: read inputs, call the library, render, pick the exit code.

Only this module prints or exits. Exit codes: 0 when no finding reaches
``--fail-level``, 1 when one does, 2 for usage, configuration or input errors (an
unreadable file is reported on one line and the other inputs are still checked).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NoReturn

import click

from . import __version__
from .errors import UnitcheckError
from .model import Severity
from .result import FileResult, InputProblem, RunResult

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

FORMAT_NAMES = ("text", "concise", "json", "jsonl", "sarif", "github", "markdown", "html")
LEVELS = ("info", "warning", "error")


# -- option types -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutputSpec:
    """One ``-o FMT[:PATH]``: a format, written to stdout or to a file."""

    format: str
    path: Path | None = None


class OutputSpecType(click.ParamType):
    name = "FMT[:PATH]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> OutputSpec:
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
        click.option("-o", "--output-format", "outputs", type=OUTPUT_SPEC, multiple=True,
                     help="Output format, optionally to a file: text, concise, json, jsonl, "
                          "sarif, github, markdown, html. Repeatable: -o github -o sarif:out.sarif"),
        click.option("--format", "format_", type=click.Choice(FORMAT_NAMES, case_sensitive=False),
                     help="Shorthand for one output on stdout."),
        click.option("--min-level", type=click.Choice(LEVELS, case_sensitive=False),
                     help="Show findings at or above this level.  [default: info]"),
        click.option("--fail-level", type=click.Choice((*LEVELS, "never"), case_sensitive=False),
                     help="Exit 1 when a finding reaches this level.  [default: error]"),
        click.option("--color", type=click.Choice(("auto", "always", "never")), default="auto",
                     show_default=True, help="Colour the text output (NO_COLOR is honoured)."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                     help="Use this configuration file instead of searching for one."),
        click.option("--no-config", is_flag=True, help="Ignore every configuration file."),
        click.option("--stdin-filename", help="Name (and format, from its extension) for input read from '-'."),
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
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_output_options
def extract(paths: tuple[str, ...], **options: Any) -> None:
    """List every quantity in PATHS ('-' reads stdin) with its unit and SI value."""
    from .extract import extract as extract_quantities

    session = _Session("extract", options, paths)
    results, problems = [], []
    for path in paths:
        document = session.read(path, problems)
        if document is None:
            continue
        quantities = tuple(extract_quantities(document.text))
        results.append(FileResult("extract", document, quantities=quantities))
    session.finish(results, problems)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_output_options
def lint(paths: tuple[str, ...], **options: Any) -> None:
    """Check one version on its own: conversions, ambiguous and implausible units."""
    from .lint import lint as lint_text

    session = _Session("lint", options, paths)
    results, problems = [], []
    for path in paths:
        document = session.read(path, problems)
        if document is None:
            continue
        findings = tuple(lint_text(document.text, tolerance=session.tolerance))
        results.append(FileResult("lint", document, findings=findings))
    session.finish(results, problems)


@main.command()
@click.argument("original", required=False)
@click.argument("revised", required=False)
@_output_options
def compare(original: str | None, revised: str | None, **options: Any) -> None:
    """Compare ORIGINAL with REVISED and flag every quantity that no longer agrees."""
    from .compare import compare as compare_texts

    if original is None or revised is None:
        _usage("compare needs ORIGINAL and REVISED")
    if original == "-" and revised == "-":
        _usage("only one of ORIGINAL and REVISED can be read from stdin")
    session = _Session("compare", options, (original, revised))
    problems: list[InputProblem] = []
    doc_a = session.read(original, problems)
    doc_b = session.read(revised, problems)
    results = []
    if doc_a is not None and doc_b is not None:
        comparison = compare_texts(doc_a.text, doc_b.text, tolerance=session.tolerance)
        results.append(FileResult("compare", doc_b, original=doc_a,
                                  findings=comparison.findings, comparison=comparison))
    session.finish(results, problems)


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


# -- the shared run logic ---------------------------------------------------------


class _Session:
    """What every command does around the library call: read, render, exit."""

    def __init__(self, command: str, options: dict[str, Any], inputs: Iterable[str]) -> None:
        self.command = command
        self.options = options
        self.outputs = _outputs(options)
        _refuse_overwrite(self.outputs, inputs)
        self.tolerance = 1.0
        self.min_level = Severity.parse(options["min_level"] or "info")
        fail = options["fail_level"] or "error"
        self.fail_level = None if fail == "never" else Severity.parse(fail)

    def read(self, path: str, problems: list[InputProblem]) -> Any:
        from .inputs import read_text

        try:
            return read_text(path, format_hint=self.options.get("stdin_filename") if path == "-" else None)
        except UnitcheckError as exc:
            problems.append(InputProblem(path, getattr(exc, "reason", str(exc))))
            click.echo(f"unitcheck: error: {exc}", err=True)
            return None

    def finish(self, results: Sequence[FileResult], problems: Sequence[InputProblem]) -> NoReturn:
        run = RunResult(self.command, tuple(results), tuple(problems), self.min_level)
        for spec in self.outputs:
            _render(spec, run, self.options["color"])
        worst = run.worst()
        if problems:
            sys.exit(EXIT_USAGE)
        if self.fail_level is not None and worst is not None and worst >= self.fail_level:
            sys.exit(EXIT_FINDINGS)
        sys.exit(EXIT_OK)


def _outputs(options: dict[str, Any]) -> list[OutputSpec]:
    outputs = list(options["outputs"])
    if options["format_"]:
        outputs.insert(0, OutputSpec(options["format_"].lower()))
    if not outputs:
        outputs = [OutputSpec("text")]
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
        stream = click.get_text_stream("stdout")
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
        click.echo(f"unitcheck: internal error: {type(exc).__name__}: {exc} "
                   "(set UNITCHECK_DEBUG=1 for the traceback, and please report it)", err=True)
        sys.exit(EXIT_INTERNAL)
