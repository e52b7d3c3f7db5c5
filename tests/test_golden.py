"""Golden cases: hand-written news copy with the findings unitcheck must (and must not) make.

Cases live in ``tests/cases/compare/*.toml`` (an original and a revised version, checked
with ``unitcheck.compare``) and ``tests/cases/lint/*.toml`` (one text, checked with
``unitcheck.lint``). A case file holds:

``original`` / ``revised`` (compare) or ``text`` (lint)
    The copy, as TOML multi-line strings.
``expect``
    An array of tables, each with ``code`` and the surfaces ``a`` (in the original) and
    ``b`` (in the revised text, or in the linted text). Leave ``a`` or ``b`` out when the
    finding has no quantity on that side; lint findings carry ``b`` only. ``expect = []``
    marks a quiet case.
``strict_info`` (optional, default false)
    When true, info findings must match the expected list exactly as well.
``allow`` (optional)
    Codes that may appear without being expected (used where a second finding on the
    same slip is defensible, e.g. UC220 on a territory measured in square metres).

The rule applied to every case:

* every expected finding is present, matched one to one by code and by the surfaces
  (``Quantity.text``; whitespace is normalised, and a count's surface may be written
  with or without its noun: "400" and "400 people" match the same count);
* no error or warning finding appears that is not expected (or allowed);
* info findings that are not expected are ignored, unless ``strict_info``.

Until ``unitcheck.compare`` and ``unitcheck.lint`` exist, the case tests fail with
ImportError or AttributeError; the tests of the case files themselves still run.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("unitcheck") is None:  # a checkout that was not installed
    sys.path.insert(0, str(ROOT))

from unitcheck.codes import BY_CODE, CATALOG  # noqa: E402
from unitcheck.model import Severity  # noqa: E402

CASES = Path(__file__).resolve().parent / "cases"
COMPARE_FILES = sorted((CASES / "compare").glob("*.toml"))
LINT_FILES = sorted((CASES / "lint").glob("*.toml"))
EXAMPLES = ROOT / "data" / "examples"

MIN_COMPARE_CASES = 45
MIN_LINT_CASES = 16

FILE_NAME = re.compile(r"^\d{3}_[a-z0-9_]+\.toml$")
COMPARE_KEYS = {"original", "revised", "expect", "strict_info", "allow"}
LINT_KEYS = {"text", "expect", "strict_info", "allow"}
EXPECT_KEYS = {"code", "a", "b"}


# --------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Expected:
    code: str
    a: str | None = None
    b: str | None = None

    def __str__(self) -> str:
        return f"{self.code} a={self.a!r} b={self.b!r}"


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # "compare" or "lint"
    original: str | None  # None for lint
    revised: str  # the linted text for lint
    expect: tuple[Expected, ...]
    strict_info: bool = False
    allow: frozenset[str] = frozenset()
    summary: str = ""


def load_case(path: Path, kind: str) -> Case:
    """Read one case file, refusing anything the runner would silently misread."""
    raw = path.read_text(encoding="utf-8")
    data: dict[str, Any] = tomllib.loads(raw)
    allowed = COMPARE_KEYS if kind == "compare" else LINT_KEYS
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)}")
    if "expect" not in data:
        raise ValueError(f"{path}: no expect (write `expect = []` for a quiet case)")
    if kind == "compare":
        original, revised = data.get("original"), data.get("revised")
        if not isinstance(original, str) or not isinstance(revised, str):
            raise ValueError(f"{path}: original and revised must be strings")
    else:
        original, revised = None, data.get("text")
        if not isinstance(revised, str):
            raise ValueError(f"{path}: text must be a string")
    expect = []
    for i, item in enumerate(data["expect"]):
        if not isinstance(item, dict) or set(item) - EXPECT_KEYS or "code" not in item:
            raise ValueError(f"{path}: expect[{i}] needs code and optional a, b only")
        if item["code"] not in BY_CODE:
            raise ValueError(f"{path}: expect[{i}] has unknown code {item['code']!r}")
        if kind == "lint" and "a" in item:
            raise ValueError(f"{path}: lint findings carry b only")
        expect.append(Expected(item["code"], item.get("a"), item.get("b")))
    allow = data.get("allow", [])
    if not isinstance(allow, list) or any(c not in BY_CODE for c in allow):
        raise ValueError(f"{path}: allow must list known codes")
    first = raw.lstrip().splitlines()[0] if raw.strip() else ""
    return Case(
        name=path.stem,
        kind=kind,
        original=original,
        revised=revised,
        expect=tuple(expect),
        strict_info=bool(data.get("strict_info", False)),
        allow=frozenset(allow),
        summary=first.lstrip("# ").strip() if first.startswith("#") else "",
    )


def _params(files: Sequence[Path], kind: str) -> list[Any]:
    return [pytest.param(p, kind, id=p.stem) for p in files]


# --------------------------------------------------------------------------- matching


def _norm(surface: str) -> str:
    surface = surface.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    return re.sub(r"\s+", " ", surface).strip()


_NOUN = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def surface_matches(quantity: Any, expected: str | None) -> bool:
    """Does a finding's quantity match the expected surface (None: no quantity)?"""
    if expected is None or quantity is None:
        return expected is None and quantity is None
    actual, want = _norm(quantity.text), _norm(expected)
    if actual == want:
        return True
    # A count ("more than 400 people") may be extracted as "400" or as "400 people".
    if getattr(quantity, "unit", None) is None:
        longer, shorter = (actual, want) if len(actual) > len(want) else (want, actual)
        if longer.startswith(shorter + " ") and _NOUN.fullmatch(longer[len(shorter) + 1 :]):
            return True
    return False


def finding_matches(finding: Any, expected: Expected) -> bool:
    return (
        finding.code == expected.code
        and surface_matches(finding.a, expected.a)
        and surface_matches(finding.b, expected.b)
    )


def match(expect: Sequence[Expected], findings: Sequence[Any]) -> dict[int, int]:
    """Pair expected findings with actual ones, one to one (bipartite matching)."""
    owner: dict[int, int] = {}  # finding index -> expected index

    def place(i: int, seen: set[int]) -> bool:
        for j, finding in enumerate(findings):
            if j in seen or not finding_matches(finding, expect[i]):
                continue
            seen.add(j)
            if j not in owner or place(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(expect)):
        place(i, set())
    return {i: j for j, i in owner.items()}


def _q(quantity: Any) -> str:
    return "-" if quantity is None else repr(quantity.text)


def describe(finding: Any) -> str:
    return (
        f"{finding.code} {finding.severity!s:<7} a={_q(finding.a)} b={_q(finding.b)}"
        f"  -- {finding.message}"
    )


def problems(case: Case, findings: Iterable[Any]) -> list[str]:
    """Everything wrong with these findings for this case; empty when it passes."""
    findings = list(findings)
    paired = match(case.expect, findings)
    used = set(paired.values())
    missing = [e for i, e in enumerate(case.expect) if i not in paired]
    unexpected = [
        f
        for j, f in enumerate(findings)
        if j not in used
        and f.code not in case.allow
        and (f.severity >= Severity.WARNING or case.strict_info)
    ]
    if not missing and not unexpected:
        return []
    lines = [f"{case.kind} case {case.name}: {case.summary}"]
    if missing:
        lines.append("missing expected findings:")
        lines += [f"  {e}" for e in missing]
    if unexpected:
        lines.append("unexpected findings:")
        lines += [f"  {describe(f)}" for f in unexpected]
    lines.append(f"all findings ({len(findings)}):")
    lines += [f"  {describe(f)}" for f in findings] or ["  (none)"]
    return lines


def _check(case: Case, findings: Iterable[Any]) -> None:
    report = problems(case, findings)
    if report:
        print("\n".join(report))
        pytest.fail("\n".join(report), pytrace=False)


# --------------------------------------------------------------------------- engine


def run_compare(original: str, revised: str) -> tuple[Any, ...]:
    import unitcheck

    return tuple(unitcheck.compare(original, revised).findings)


def run_lint(text: str) -> tuple[Any, ...]:
    import unitcheck

    return tuple(unitcheck.lint(text))


@pytest.mark.parametrize(("path", "kind"), _params(COMPARE_FILES, "compare"))
def test_compare_case(path: Path, kind: str) -> None:
    case = load_case(path, kind)
    assert case.original is not None
    _check(case, run_compare(case.original, case.revised))


@pytest.mark.parametrize(("path", "kind"), _params(LINT_FILES, "lint"))
def test_lint_case(path: Path, kind: str) -> None:
    case = load_case(path, kind)
    _check(case, run_lint(case.revised))


# --------------------------------------------------------------------------- the case files


@pytest.mark.parametrize(
    ("path", "kind"), _params(COMPARE_FILES, "compare") + _params(LINT_FILES, "lint")
)
def test_case_file_is_well_formed(path: Path, kind: str) -> None:
    assert FILE_NAME.match(path.name), f"{path.name}: name it NNN_short_slug.toml"
    case = load_case(path, kind)
    assert case.summary, f"{path.name}: start with a one-line '# ...' comment"
    assert case.revised.strip(), f"{path.name}: empty text"
    if kind == "compare":
        assert case.original is not None and case.original.strip()
    for e in case.expect:
        if e.a is not None:
            assert case.original is not None and e.a in case.original, (
                f"{path.name}: {e.a!r} is not in the original"
            )
        if e.b is not None:
            assert e.b in case.revised, f"{path.name}: {e.b!r} is not in the revised text"
        assert e.a is not None or e.b is not None, f"{path.name}: {e.code} names no surface"


def _all_cases() -> list[Case]:
    return [load_case(p, "compare") for p in COMPARE_FILES] + [
        load_case(p, "lint") for p in LINT_FILES
    ]


def test_enough_cases() -> None:
    assert len(COMPARE_FILES) >= MIN_COMPARE_CASES
    assert len(LINT_FILES) >= MIN_LINT_CASES
    lint = [load_case(p, "lint") for p in LINT_FILES]
    quiet = sum(1 for c in lint if not c.expect)
    assert quiet >= len(lint) - quiet, "lint needs at least as many quiet cases as flagged"
    compare = [load_case(p, "compare") for p in COMPARE_FILES]
    assert sum(1 for c in compare if not c.expect) >= 20, "compare needs quiet cases too"


def test_every_code_is_expected_somewhere() -> None:
    seen = {e.code for case in _all_cases() for e in case.expect}
    # Suppression comments are a CLI matter (tests/test_cli_config.py), not a text's.
    missing = sorted(c.code for c in CATALOG if c.code not in seen and c.code != "UC401")
    assert not missing, f"no golden case expects {missing}"
    lint_codes = {e.code for p in LINT_FILES for e in load_case(p, "lint").expect}
    assert {"UC104", "UC210", "UC220"} <= lint_codes


def test_matching_rules() -> None:
    """The runner's own matching, on stand-in findings (no engine needed)."""

    @dataclass
    class Q:
        text: str
        unit: str | None = None

    @dataclass
    class F:
        code: str
        severity: Severity
        a: Q | None
        b: Q | None
        message: str = ""

    case = Case("t", "compare", "x", "y", (Expected("UC201", "400", "400"),))
    count = Q("400 people")
    assert not problems(case, [F("UC201", Severity.WARNING, count, count)])
    metres = Q("400 metres", "meter")
    assert problems(case, [F("UC201", Severity.WARNING, metres, metres)])
    # an unexpected info finding is ignored, unless strict
    info = F("UC302", Severity.INFO, None, Q("3%", "percent"))
    ok = F("UC201", Severity.WARNING, Q("400"), Q("400"))
    assert not problems(case, [ok, info])
    strict = Case("t", "compare", "x", "y", case.expect, strict_info=True)
    assert problems(strict, [ok, info])
    # an unexpected warning fails, unless allowed
    extra = F("UC220", Severity.WARNING, None, Q("400m2", "meter ** 2"))
    assert problems(case, [ok, extra])
    allowing = Case("t", "compare", "x", "y", case.expect, allow=frozenset({"UC220"}))
    assert not problems(allowing, [ok, extra])
    # one finding cannot satisfy two expectations
    twice = Case("t", "compare", "x", "y", case.expect * 2)
    assert problems(twice, [ok])
    assert not problems(twice, [ok, ok])


# --------------------------------------------------------------------------- README examples


EXAMPLE_PAIRS = {
    # The two planted errors and the one verified conversion of data/examples/README.md.
    "heatwave": (
        Expected("UC101", "31C", "31F"),
        Expected("UC102", "3,400 hectares", "34,000 hectares"),
        Expected("UC303", "46C", "115F"),
    ),
    # Honest edits only.
    "budget": (),
}


@pytest.mark.parametrize("stem", sorted(EXAMPLE_PAIRS))
def test_example_pair(stem: str) -> None:
    original = (EXAMPLES / f"{stem}_original.txt").read_text(encoding="utf-8")
    revised = (EXAMPLES / f"{stem}_revised.txt").read_text(encoding="utf-8")
    for e in EXAMPLE_PAIRS[stem]:
        assert e.a is None or e.a in original
        assert e.b is None or e.b in revised
    case = Case(stem, "example", original, revised, EXAMPLE_PAIRS[stem], summary="data/examples")
    _check(case, run_compare(original, revised))
