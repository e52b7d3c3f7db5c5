"""The packages import down the stack, never back up (issue 11): text <- units <- extract
<- compare, lint <- check <- report, cli. Checked on the source with ast, so a new import
that runs back up fails here; and at run time, for what units may load."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import unitcheck

PACKAGE = Path(unitcheck.__file__).parent
#: What each package may import from the others (leaf modules such as model, errors,
#: codes and tables are open to all).
ALLOWED = {
    "text": {"text"},
    "units": {"units", "text.context"},  # conversion asks context sets; never the lexer
    "extract": {"extract", "units", "text"},
    "compare": {"compare", "extract", "units", "text", "config"},
    "lint": {"lint", "extract", "units", "text", "config"},
    "report": {"report", "units", "text"},
    "config": {"config"},
}
PACKAGES = ("text", "units", "extract", "compare", "lint", "report", "config", "batch")


def _imports(path: Path) -> list[str]:
    """Every unitcheck module *path* imports, as dotted names under unitcheck."""
    parts = ["unitcheck", *path.relative_to(PACKAGE).with_suffix("").parts]
    package = parts[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            target = ".".join(base[1:] + ([node.module] if node.module else []))
            names = [target] if node.module else [f"{target}.{a.name}".lstrip(".") for a in node.names]
            found.extend(names)
    return found


def _violations(package: str) -> list[str]:
    allowed = ALLOWED[package]
    bad = []
    for path in sorted((PACKAGE / package).glob("*.py")):
        for target in _imports(path):
            head = target.split(".")[0]
            if head not in PACKAGES:
                continue  # a leaf module (model, errors, codes, tables) or the package root
            if not any(target == a or target.startswith(a + ".") or head == a for a in allowed):
                bad.append(f"{path.name} imports {target}")
    return bad


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_layers_no_import_runs_back_up(package: str) -> None:
    assert _violations(package) == []


def test_layers_the_check_can_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "unitcheck"
    (fake / "units").mkdir(parents=True)
    (fake / "units" / "bad.py").write_text("from ..extract.scan import extract\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert _violations("units") == ["bad.py imports extract.scan"]


def test_layers_units_never_load_the_lexer_or_extraction() -> None:
    code = (
        "import sys, unitcheck.units.conversion, unitcheck.units.regional;"
        "print(sorted(m for m in sys.modules if m.startswith(('unitcheck.extract',"
        " 'unitcheck.text.tokens'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
