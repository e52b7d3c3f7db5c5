"""The README's promises about set-up, checked against the files that keep them."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```\n(.+?)\n```", quick)


def test_the_quick_start_has_one_run_command_and_one_test_command() -> None:
    run, test = _readme_commands()
    for command in (run, test):
        assert command.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install")
    assert "unitcheck compare data/examples/" in run
    assert test.endswith("python -m pytest")
    assert "--upgrade" in test  # the newest versions the pins allow, as CI gets


def test_ci_runs_exactly_the_readme_test_command_in_a_fresh_venv() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    _, test = _readme_commands()
    lines = [line.strip() for line in script.splitlines()]
    assert test in lines
    assert lines.index("rm -rf .venv  # never reuse an environment: CI must see what a fresh "
                       "machine sees") < lines.index(test)
    assert '"$status" -eq 5' in script  # no test collected is a failure


def test_the_example_pair_the_readme_runs_exists() -> None:
    run, _ = _readme_commands()
    for path in re.findall(r"data/examples/\S+", run):
        assert (ROOT / path).is_file(), path


def test_the_declared_licence_file_exists() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'license-files = ["LICENSE"]' in pyproject
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_no_stray_wheels_are_committed() -> None:
    listed = subprocess.run(
        ["git", "ls-files", "*.whl"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    assert listed.stdout.strip() == ""


def test_the_sdist_carries_what_the_tests_and_the_readme_need(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c",
         "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))",
         str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    name = done.stdout.strip().splitlines()[-1]
    with tarfile.open(tmp_path / name) as sdist:
        members = {m.split("/", 1)[1] for m in sdist.getnames() if "/" in m}
    for needed in (
        "LICENSE",
        "tests/cases/compare/001_unit_sq_miles_to_m2.toml",
        "tests/data/sarif-schema-2.1.0.json",
        "data/examples/heatwave_original.txt",
        "unitcheck/data/units_en.tsv",
    ):
        assert needed in members, needed


def test_the_readme_sample_output_is_what_the_tool_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from unitcheck.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = readme.split("The example pair has two planted errors", 1)[1]
    sample = re.search(r"```\n(.+?)\n```", sample, re.S).group(1)  # type: ignore[union-attr]
    run, _ = _readme_commands()
    original, revised = re.findall(r"data/examples/\S+", run)
    monkeypatch.chdir(ROOT)  # the README's paths are relative to the checkout
    result = CliRunner().invoke(main, ["compare", original, revised, "--color", "never"])
    printed = result.output.splitlines()
    for line in sample.splitlines():
        if line.strip() == "...":
            continue
        if line.endswith("..."):  # a line the README shortens: the printed one starts so
            assert any(p.startswith(line[:-3]) for p in printed), line
        else:
            assert line in printed, line
