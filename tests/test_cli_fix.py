"""``lint --fix``: a fixed copy beside the file, never over an input, never from stdin."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from unitcheck import cli
from unitcheck.cli import main
from unitcheck.lint.rules import Linted
from unitcheck.model import Finding, Quantity, Severity

STORY = "The relay covered 600 miles (965km) in four days.\n"


def _fake_lint(wrong: str, better: str, *, safe: bool = True):  # type: ignore[no-untyped-def]
    """A lint job that flags the first *wrong* in the text and suggests *better*."""

    def job(args: tuple[str, float, str | None, str]) -> Linted:
        text = args[0]
        start = text.find(wrong)
        if start < 0:
            return Linted((), (), ())
        q = Quantity(wrong, start, start + len(wrong), 965.0, "kilometer", "measure")
        message = "600 miles is about 966 km"
        code, name = "UC104", "conversion-wrong"
        found = Finding(code, name, Severity.ERROR, message, None, q, better, safe)
        return Linted((found,), (q,), ())

    return job


@pytest.fixture
def fake_lint(monkeypatch: pytest.MonkeyPatch) -> None:
    # -j 1 runs the job in this process, so the module attribute is what runs
    monkeypatch.setattr(cli, "_lint_job", _fake_lint("965km", "966 km"))


def test_fix_writes_a_copy_beside_the_file(
    runner: CliRunner, tmp_path: Path, fake_lint: None
) -> None:
    story = tmp_path / "story.md"
    story.write_text(STORY, encoding="utf-8")
    result = runner.invoke(main, ["lint", "--fix", str(story)])
    assert result.exit_code == 1  # the finding is still reported: the input is unchanged
    assert story.read_text(encoding="utf-8") == STORY
    fixed = tmp_path / "story.fixed.md"
    assert fixed.read_text(encoding="utf-8") == STORY.replace("965km", "966 km")
    assert f"1 fix written to {fixed}" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.fixed.md", "story.md"]  # no temp


def test_fix_in_place_keeps_bom_and_line_endings(
    runner: CliRunner, tmp_path: Path, fake_lint: None
) -> None:
    story = tmp_path / "story.txt"
    raw = b"\xef\xbb\xbf" + STORY.replace("\n", "\r\n").encode("utf-8") + b"Next line.\r\n"
    story.write_bytes(raw)
    result = runner.invoke(main, ["lint", "--fix", "--in-place", str(story)])
    assert result.exit_code == 1, result.output
    assert story.read_bytes() == raw.replace(b"965km", b"966 km")


def test_fix_to_a_named_file(runner: CliRunner, tmp_path: Path, fake_lint: None) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    out = tmp_path / "out" / "clean.txt"
    out.parent.mkdir()
    assert runner.invoke(main, ["lint", "--fix-to", str(out), str(story)]).exit_code == 1
    assert "966 km" in out.read_text(encoding="utf-8")


def test_fix_html_maps_the_span_into_the_source(
    runner: CliRunner, tmp_path: Path, fake_lint: None
) -> None:
    page = tmp_path / "page.html"
    source = "<html><body><nav>Home</nav><p>The relay covered 600 miles (<b>965km</b>).</p>\n"
    page.write_text(source, encoding="utf-8")
    assert runner.invoke(main, ["lint", "--fix", str(page)]).exit_code == 1
    fixed = (tmp_path / "page.fixed.html").read_text(encoding="utf-8")
    assert fixed == source.replace("965km", "966 km")


def test_fix_leaves_spans_with_markup_inside_alone(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "965&nbsp;km" in the source is "965\xa0km" in the text: rewriting it could break markup
    monkeypatch.setattr(cli, "_lint_job", _fake_lint("965\xa0km", "966 km"))
    page = tmp_path / "page.html"
    page.write_text("<p>The relay covered 600 miles (965&nbsp;km).</p>\n", encoding="utf-8")
    result = runner.invoke(main, ["lint", "--fix", str(page)])
    assert "nothing to fix" in result.stderr
    assert not (tmp_path / "page.fixed.html").exists()


def test_fix_unsafe_suggestions_need_unsafe_fixes(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_lint_job", _fake_lint("965km", "966 km", safe=False))
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    runner.invoke(main, ["lint", "--fix", str(story)])
    assert not (tmp_path / "story.fixed.txt").exists()
    runner.invoke(main, ["lint", "--fix", "--unsafe-fixes", str(story)])
    assert "966 km" in (tmp_path / "story.fixed.txt").read_text(encoding="utf-8")


def test_fix_refuses_stdin_on_one_line(runner: CliRunner) -> None:
    result = runner.invoke(main, ["lint", "--fix", "-"], input=STORY)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "standard input" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--fix-to", "{story}"],  # --fix-to over the input itself
        ["--fix", "{other}"],  # story.fixed.txt is also an input
        ["--fix", "-o", "json:{fixed}"],  # the report would go where the copy goes
    ],
)
def test_fix_never_writes_over_an_input_or_a_report(
    runner: CliRunner, tmp_path: Path, fake_lint: None, args: list[str]
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    other = tmp_path / "story.fixed.txt"
    other.write_text("The bridge is 40 metres long.\n", encoding="utf-8")
    names = {"story": story, "other": other, "fixed": other}
    argv = ["lint", *(a.format(**names) for a in args), str(story)]
    result = runner.invoke(main, argv)
    assert result.exit_code == 2, result.output
    assert "refusing" in result.output
    assert story.read_text(encoding="utf-8") == STORY
    assert other.read_text(encoding="utf-8") == "The bridge is 40 metres long.\n"


def test_fix_flag_combinations_are_usage_errors(runner: CliRunner, tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    for p in (a, b):
        p.write_text(STORY, encoding="utf-8")
    assert runner.invoke(main, ["lint", "--in-place", str(a)]).exit_code == 2
    two = ["lint", "--fix-to", str(tmp_path / "c.txt"), str(a), str(b)]
    assert runner.invoke(main, two).exit_code == 2
    assert runner.invoke(main, ["lint", "--fix-to", "x.txt", "--in-place", str(a)]).exit_code == 2


def test_fix_applies_a_real_lint_suggestion(runner: CliRunner, tmp_path: Path) -> None:
    # lint knows 40 hectares is about 99 acres: the one sensible reading, so a safe fix
    story = tmp_path / "farm.md"
    text = "# Farm\n\nThe farm spans 40 hectares (40 acres) of orchards.\n"
    story.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["lint", "--fix", str(story)])
    assert result.exit_code == 1 and "UC104" in result.stdout
    fixed = (tmp_path / "farm.fixed.md").read_text(encoding="utf-8")
    before, after = text.split("(40 acres)")
    assert fixed.startswith(before + "(") and fixed.endswith(") of orchards.\n")
    assert "40 acres" not in fixed and "acres" in fixed
    assert story.read_text(encoding="utf-8") == text
    rerun = runner.invoke(main, ["lint", str(tmp_path / "farm.fixed.md")])
    assert "UC104" not in rerun.stdout  # the fixed copy passes


def test_fix_on_a_folder_twice_replaces_its_own_copies(
    runner: CliRunner, tmp_path: Path, fake_lint: None
) -> None:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    for _ in range(2):  # the second run must not lint, fix or refuse the first run's copy
        result = runner.invoke(main, ["lint", "--fix", str(tmp_path)])
        assert result.exit_code == 1, result.output
        assert "1 file." in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.fixed.txt", "story.txt"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
