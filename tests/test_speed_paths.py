"""What keeps a cold ``unitcheck extract`` cheap, checked by what is imported and what is
answered, never by a clock (issue 14, "Speed").

- pint's answers are kept on disk (``unitcheck.units.pint_cache``): a second fresh process
  never imports pint, and its quantities are exactly the first one's;
- every remembered answer equals what pint computes now;
- ``import unitcheck`` loads neither the comparison side nor spaCy, yet the public
  names are the functions they always were.
"""

from __future__ import annotations

import importlib
import json
import os
import pickle
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from unitcheck.units import pint_cache

# Our own sentence: a table unit, a unit only pint knows (kW), temperatures (°C
# converts through pint's offset), a rate and money.
TEXT = (
    "The 40 kW heater took the shed from 5C to 21C in 3 hours, burning 12 litres of oil "
    "at $1.10 a litre, while the wind reached 60 km/h."
)

_PROBE = textwrap.dedent(
    """
    import json, sys
    import unitcheck
    found = [
        [q.text, q.value, q.unit, q.si_value, q.si_unit, q.start, q.end]
        for q in unitcheck.extract(sys.argv[1])
    ]
    from unitcheck.units.conversion import unit_label
    labels = [unit_label(q[4]) for q in found]
    print(json.dumps({"found": found, "labels": labels,
                      "modules": sorted(m for m in ("pint", "spacy") if m in sys.modules)}))
    """
)


def _probe(cache: Path | str, text: str = TEXT) -> dict[str, object]:
    env = {**os.environ, "UNITCHECK_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", _PROBE, text],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict]:
    """A cache folder after one fresh process, and what two fresh processes found."""
    cache = tmp_path_factory.mktemp("answers")
    first = _probe(cache)
    second = _probe(cache)
    return cache, first, second


def test_pint_cache_second_process_never_imports_pint(filled):
    # the first process had to ask pint; the second finds every answer on disk
    _, first, second = filled
    assert first["modules"] == ["pint"]
    assert second["modules"] == []


def test_pint_cache_same_quantities_and_labels(filled):
    # answers read back from disk give exactly what pint gave: values, units, SI, labels
    _, first, second = filled
    assert first["found"] and second["found"] == first["found"]
    assert second["labels"] == first["labels"]
    units = {q[2] for q in first["found"]}
    assert {"kilowatt", "degree_Celsius"} <= units  # a pint-only unit and an offset unit


def test_pint_cache_answers_equal_pint_now(filled):
    # every stored answer, recomputed by the undecorated function, is the same

    cache, _, _ = filled
    files = sorted(cache.glob("pint-answers-*.pickle"))
    modules = {f.name.split("-")[2] for f in files}
    assert modules == {
        "unitcheck.units.registry", "unitcheck.extract.surfaces", "unitcheck.units.conversion"
    }
    checked = 0
    for path in files:
        module = importlib.import_module(path.name.split("-")[2])
        for (name, *args), answer in pickle.loads(path.read_bytes()).items():
            fn = getattr(module, name)
            while hasattr(fn, "__wrapped__"):  # past functools.cache and remembered
                fn = fn.__wrapped__
            assert fn(*args) == answer, (name, args)
            checked += 1
    assert checked >= 5


def test_pint_cache_unreadable_file_is_passed_over(tmp_path):
    # a truncated or foreign file is never an error: pint is asked again
    first = _probe(tmp_path)
    for path in tmp_path.glob("pint-answers-*.pickle"):
        path.write_bytes(b"not a pickle")
    again = _probe(tmp_path)
    assert again["found"] == first["found"]
    assert again["modules"] == ["pint"]


def test_pint_cache_empty_setting_turns_it_off(monkeypatch):
    # UNITCHECK_CACHE_DIR="" means no cache folder at all
    monkeypatch.setenv("UNITCHECK_CACHE_DIR", "")
    assert pint_cache.cache_dir() is None
    monkeypatch.setenv("UNITCHECK_CACHE_DIR", "/some/where")
    assert pint_cache.cache_dir() == Path("/some/where")


def test_pint_cache_file_name_follows_module_source(tmp_path, monkeypatch):
    # editing a module with remembered functions gives its answers a new file
    monkeypatch.setenv("UNITCHECK_CACHE_DIR", str(tmp_path))
    source = tmp_path / "fake_module.py"
    module = types.ModuleType("unitcheck_fake_module")
    module.__file__ = str(source)
    monkeypatch.setitem(sys.modules, module.__name__, module)
    names = []
    for body in ("X = 1\n", "X = 2\n"):
        source.write_text(body)
        pint_cache._path.cache_clear()
        names.append(pint_cache._path(module.__name__))
    pint_cache._path.cache_clear()
    assert names[0] is not None and names[1] is not None
    assert names[0].parent == tmp_path and names[0] != names[1]


def test_package_import_loads_no_comparison_side():
    # extract needs neither the aligner (numpy, rapidfuzz) nor spaCy nor the lint checks
    code = (
        "import sys, unitcheck; unitcheck.extract('It weighs 5 kg.'); "
        "print(sorted(m for m in ('unitcheck.compare', 'unitcheck.compare.align', 'unitcheck.lint',"
        " 'spacy', 'rapidfuzz') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_package_public_names_stay_functions():
    # importing a submodule of the same name must not replace the public function
    import unitcheck
    import unitcheck.compare
    import unitcheck.extract
    import unitcheck.lint

    for name in ("extract", "compare", "lint"):
        assert isinstance(getattr(unitcheck, name), types.FunctionType), name
        assert name in unitcheck.__all__
    assert unitcheck.Quantity.__name__ == "Quantity"
    with pytest.raises(AttributeError):
        unitcheck.no_such_name  # noqa: B018


def test_pint_cache_keeps_a_few_files_per_module(tmp_path):
    # answers of older sources are removed when new ones are written, newest first kept
    import time as clock

    for k in range(7):
        path = tmp_path / f"pint-answers-unitcheck.units.registry-{k:024d}.pickle"
        path.write_bytes(pickle.dumps({}))
        stamp = clock.time() - 1000 + k
        os.utime(path, (stamp, stamp))
    other = tmp_path / "pint-answers-unitcheck.units.conversion-0.pickle"
    other.write_bytes(b"")
    pint_cache._prune(tmp_path, "unitcheck.units.registry")
    left = sorted(p.name for p in tmp_path.glob("pint-answers-unitcheck.units.registry-*"))
    assert left == [f"pint-answers-unitcheck.units.registry-{k:024d}.pickle" for k in range(3, 7)]
    assert other.exists()


# Our own pair: several sentences a line, abbreviations, a quoted question, a changed figure.
ORIGINAL = (
    'Dr. Ruiz said the U.S. plant makes 40 kW a day. "Is that enough?" she asked at 9 a.m.\n'
    "It cost $3.5 million. Output fell 12% in Jan. 2024, the firm said.\n"
)
REVISED = ORIGINAL.replace("40 kW", "400 kW").replace("12%", "21%")

_CLI_PROBE = textwrap.dedent(
    """
    import contextlib, io, json, sys
    from unitcheck.cli import run
    sys.argv = ["unitcheck", *sys.argv[1:]]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            run()
        except SystemExit as done:
            code = done.code
    print(json.dumps({"code": code, "out": out.getvalue(),
                      "spacy": sorted(m for m in sys.modules if m.split(".")[0] == "spacy")}))
    """
)


@pytest.mark.parametrize("command", ["lint", "compare"])
def test_lint_and_compare_never_import_spacy(tmp_path, command):
    # the segmenter cuts lint's and compare's sentences without spaCy (issue 11 cold start)
    original, revised = tmp_path / "original.txt", tmp_path / "revised.txt"
    original.write_text(ORIGINAL, encoding="utf-8")
    revised.write_text(REVISED, encoding="utf-8")
    files = [str(original)] if command == "lint" else [str(original), str(revised)]
    env = {**os.environ, "UNITCHECK_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", _CLI_PROBE, command, "--format", "json", *files],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    answer = json.loads(done.stdout.splitlines()[-1])
    assert answer["code"] in (0, 1), done.stderr
    assert answer["spacy"] == []
    if command == "compare":  # it did cut and compare: both changed figures are flagged
        report = answer["out"]
        assert "400 kW" in report and "21%" in report


def test_pint_cache_one_key_for_keyword_and_positional_calls(monkeypatch, tmp_path):
    # f(x, False) and f(x, plural=False) are one question, stored once with its
    # arguments in order, so a stored answer can be asked again positionally
    monkeypatch.setenv("UNITCHECK_CACHE_DIR", str(tmp_path))
    calls = []

    def words(unit: str, plural: bool = True) -> str:
        calls.append((unit, plural))
        return unit + ("s" if plural else "")

    remembered_words = pint_cache.remembered(words)
    assert remembered_words("mile", plural=False) == "mile"
    assert remembered_words("mile", False) == "mile"
    assert remembered_words("mile") == "miles"
    assert calls == [("mile", False), ("mile", True)]
