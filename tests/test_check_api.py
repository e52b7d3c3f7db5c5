"""The library API of issue 11: ``check_pair`` / ``check_document`` report what the CLI
reports, ``Settings`` is the one options object, errors share one base.

The golden cases (tests/cases/compare, tests/cases/lint) are run twice, through the CLI
(JSON via CliRunner) and through the library, with a config file and suppression
comments, and must give the same findings, field for field.
"""

from __future__ import annotations

import json
import pickle
import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import unitcheck
from unitcheck import check_document, check_pair
from unitcheck.cli import main
from unitcheck.config import ConfigError, Settings, load_settings
from unitcheck.errors import InputError, OptionError, TableError, UnitcheckError
from unitcheck.model import Severity
from unitcheck.report.json_ import report_dict
from unitcheck.result import ExitCode, RunResult

CASES = Path(__file__).resolve().parent / "cases"
COMPARE_FILES = sorted((CASES / "compare").glob("*.toml"))
LINT_FILES = sorted((CASES / "lint").glob("*.toml"))

#: Two configs, taken in turn by the cases: one that ignores and re-grades codes,
#: one that states the locale (the default ton, which lint then trusts) and drops a
#: code for the folder the copy is in.
CONFIGS = (
    'ignore = ["UC302"]\n[severity]\nUC101 = "warning"\nUC104 = "info"\nUC210 = "error"\n',
    '[locale]\nton = "short"\n[per-file-ignores]\n"desk/*" = ["UC303"]\n',
)


def _case(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _first_code(case: dict[str, Any]) -> str:
    return case["expect"][0]["code"] if case["expect"] else "UC220"


def _write_case(tmp_path: Path, path: Path, index: int) -> tuple[Path | None, Path]:
    """The case as files below *tmp_path*, with a config and suppression comments.

    Even cases: a range directive silences the first expected code in the revised copy
    (or silences nothing, which is a UC401). Odd cases: the original's first paragraph
    silences dropped figures, and the copy ends with a directive naming no known code.
    """
    case = _case(path)
    (tmp_path / ".unitcheck.toml").write_text(CONFIGS[index % 2], encoding="utf-8")
    desk = tmp_path / "desk"
    desk.mkdir()
    revised = case.get("revised", case.get("text"))
    original = case.get("original")
    if index % 2 == 0:
        revised = f"# unitcheck: disable[{_first_code(case)}] -- checked by the desk\n{revised}"
    else:
        revised = f"{revised}\nSee the figures above. [unitcheck: ignore[UC999]]\n"
        if original is not None:
            original = f"# unitcheck: ignore[UC301]\n{original}"
    rev_path = desk / "revised.txt"
    rev_path.write_text(revised, encoding="utf-8")
    if original is None:
        return None, rev_path
    orig_path = desk / "original.txt"
    orig_path.write_text(original, encoding="utf-8")
    return orig_path, rev_path


def _cli_json(args: list[str]) -> tuple[dict[str, Any], int]:
    result = CliRunner().invoke(main, [*args, "-o", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout), result.exit_code


@pytest.mark.parametrize(
    ("path", "index"),
    [pytest.param(p, i, id=f"compare-{p.stem}") for i, p in enumerate(COMPARE_FILES)],
)
def test_check_pair_gives_the_cli_findings(tmp_path: Path, path: Path, index: int) -> None:
    orig_path, rev_path = _write_case(tmp_path, path, index)
    assert orig_path is not None
    printed, code = _cli_json(["compare", str(orig_path), str(rev_path)])

    settings, _ = load_settings(rev_path)
    result = check_pair(
        orig_path.read_text(encoding="utf-8"),
        rev_path.read_text(encoding="utf-8"),
        settings,
        path=str(rev_path),
        original_path=str(orig_path),
    )
    run = RunResult("compare", (result,), fail_level=settings.fail_level)
    assert report_dict(run)["findings"] == printed["findings"]
    assert run.return_code == code


@pytest.mark.parametrize(
    ("path", "index"),
    [pytest.param(p, i, id=f"lint-{p.stem}") for i, p in enumerate(LINT_FILES)],
)
def test_check_document_gives_the_cli_findings(tmp_path: Path, path: Path, index: int) -> None:
    _, doc_path = _write_case(tmp_path, path, index)
    printed, code = _cli_json(["lint", str(doc_path)])

    settings, _ = load_settings(doc_path)
    result = check_document(doc_path.read_text(encoding="utf-8"), settings, path=str(doc_path))
    run = RunResult("lint", (result,), fail_level=settings.fail_level)
    assert report_dict(run)["findings"] == printed["findings"]
    assert run.return_code == code


def test_check_cases_exercise_the_config_and_the_comments() -> None:
    """The comparison above is not vacuous: the cases are many, and the config and the
    comments change what they report."""
    assert len(COMPARE_FILES) >= 45 and len(LINT_FILES) >= 16
    assert any(_first_code(_case(p)) == "UC101" for p in COMPARE_FILES)


# -- what check_pair and check_document do beyond compare and lint ----------------

ORIGINAL = "The ferry route is 40 miles long.\n\nIts crossing takes two hours.\n"
REVISED = (
    "The ferry route is 40km long.\n\n"
    "Its crossing takes two hours, and the boat carries 300 passengers.\n"
)


def _codes(findings: Any) -> list[tuple[str, str]]:
    return sorted((f.code, str(f.severity)) for f in findings)


def test_check_pair_applies_config_and_comments() -> None:
    raw = unitcheck.compare(ORIGINAL, REVISED).findings
    assert ("UC101", "error") in _codes(raw) and ("UC302", "info") in _codes(raw)

    settings = Settings(
        ignore=frozenset({"UC302"}), severity=(("UC101", Severity.WARNING),)
    )
    graded = check_pair(ORIGINAL, REVISED, settings)
    assert ("UC101", "warning") in _codes(graded.findings)
    assert all(f.code != "UC302" for f in graded.findings)

    commented = REVISED.replace("40km long.", "40km long. <!-- unitcheck: ignore[UC101] -->")
    silenced = check_pair(ORIGINAL, commented, path="story.md")
    assert all(f.code != "UC101" for f in silenced.findings)
    # the same comment in plain text is no comment: the finding stays
    assert any(f.code == "UC101" for f in check_pair(ORIGINAL, commented).findings)


def test_check_document_reports_a_useless_comment() -> None:
    text = "The pier is 300 metres long. [unitcheck: ignore[UC104]]\n"
    result = check_document(text, path="pier.txt")
    assert [f.code for f in result.findings] == ["UC401"]
    assert result.document.path == "pier.txt" and result.document.format == "text"


def test_check_per_file_ignores_match_the_path(tmp_path: Path) -> None:
    settings = Settings(per_file_ignores=(("wire/*", frozenset({"UC101"})),), root=str(tmp_path))
    kept = check_pair(ORIGINAL, REVISED, settings, path=str(tmp_path / "web" / "a.txt"))
    dropped = check_pair(ORIGINAL, REVISED, settings, path=str(tmp_path / "wire" / "a.txt"))
    assert any(f.code == "UC101" for f in kept.findings)
    assert all(f.code != "UC101" for f in dropped.findings)


def test_check_document_of_nothing_is_an_empty_input() -> None:
    from unitcheck.errors import EmptyInputError

    with pytest.raises(EmptyInputError, match="<text>: "):  # the CLI's warning-level note
        check_document("   \n")
    with pytest.raises(EmptyInputError, match="no text found"):
        check_document("<p><!-- only a comment --></p>", path="empty.html")


# -- the locale decision ------------------------------------------------------------

BARGE = "The barge carried 300 tons of grain downriver.\n"


@pytest.mark.parametrize(
    ("config", "flagged"),
    [
        ("", True),  # nothing said: the copy must say which ton
        ('[locale]\nton = "short"\n', False),  # the default, stated: trusted
        ('[locale]\ngallon = "imperial"\n', True),  # another locale stated: still unsaid
    ],
)
def test_check_lint_ton_follows_what_the_config_states(
    tmp_path: Path, config: str, flagged: bool
) -> None:
    (tmp_path / ".unitcheck.toml").write_text(config, encoding="utf-8")
    story = tmp_path / "barge.txt"
    story.write_text(BARGE, encoding="utf-8")
    settings, _ = load_settings(story)
    found = [f.code for f in check_document(BARGE, settings).findings]
    assert ("UC210" in found) is flagged
    cli = CliRunner().invoke(main, ["lint", str(story), "-o", "json"])
    assert ("UC210" in cli.stdout) is flagged


def test_settings_lint_ton_counts_a_non_default_as_told() -> None:
    assert Settings().lint_ton() is None
    assert Settings(ton="long").lint_ton() == "long"
    assert Settings(explicit=frozenset({"ton"})).lint_ton() == "short"
    assert Settings().with_options(ton="short").lint_ton() == "short"
    with pytest.raises(ConfigError, match="explicit"):
        Settings(explicit=frozenset({"colour"}))


# -- one options object, validated once --------------------------------------------


@pytest.mark.parametrize(
    ("call", "key"),
    [
        (lambda: unitcheck.compare("5 gallons", "5 gallons", gallon="metric"), "gallon"),
        (lambda: unitcheck.compare("5 km", "5 km", tolerance=-1), "tolerance"),
        (lambda: unitcheck.compare("5 km", "5 km", ton="imperial"), "ton"),
        (lambda: unitcheck.lint("5 tons", ton_locale="imperial"), "ton_locale"),
        (lambda: unitcheck.lint("5 km", tolerance=float("nan")), "tolerance"),
        (lambda: check_pair("5 km", "5 km", Settings().with_options(gallon="uk")), "gallon"),
    ],
)
def test_check_bad_option_is_a_config_error(call: Any, key: str) -> None:
    with pytest.raises(ConfigError) as info:
        call()
    assert isinstance(info.value, ValueError) and isinstance(info.value, UnitcheckError)
    assert str(info.value).startswith(f"{key}: ")


def test_check_settings_and_keywords_agree() -> None:
    text_a, text_b = "The tank holds 10 gallons.", "The tank holds 45 litres."
    by_keyword = unitcheck.compare(text_a, text_b, gallon="imperial").findings
    by_settings = unitcheck.compare(text_a, text_b, settings=Settings(gallon="imperial")).findings
    assert by_keyword == by_settings
    # a keyword wins over the settings it is given with
    overridden = unitcheck.compare(
        text_a, text_b, settings=Settings(gallon="us"), gallon="imperial"
    ).findings
    assert overridden == by_settings


def test_check_settings_must_be_settings() -> None:
    with pytest.raises(TypeError, match="Settings"):
        unitcheck.lint("5 km", settings={"tolerance": 2.0})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        unitcheck.lint("5 km", Settings())  # type: ignore[misc]  # keyword only


# -- one error hierarchy, exit codes ------------------------------------------------


def test_check_errors_share_one_base_and_keep_their_fields() -> None:
    from unitcheck.batch import BatchError, GitError
    from unitcheck.errors import EmptyInputError

    for cls in (TableError, InputError, EmptyInputError, OptionError, ConfigError):
        assert issubclass(cls, UnitcheckError)
    assert issubclass(BatchError, UnitcheckError) and issubclass(GitError, UnitcheckError)
    error = ConfigError("a.toml", "tolerance", "must be a positive number")
    again = pickle.loads(pickle.dumps(error))
    fields = (again.path, again.key, again.reason)
    assert fields == ("a.toml", "tolerance", "must be a positive number")
    assert str(again) == "a.toml: tolerance: must be a positive number"
    assert InputError(path="x.txt", reason="binary").path == "x.txt"
    with pytest.raises(TypeError):
        TableError("units.tsv", 3)  # a field is missing


def test_check_exit_codes_keep_their_numbers() -> None:
    assert [int(c) for c in ExitCode] == [0, 1, 2, 3, 130]
    assert unitcheck.ExitCode is ExitCode


@pytest.mark.parametrize(
    "name",
    [
        "notes",  # a file name without an extension is plain text
        "desk/story.rst",  # an extension unitcheck does not know is plain text too
        "story.md",  # a known one gives the format
    ],
)
def test_check_stdin_filename_is_a_file_name(name: str) -> None:
    result = CliRunner().invoke(
        main, ["lint", "-", "--stdin-filename", name, "-o", "json"], input="It is 5 km away.\n"
    )
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    assert json.loads(result.stdout)["findings"] == []


def test_check_unknown_format_hint_is_an_option_error() -> None:
    from unitcheck.text.reading import format_of

    with pytest.raises(OptionError, match="unknown format 'rst'"):
        format_of("a.txt", "rst")


def test_check_pair_takes_documents_as_read_from_files(tmp_path: Path) -> None:
    from unitcheck.text.reading import read_text

    a, b = tmp_path / "before.html", tmp_path / "after.html"
    a.write_text("<p>The ferry route is <b>40 miles</b> long.</p>\n", encoding="utf-8")
    b.write_text("<p>The ferry route is <b>40km</b> long.</p>\n", encoding="utf-8")
    from_files = check_pair(read_text(str(a)), read_text(str(b)))
    from_text = check_pair(
        a.read_text(encoding="utf-8"),
        b.read_text(encoding="utf-8"),
        path=str(b),
        original_path=str(a),
    )
    assert from_files.findings == from_text.findings
    assert [(f.code, f.b.text) for f in from_text.findings] == [("UC101", "40km")]
    assert from_text.document == from_files.document and from_text.original is not None
    q = from_text.findings[0].b
    assert from_text.document.text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    ("original", "revised"),
    [
        ("The keg holds 12 pints of bitter.", "The keg holds 6.8 litres of bitter."),
        ("Add 24 fl oz of stock.", "Add 682ml of stock."),
        ("The churn holds 10 quarts.", "The churn holds 11.4 litres."),
    ],
)
def test_check_imperial_gallon_takes_its_pints_quarts_and_fluid_ounces(
    original: str, revised: str
) -> None:
    """A British desk's pint is imperial like its gallon: the US reading of the same
    measure is 17-20% smaller, so the conversion is wrong there and right here."""
    imperial = unitcheck.compare(original, revised, gallon="imperial").findings
    us = unitcheck.compare(original, revised, gallon="us").findings
    assert [f.code for f in imperial] == ["UC303"]
    assert "UC104" in [f.code for f in us]
