"""The runtime tables in ``unitcheck/data``: every entry resolves and every header explains."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest

from unitcheck.extract.lexicon import QUALIFIER_VALUES, lexicon
from unitcheck.extract.surfaces import UNIT_FLAGS, unit_table
from unitcheck.tables import alternatives, rows
from unitcheck.text.tokens import token_texts
from unitcheck.units.registry import registry, unit_info

TABLES = ("units_en.tsv", "currencies_en.tsv", "lexicon_en.tsv")


def _header(name: str) -> str:
    text = files("unitcheck.data").joinpath(name).read_text(encoding="utf-8")
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines)


@pytest.mark.parametrize("name", TABLES)
def test_tables_header_explains_syntax(name: str) -> None:
    header = _header(name)
    assert "tab-separated" in header  # says how cells are split
    assert '"|"' in header  # says how alternatives are split
    assert len(header.splitlines()) >= 5


def test_tables_header_documents_every_unit_flag() -> None:
    header = _header("units_en.tsv")
    for flag in UNIT_FLAGS:
        assert re.search(rf"#\s+{flag}\s", header), flag


def test_tables_every_unit_resolves_in_pint() -> None:
    ureg = registry()
    count = 0
    for line, (surfaces, expression, _flags) in rows("units_en.tsv", 3):
        info = unit_info(expression.split(" * ", 1)[-1])
        assert info.dimension, f"units_en.tsv:{line}"
        assert ureg.Quantity(1.0, info.name).units == ureg.Unit(info.name)
        assert alternatives(surfaces), f"units_en.tsv:{line} has no surface"
        count += 1
    assert count > 100


def test_tables_no_surface_is_claimed_twice() -> None:
    seen: dict[tuple[str, ...], int] = {}
    for line, (surfaces, _expression, flags) in rows("units_en.tsv", 3):
        for surface in alternatives(surfaces):
            words = token_texts(surface)
            key = words if "cs" in flags else tuple(w.lower() for w in words)
            assert key not in seen, f"{surface!r} on lines {seen[key]} and {line}"
            seen[key] = line


def test_tables_table_loads_ambiguous_surfaces_with_flags() -> None:
    table = unit_table()
    assert table.exact[("in",)].no_hyphen  # "5-in" is never a unit
    assert table.exact[("t",)].attached_only  # "5t" yes, "5 t" no
    assert table.exact[("GB",)].expression == "gigabyte"
    assert table.exact[("Gb",)].expression == "gigabit"
    assert table.match(("KM",)) is not None  # folded case for plain surfaces
    assert table.match(("gB",)) is None  # case kept for flagged ones


def test_tables_currency_codes_are_iso_4217_shaped() -> None:
    codes = set()
    for name in ("currencies_cldr.tsv", "currencies_en.tsv"):
        for line, (_surfaces, code, position) in rows(name, 3):
            if position in ("code", "not-code"):
                assert code == "=", f"{name}:{line}"
                for item in alternatives(_surfaces):
                    assert re.fullmatch(r"[A-Z]{3}", item), f"{name}:{line}: {item}"
                if position == "code":
                    codes.update(alternatives(_surfaces))
            else:
                codes.add(code)
    assert codes
    for code in codes:
        assert re.fullmatch(r"[A-Z]{3}", code), code
    lex = lexicon()
    assert set(lex.currency_symbols.values()) <= codes
    assert set(lex.currency_words.values()) <= codes


def test_tables_currency_symbols_map_as_newsrooms_write_them() -> None:
    lex = lexicon()
    assert lex.currency_symbols[("$",)] == "USD"
    assert lex.currency_symbols[("US", "$")] == "USD"
    assert lex.currency_symbols[("NT", "$")] == "TWD"
    assert lex.currency_symbols[("HK", "$")] == "HKD"
    assert lex.currency_symbols[("£",)] == "GBP"
    assert lex.currency_factors[("cents",)] == 0.01


def test_tables_lexicon_values_are_valid() -> None:
    lex = lexicon()
    assert set(lex.qualifiers.values()) <= QUALIFIER_VALUES
    assert lex.qualifiers[("more", "than")] == "lower"
    assert lex.qualifiers[("up", "to")] == "upper"
    assert lex.qualifiers[("about",)] == "approx"
    assert lex.scales["bn"] == 1e9 and lex.scales_cs["K"] == 1e3
    assert sorted(set(lex.months.values())) == list(range(1, 13))


def test_tables_alternatives_split_and_trim() -> None:
    assert alternatives(" km | kms |kilometre ") == ["km", "kms", "kilometre"]
    assert alternatives("|") == []
