"""The whole chain, from the command line: lint's suggestions in rdjsonl, SARIF and --fix.

Issue 9: reviewdog reads byte columns and suggestions, SARIF viewers read fixes, and
``lint --fix`` applies the safe suggestions to a copy.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from unitcheck.cli import main

DATA = Path(__file__).parent / "data"
STORY = (
    "# Relief \u2014 the \u201clong road\u201d\n"
    "\n"
    "The convoy covered 600 miles (1,600km) before dawn, officials said.\n"
    "Clashes spread along the 1,200mm front line, the ministry said.\n"
)


def _story(tmp_path: Path) -> Path:
    path = tmp_path / "story.md"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_suggestions_cli_rdjsonl(tmp_path: Path) -> None:
    path = _story(tmp_path)
    result = CliRunner().invoke(main, ["lint", str(path), "-o", "rdjsonl"])
    diagnostics = [json.loads(line) for line in result.stdout.splitlines()]
    schema = json.loads((DATA / "reviewdog-Diagnostic.json").read_text(encoding="utf-8"))
    for diag in diagnostics:
        jsonschema.Draft4Validator(schema).validate(diag)
    by_code = {d["code"]["value"]: d for d in diagnostics}
    assert set(by_code) == {"UC104", "UC220"}
    wrong = by_code["UC104"]
    assert wrong["suggestions"][0]["text"] == "966km"
    assert wrong["location"]["range"]["start"] == {"line": 3, "column": 31}
    guess = by_code["UC220"]
    assert guess["suggestions"][0]["text"] == "1,200km"
    assert guess["code"]["url"].endswith("docs/codes.md#uc220")


def test_suggestions_cli_sarif_fixes_validate(tmp_path: Path) -> None:
    path = _story(tmp_path)
    result = CliRunner().invoke(main, ["lint", str(path), "-o", "sarif"])
    log = json.loads(result.stdout)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    fixes = [r["fixes"][0] for r in log["runs"][0]["results"]]
    assert [f["properties"]["safe"] for f in fixes] == [True, False]
    replacements = [f["artifactChanges"][0]["replacements"][0] for f in fixes]
    inserted = [r["insertedContent"]["text"] for r in replacements]
    assert inserted == ["966km", "1,200km"]


def test_suggestions_cli_text_and_fix(tmp_path: Path) -> None:
    path = _story(tmp_path)
    result = CliRunner().invoke(main, ["lint", str(path)])
    assert "  suggestion: replace \u201c1,600km\u201d with \u201c966km\u201d\n" in result.stdout
    assert "with \u201c1,200km\u201d (a guess: check it)" in result.stdout
    CliRunner().invoke(main, ["lint", "--fix", str(path)])
    fixed = tmp_path / "story.fixed.md"
    assert fixed.read_text(encoding="utf-8") == STORY.replace("1,600km", "966km")
    assert path.read_text(encoding="utf-8") == STORY  # never in place unless asked
