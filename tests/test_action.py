"""The composite action's shell steps, run with bash on a temporary git repository.

The ``run:`` scripts are taken from action.yml and executed the way a runner does:
inputs through the step's ``env:`` (with ``${{ inputs.x }}`` filled in), and the
GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files set. Steps that ``uses:`` another action
(setup-python, cache) and the install step are left out: unitcheck is installed here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

yaml = pytest.importorskip("yaml")  # PyYAML: a test dependency

ACTION = Path(__file__).resolve().parent.parent / "action.yml"
BASH, GIT = shutil.which("bash"), shutil.which("git")
pytestmark = pytest.mark.skipif(not (BASH and GIT), reason="needs bash and git")

# A story, then an edit that breaks a unit; a second story that already had a
# doubtful figure at the base and is left alone; a new story with one of its own.
STORY = "The flood covered 300 square miles of farmland, officials said.\n"
EDITED = "The flood covered 300 m2 of farmland, officials said.\n"
UNTOUCHED = "Rebels hold another 300m2 of the province, the ministry said.\n"
ADDED = "Troops seized more than 400m2 of the region in a week.\n"

_EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _action() -> dict[str, Any]:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Desk",
        "GIT_AUTHOR_EMAIL": "desk@example.org",
        "GIT_COMMITTER_NAME": "Desk",
        "GIT_COMMITTER_EMAIL": "desk@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(
        [GIT or "git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: two stories; HEAD (branch "edit"): one edited, one added."""
    root = tmp_path / "newsroom"
    (root / "news").mkdir(parents=True)
    _git(root, "init", "-q", "-b", "main")
    (root / "news" / "flood.md").write_text(STORY, encoding="utf-8")
    (root / "news" / "market.txt").write_text(UNTOUCHED, encoding="utf-8")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "base")
    _git(root, "checkout", "-q", "-b", "edit")
    (root / "news" / "flood.md").write_text(EDITED, encoding="utf-8")
    (root / "news" / "troops.md").write_text(ADDED, encoding="utf-8")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "head")
    return root


class Run:
    def __init__(
        self, done: subprocess.CompletedProcess[str], outputs: dict[str, str], summary: str
    ) -> None:
        self.status, self.stdout, self.stderr = done.returncode, done.stdout, done.stderr
        self.outputs, self.summary = outputs, summary


def _run_step(repo: Path, tmp_path: Path, inputs: dict[str, str], env: dict[str, str]) -> Run:
    action = _action()
    values = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    values.update(inputs)
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "run")

    def fill(text: str) -> str:
        def one(m: re.Match[str]) -> str:
            name = m.group(1)
            assert name.startswith("inputs."), f"unexpected expression {name!r} in the run step"
            return values[name.removeprefix("inputs.")]

        return _EXPR.sub(one, text)

    assert "${{" not in step["run"], "inputs must reach the script through env, not text"
    output, summary = tmp_path / "github_output", tmp_path / "step_summary"
    output.write_text("", encoding="utf-8")
    summary.write_text("", encoding="utf-8")
    step_env = {k: fill(str(v)) for k, v in step.get("env", {}).items()}
    full_env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_ACTION_PATH": str(ACTION.parent),
        "RUNNER_TEMP": str(tmp_path),
        "NO_COLOR": "1",
        **step_env,
        **env,
    }
    if "GITHUB_BASE_REF" not in env:  # the test's own CI may run on a pull request
        full_env.pop("GITHUB_BASE_REF", None)
    done = subprocess.run(
        [BASH or "bash", "-e", "-c", step["run"]],  # GitHub runs bash with -e
        cwd=repo,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    outputs = dict(
        line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines() if line
    )
    return Run(done, outputs, summary.read_text(encoding="utf-8"))


def _sarif(repo: Path, name: str) -> dict[str, Any]:
    log = json.loads((repo / name).read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0" and log["runs"][0]["tool"]["driver"]["name"] == "unitcheck"
    return log


def _uris(log: dict[str, Any]) -> set[str]:
    return {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
        for loc in result["locations"]
    }


def test_action_pull_request_with_default_inputs(repo: Path, tmp_path: Path) -> None:
    # a pull request from "edit" into "main": GitHub sets GITHUB_BASE_REF; paths is "."
    _git(repo, "update-ref", "refs/remotes/origin/main", "main")
    run = _run_step(repo, tmp_path, {}, {"GITHUB_BASE_REF": "main"})
    assert run.status == 1, run.stderr  # an error-level finding, at the default fail-level
    assert re.search(r"^::error file=news/flood\.md,line=1,.*UC101", run.stdout, re.M), run.stdout
    assert re.search(r"^::warning file=news/troops\.md,.*UC220", run.stdout, re.M), run.stdout
    assert run.outputs == {"sarif": "unitcheck-compare.sarif", "lint-sarif": "unitcheck-lint.sarif"}
    compare = _sarif(repo, run.outputs["sarif"])
    assert [r["ruleId"] for r in compare["runs"][0]["results"]] == ["UC101"]
    lint = _sarif(repo, run.outputs["lint-sarif"])
    # only the files the branch changed are linted: market.txt's old figure is left alone
    assert _uris(lint) == {"news/flood.md", "news/troops.md"}
    assert "market.txt" not in run.stdout
    assert "### unitcheck compare" in run.summary and "### unitcheck lint" in run.summary
    assert "UC101" in run.summary and "UC220" in run.summary


def test_action_push_without_base_lints_everything(repo: Path, tmp_path: Path) -> None:
    run = _run_step(repo, tmp_path, {"fail-level": "warning"}, {})
    assert run.status == 1, run.stderr
    assert "::notice title=unitcheck::no base ref" in run.stdout
    assert run.outputs == {"sarif": "", "lint-sarif": "unitcheck-lint.sarif"}
    linted = _uris(_sarif(repo, "unitcheck-lint.sarif"))
    assert linted == {"news/flood.md", "news/market.txt", "news/troops.md"}
    assert not (repo / "unitcheck-compare.sarif").exists()


def test_action_sarif_output_empty_when_nothing_was_written(repo: Path, tmp_path: Path) -> None:
    # a ref that does not exist: compare stops with exit 2 before writing a report
    run = _run_step(repo, tmp_path, {"base-ref": "origin/nowhere", "lint": "false"}, {})
    assert run.status == 2
    assert "unknown git ref" in run.stderr
    assert run.outputs == {"sarif": "", "lint-sarif": ""}


def test_action_fail_level_never_passes_and_still_reports(repo: Path, tmp_path: Path) -> None:
    run = _run_step(repo, tmp_path, {"base-ref": "main", "fail-level": "never"}, {})
    assert run.status == 0, run.stderr
    assert "::error" in run.stdout and run.outputs["sarif"] == "unitcheck-compare.sarif"


@pytest.mark.parametrize("env", [{}, {"PIP_NO_CACHE_DIR": "1"}])
def test_action_pip_cache_step_always_names_a_folder(tmp_path: Path, env: dict[str, str]) -> None:
    step = next(s for s in _action()["runs"]["steps"] if s.get("id") == "pip-cache")
    output = tmp_path / "github_output"
    output.write_text("", encoding="utf-8")
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    full_env = {**os.environ, "PATH": path, "GITHUB_OUTPUT": str(output), **env}
    done = subprocess.run([BASH or "bash", "-e", "-c", step["run"]], env=full_env, check=False)
    assert done.returncode == 0
    line = output.read_text(encoding="utf-8").strip()
    assert line.startswith("dir=/") and len(line) > len("dir=/")
    cache = next(s for s in _action()["runs"]["steps"] if "actions/cache" in s.get("uses", ""))
    assert cache["with"]["path"] == "${{ steps.pip-cache.outputs.dir }}"


def test_action_uses_no_node20_actions() -> None:
    # actions/checkout@v4, setup-python@v5, cache@v4 and codeql-action v3 run on Node 20
    node20 = {"actions/checkout": 4, "actions/setup-python": 5, "actions/cache": 4}
    node20["github/codeql-action/upload-sarif"] = 3
    docs = (ACTION.parent / "docs" / "ci.md").read_text(encoding="utf-8")
    text = ACTION.read_text(encoding="utf-8") + docs
    used = re.findall(r"uses:\s*([\w./-]+)@v(\d+)", text)
    assert used, "no actions found"
    for name, major in used:
        if name in node20:
            assert int(major) > node20[name], f"{name}@v{major} runs on Node 20"
