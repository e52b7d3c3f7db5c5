"""Settings: discovery, precedence, validation, ``config show`` and ``apply``."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from unitcheck.config import (
    ConfigError,
    Settings,
    apply,
    find_config,
    load_settings,
    match_path,
    show,
)
from unitcheck.errors import UnitcheckError
from unitcheck.model import Finding, Severity


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def finding(code: str = "UC302", severity: Severity = Severity.INFO) -> Finding:
    return Finding(code, "quantity-added", severity, "a figure was added")


# --- discovery --------------------------------------------------------------------------


def test_config_discovery_walks_up_from_the_input(tmp_path: Path) -> None:
    cfg = write(tmp_path / ".unitcheck.toml", 'fail-level = "warning"\n')
    story = write(tmp_path / "desk" / "metro" / "story.md", "The dam is 60 m tall.\n")
    assert find_config(story) == cfg
    settings, sources = load_settings(story, {})
    assert settings.fail_level is Severity.WARNING
    assert sources["fail-level"] == str(cfg)
    assert sources.config_file == str(cfg)


def test_config_discovery_nearest_file_wins(tmp_path: Path) -> None:
    write(tmp_path / ".unitcheck.toml", 'fail-level = "warning"\n')
    near = write(tmp_path / "desk" / "unitcheck.toml", 'fail-level = "info"\n')
    assert find_config(tmp_path / "desk" / "story.txt") == near


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        # the dotted name beats the plain one in the same folder
        ((".unitcheck.toml", "unitcheck.toml", "pyproject.toml"), ".unitcheck.toml"),
        # the plain name beats pyproject.toml
        (("unitcheck.toml", "pyproject.toml"), "unitcheck.toml"),
        # pyproject.toml with the table is used
        (("pyproject.toml",), "pyproject.toml"),
    ],
)
def test_config_discovery_order_in_one_folder(
    tmp_path: Path, names: tuple[str, ...], expected: str
) -> None:
    for name in names:
        body = "[tool.unitcheck]\n" if name == "pyproject.toml" else ""
        write(tmp_path / name, body + 'min-level = "warning"\n')
    assert find_config(tmp_path) == tmp_path / expected


def test_config_discovery_skips_pyproject_without_table(tmp_path: Path) -> None:
    outer = write(tmp_path / "pyproject.toml", '[tool.unitcheck]\nmin-level = "error"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path / "sub" / "a.md") == outer
    settings, _ = load_settings(tmp_path / "sub" / "a.md", {})
    assert settings.min_level is Severity.ERROR


def test_config_discovery_none_found_gives_defaults(tmp_path: Path) -> None:
    # tmp_path sits under /tmp; nothing above it is expected to carry a unitcheck config
    settings, sources = load_settings(tmp_path / "a.txt", {})
    if sources.config_file is None:
        assert settings == Settings()
        assert set(sources.values()) == {"default"}


def test_config_no_config_ignores_files(tmp_path: Path) -> None:
    write(tmp_path / ".unitcheck.toml", 'fail-level = "info"\n')
    settings, sources = load_settings(tmp_path, {}, isolated=True)
    assert settings.fail_level is Severity.ERROR
    assert sources.config_file is None


def test_config_explicit_file_used_instead_of_search(tmp_path: Path) -> None:
    write(tmp_path / ".unitcheck.toml", 'fail-level = "info"\n')
    other = write(tmp_path / "ci" / "strict.toml", 'fail-level = "warning"\n')
    settings, sources = load_settings(tmp_path, {}, config_file=other)
    assert settings.fail_level is Severity.WARNING
    assert sources["fail-level"] == str(other)
    assert settings.root == str(Path.cwd())  # --config globs are relative to the CWD


# --- precedence -------------------------------------------------------------------------


def test_config_command_line_wins_over_file(tmp_path: Path) -> None:
    write(tmp_path / ".unitcheck.toml", 'fail-level = "info"\ntolerance = 2\n')
    settings, sources = load_settings(
        tmp_path, {"fail_level": "warning", "tolerance": None, "ton": "metric"}
    )
    assert settings.fail_level is Severity.WARNING
    assert sources["fail-level"] == "command line"
    assert settings.tolerance == 2.0  # None means "flag not given"
    assert sources["tolerance"] == str(tmp_path / ".unitcheck.toml")
    assert (settings.ton, sources["locale.ton"]) == ("metric", "command line")


def test_config_command_line_ignore_adds_to_file(tmp_path: Path) -> None:
    write(tmp_path / ".unitcheck.toml", 'ignore = ["UC301"]\n')
    settings, sources = load_settings(tmp_path, {"ignore": "UC302,bound-reversed"})
    assert settings.ignore == {"UC301", "UC302", "UC201"}
    assert sources["ignore"].endswith("+ command line")


def test_config_fail_level_never() -> None:
    settings, _ = load_settings(Path("."), {"fail-level": "never"}, isolated=True)
    assert settings.fail_level is None
    assert 'fail-level = "never"' in show(settings, {})


# --- values -----------------------------------------------------------------------------


def test_config_full_file_parses(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        """
[tool.unitcheck]
fail-level = "warning"
min-level = "warning"
ignore = ["quantity-dropped"]
select = ["UC1", "UC2"]
tolerance = 1.5
exclude = ["archive/**"]
extend-exclude = ["*.draft.md"]
output-format = ["text", "sarif:out.sarif"]

[tool.unitcheck.severity]
UC302 = "warning"
ambiguous-unit = "error"

[tool.unitcheck.locale]
gallon = "imperial"
ton = "long"

[tool.unitcheck.per-file-ignores]
"wire/*.txt" = ["UC210"]
""",
    )
    s, _ = load_settings(tmp_path, {})
    assert s.fail_level is Severity.WARNING and s.min_level is Severity.WARNING
    assert dict(s.severity) == {"UC302": Severity.WARNING, "UC210": Severity.ERROR}
    assert s.ignore == {"UC301"}
    assert s.select is not None and "UC101" in s.select and "UC301" not in s.select
    assert (s.tolerance, s.gallon, s.ton) == (1.5, "imperial", "long")
    assert s.exclude == ("archive/**",) and s.extend_exclude == ("*.draft.md",)
    assert s.per_file_ignores == (("wire/*.txt", frozenset({"UC210"})),)
    assert s.output_format == ("text", "sarif:out.sarif")
    assert s.root == str(tmp_path)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        # a misspelt key gets a suggestion
        ('fail-levle = "error"\n', "unknown key 'fail-levle'; did you mean 'fail-level'?"),
        # snake case is not the file's spelling, but close enough to suggest
        ('min_level = "info"\n', "did you mean 'min-level'?"),
        # a misspelt locale key
        ('[locale]\ngalon = "us"\n', "did you mean 'locale.gallon'?"),
        # a misspelt level
        ('fail-level = "warn"\n', "fail-level: unknown level 'warn'; did you mean 'warning'?"),
        # min-level has no "never"
        ('min-level = "never"\n', "min-level: unknown level 'never'"),
        # a wrong type
        ("fail-level = 3\n", "fail-level: must be one of"),
        # an unknown code, with a suggestion
        ('ignore = ["UC31"]\n', "ignore: unknown code 'UC31'"),
        ('ignore = ["quantity-add"]\n', "did you mean 'quantity-added'?"),
        # a string where a list is expected
        ('ignore = "UC301"\n', "ignore: must be a list of strings"),
        # severity values are checked
        ('[severity]\nUC302 = "loud"\n', "severity.UC302: must be one of error, warning, info"),
        # ALL is not a code to re-grade
        ('[severity]\nALL = "info"\n', "severity.ALL: unknown code 'ALL'"),
        # tolerance must be positive
        ("tolerance = 0\n", "tolerance: must be a positive number"),
        # a boolean is not a number
        ("tolerance = true\n", "tolerance: must be a number"),
        # locale values are checked
        ('[locale]\nton = "metric ton"\n', "locale.ton: unknown value 'metric ton'"),
        # per-file ignores need lists of codes
        ('[per-file-ignores]\n"a/*" = "UC101"\n', "per-file-ignores.a/*: must be a list of codes"),
        # locale must be a table
        ('locale = "en-GB"\n', "locale: must be a table"),
    ],
)
def test_config_bad_file_is_an_error(tmp_path: Path, body: str, message: str) -> None:
    cfg = write(tmp_path / ".unitcheck.toml", body)
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path, {})
    assert message in str(info.value)
    assert str(info.value).startswith(str(cfg))
    assert isinstance(info.value, UnitcheckError) and isinstance(info.value, ValueError)


def test_config_invalid_toml_names_the_file(tmp_path: Path) -> None:
    cfg = write(tmp_path / "unitcheck.toml", "fail-level = \n")
    with pytest.raises(ConfigError, match="not valid TOML") as info:
        load_settings(tmp_path, {})
    assert info.value.path == str(cfg)


def test_config_pyproject_given_without_table(tmp_path: Path) -> None:
    cfg = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"no \[tool.unitcheck\] table"):
        load_settings(tmp_path, {}, config_file=cfg)


def test_config_unknown_override_is_an_error() -> None:
    with pytest.raises(ConfigError, match="command line: unknown setting 'fail'"):
        load_settings(Path("."), {"fail": "error"}, isolated=True)


def test_config_bad_override_names_the_command_line() -> None:
    with pytest.raises(ConfigError, match="command line: tolerance: must be a number"):
        load_settings(Path("."), {"tolerance": "lots"}, isolated=True)


def test_config_settings_checks_its_own_values() -> None:
    with pytest.raises(ValueError, match="tolerance"):
        Settings(tolerance=-1.0)
    with pytest.raises(ValueError, match="ton"):
        Settings(ton="metric ton")


# --- show -------------------------------------------------------------------------------


def test_config_show_names_every_source_and_is_toml(tmp_path: Path) -> None:
    cfg = write(
        tmp_path / ".unitcheck.toml",
        'ignore = ["UC301"]\n[severity]\nUC302 = "warning"\n'
        '[per-file-ignores]\n"wire/*" = ["ALL"]\n',
    )
    settings, sources = load_settings(tmp_path, {"min-level": "warning"})
    text = show(settings, sources)
    lines = text.splitlines()
    assert lines[0] == f"# config file: {cfg}"
    assert 'min-level = "warning"  # from command line' in lines
    assert 'fail-level = "error"  # default' in lines
    assert f'ignore = ["UC301"]  # from {cfg}' in lines
    assert f'severity = {{ UC302 = "warning" }}  # from {cfg}' in lines
    assert 'select = ["ALL"]  # default' in lines
    parsed = tomllib.loads(text)
    assert parsed["per-file-ignores"] == {"wire/*": ["ALL"]}
    assert parsed["locale"] == {"gallon": "us", "ton": "short"}


def test_config_show_round_trips(tmp_path: Path) -> None:
    write(tmp_path / "a" / ".unitcheck.toml", 'select = ["UC1"]\ntolerance = 0.5\n')
    settings, sources = load_settings(tmp_path / "a", {"gallon": "imperial"})
    write(tmp_path / "b" / ".unitcheck.toml", show(settings, sources))
    again, _ = load_settings(tmp_path / "b", {})
    assert again == settings.__class__(**{**_fields(settings), "root": again.root})


def _fields(s: Settings) -> dict[str, object]:
    return {name: getattr(s, name) for name in s.__dataclass_fields__}


# --- apply ------------------------------------------------------------------------------


def test_config_apply_regrades_and_drops() -> None:
    s = Settings(
        severity=(("UC302", Severity.WARNING),),
        ignore=frozenset({"UC301"}),
    )
    kept = apply(s, [finding("UC302"), finding("UC301"), finding("UC101", Severity.ERROR)], "a.md")
    assert [(f.code, f.severity) for f in kept] == [
        ("UC302", Severity.WARNING),
        ("UC101", Severity.ERROR),
    ]


def test_config_apply_select_keeps_only_selected() -> None:
    s = Settings(select=frozenset({"UC101"}))
    kept = apply(s, [finding("UC302"), finding("UC101", Severity.ERROR)], "a.md")
    assert [f.code for f in kept] == ["UC101"]


def test_config_apply_per_file_ignores(tmp_path: Path) -> None:
    s = Settings(
        per_file_ignores=(("wire/*.txt", frozenset({"UC302"})), ("opinion", frozenset({"ALL"}))),
        root=str(tmp_path),
    )
    findings = [finding("UC302"), finding("UC101", Severity.ERROR)]
    assert [f.code for f in apply(s, findings, str(tmp_path / "wire" / "a.txt"))] == ["UC101"]
    assert apply(s, findings, str(tmp_path / "opinion" / "col.md")) == ()
    assert len(apply(s, findings, str(tmp_path / "news" / "a.txt"))) == 2


def test_config_excluded_folder_by_its_contents_glob(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    s = Settings(exclude=("archive/**",), root=str(tmp_path))
    assert s.is_excluded(str(tmp_path / "archive"))  # so a walk need not enter it


def test_config_exclude_relative_to_root(tmp_path: Path) -> None:
    s = Settings(exclude=("archive/**",), extend_exclude=("*.draft.md",), root=str(tmp_path))
    assert s.is_excluded(str(tmp_path / "archive" / "2020" / "a.md"))
    assert s.is_excluded(str(tmp_path / "news" / "b.draft.md"))
    assert not s.is_excluded(str(tmp_path / "news" / "archive.md"))


@pytest.mark.parametrize(
    ("pattern", "path", "hit"),
    [
        ("*.txt", "a.txt", True),  # a name pattern at the top
        ("*.txt", "wire/ap/a.txt", True),  # a name pattern at any depth
        ("wire/*.txt", "wire/ap/a.txt", False),  # * stays within a segment
        ("wire/**/*.txt", "wire/a.txt", True),  # ** may match no folder
        ("wire/**", "wire/ap/a.txt", True),  # ** spans folders
        ("wire", "wire/ap/a.txt", True),  # a folder covers what is below it
        ("/wire/*.txt", "wire/a.txt", True),  # a leading slash anchors, as written
        ("a?.md", "ab.md", True),  # ? is one character
        ("[ab].md", "b.md", True),  # a character class
        ("[!ab].md", "b.md", False),  # a negated class
        ("./news/*.md", "news/x.md", True),  # a leading ./ is ignored
        ("news/*.md", "sports/news/x.md", False),  # a pattern with a slash is anchored
        ("drafts/", "news/drafts/a.md", True),  # a trailing slash names folders at any depth
        ("drafts/", "drafts.md", False),  # and never a file
        ("archive/**", "archive/", True),  # a folder (asked with its "/") whose contents match
        ("wire/**/ap/*.txt", "wire/2024/05/ap/a.txt", True),  # ** in the middle
        ("*.MD", "a.md", False),  # case matters, as in git
    ],
)
def test_config_match_path(pattern: str, path: str, hit: bool) -> None:
    assert match_path(pattern, path) is hit
