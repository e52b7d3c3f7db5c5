"""The HTML report as a browser shows it: headless Chromium renders a small pair.

Chromium comes from Debian (``apt-get install chromium``); without it these tests skip.
``--dump-dom`` gives the page as the browser parsed it, and ``--screenshot`` a picture
whose pixels show whether the severity colours reach the screen. Set
``UNITCHECK_UPDATE_SCREENSHOT=1`` to also refresh ``docs/report-example.png``.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import lxml.html
import pytest

from unitcheck import extract
from unitcheck.codes import BY_CODE
from unitcheck.compare.align import align, segment
from unitcheck.model import Comparison, Finding, Quantity, Severity
from unitcheck.report import emit
from unitcheck.result import FileResult, RunResult
from unitcheck.text.reading import Document

ROOT = Path(__file__).resolve().parents[1]
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no chromium binary (apt-get install chromium)"
)

ORIGINAL = (
    "Volunteers planted 2,400 trees along a 9-mile stretch of the river last spring.\n"
    "The council said the project cost $310,000.\n"
    "\n"
    "Water temperatures fell by 2C over the summer, a survey found.\n"
    "Read more: 5 walks for the weekend\n"
)
REVISED = (
    "Volunteers planted 2,400 trees along a 9-kilometre stretch of the river last spring.\n"
    "The council said the project cost $31,000.\n"
    "\n"
    "Water temperatures fell by 2C over the summer, a survey found.\n"
)
#: Chromium's rendering of the CSS colours for an error (background, border).
ERROR_BG = (0xFD, 0xE4, 0xE2)
ERROR_EDGE = (0xB4, 0x23, 0x18)


def _q(quantities: list[Quantity], surface: str) -> Quantity:
    return next(q for q in quantities if q.text.startswith(surface))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    qa, qb = extract(ORIGINAL), extract(REVISED)
    findings = (
        Finding(
            "UC101",
            "unit-changed",
            Severity.ERROR,
            "the stretch went from miles to km",
            _q(qa, "9-mile"),
            _q(qb, "9-kilometre"),
        ),
        Finding(
            "UC102",
            "value-changed",
            Severity.ERROR,
            "$310,000 became $31,000",
            _q(qa, "$310,000"),
            _q(qb, "$31,000"),
        ),
    )
    seg_a, seg_b = segment(ORIGINAL), segment(REVISED)
    comparison = Comparison(
        ORIGINAL,
        REVISED,
        seg_a,
        seg_b,
        align(ORIGINAL, seg_a, REVISED, seg_b),
        (),
        findings,
        quantities_a=tuple(qa),  # the report renders what compare found, never extracting
        quantities_b=tuple(qb),
    )
    result = FileResult(
        "compare",
        Document("river-revised.txt", REVISED, REVISED, "text"),
        Document("river-original.txt", ORIGINAL, ORIGINAL, "text"),
        findings,
        (),
        comparison,
    )
    path = tmp_path_factory.mktemp("html") / "report.html"
    with path.open("w", encoding="utf-8") as stream:
        emit("html", RunResult("compare", (result,)), stream)
    return path


def _chromium(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    command = [
        BROWSER,
        "--headless",
        "--disable-gpu",
        "--no-sandbox",
        "--hide-scrollbars",
        f"--user-data-dir={cwd / 'profile'}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True, cwd=cwd)


def _pixels(png: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Width, height and RGB pixels of an 8-bit, non-interlaced RGB or RGBA PNG."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, data, header = 8, b"", b""
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, body = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            data += body
        pos += 12 + length
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and color in (2, 6) and interlace == 0, "unexpected PNG layout"
    channels = 3 if color == 2 else 4
    raw, stride = zlib.decompress(data), width * channels
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + pred) & 0xFF
        rows.append(line)
        previous = line
    pixels = [(row[x], row[x + 1], row[x + 2]) for row in rows for x in range(0, stride, channels)]
    return width, height, pixels


def test_html_browser_page_content(report: Path) -> None:
    dom = _chromium("--dump-dom", report.as_uri(), cwd=report.parent).stdout
    page = lxml.html.fromstring(dom)
    assert page.findtext(".//h1") == "unitcheck comparison report"
    assert "2 errors in 1 pair." in page.find_class("summary")[0].text_content()

    texts = [" ".join(td.text_content().split()) for td in page.find_class("text")]
    assert (
        "Volunteers planted 2,400 trees along a 9-mile stretch of the river last spring." in texts
    )
    assert (
        "Volunteers planted 2,400 trees along a 9-kilometre stretch of the river last spring."
        in texts
    )
    assert "The council said the project cost $31,000." in texts

    errors = sorted(m.text_content() for m in page.find_class("q-error"))
    assert errors == ["$31,000", "$310,000", "9-kilometre", "9-mile"]
    # tooltips name units as a reader writes them, never in pint's syntax
    titles = {m.text_content(): m.get("title") for m in page.iter("mark") if m.get("title")}
    assert titles["9-mile"].startswith("9 miles = 14,484 m")
    assert titles["9-kilometre"].startswith("9 km = 9,000 m")
    assert not [t for t in titles.values() if "**" in t or "_" in t]
    plain = {m.text_content() for m in page.iter("mark") if m.get("class") == "q"}
    assert "2,400 trees" in plain or "2,400" in plain

    findings = [" ".join(f.text_content().split()) for f in page.find_class("finding")]
    assert any("$310,000 became $31,000" in f and BY_CODE["UC102"].why in f for f in findings)
    assert any("the stretch went from miles to km" in f for f in findings)
    # The teaser exists in the original only: its row has no revised cell.
    only = page.xpath("//tr[contains(concat(' ', @class, ' '), ' only ')]")
    assert any("Read more" in tr.text_content() for tr in only)
    assert not page.xpath("//script")


def test_html_browser_screenshot(report: Path) -> None:
    shot = report.parent / "report.png"
    _chromium(f"--screenshot={shot}", "--window-size=1280,900", report.as_uri(), cwd=report.parent)
    width, height, pixels = _pixels(shot.read_bytes())
    assert (width, height) == (1280, 900)
    assert len(set(pixels[::97])) > 20  # not a blank page
    near = [p for p in pixels if all(abs(c - e) <= 3 for c, e in zip(p, ERROR_BG, strict=True))]
    assert len(near) > 2000, "no error highlight visible"
    assert ERROR_EDGE in set(pixels), "no error border visible"
    if os.environ.get("UNITCHECK_UPDATE_SCREENSHOT"):
        shutil.copyfile(shot, ROOT / "docs" / "report-example.png")


#: Copy and file names that would run script if the report let them through (issue 13).
HOSTILE = (
    "The relief road is 42 miles long <script>document.body.setAttribute('data-pwned',"
    "'script')</script>.\nIt cost $3m <img src=x onerror=\"document.body.setAttribute("
    "'data-pwned','img')\"> and took <svg onload=\"document.body.setAttribute('data-pwned',"
    "'svg')\"> 3 years. <a href=\"javascript:document.body.setAttribute('data-pwned',"
    "'link')\">map</a>\n"
)
HOSTILE_NAME = "<img src=x onerror=\"document.body.setAttribute('data-pwned','name')\">\udce9.txt"


def test_html_browser_runs_scripts_at_all(tmp_path: Path) -> None:
    # the control: in this harness a real script does run, so the next test means something
    page = tmp_path / "control.html"
    page.write_text(
        "<html><body><script>document.body.setAttribute('data-pwned','control')</script>"
        "</body></html>",
        encoding="utf-8",
    )
    dom = _chromium("--dump-dom", page.as_uri(), cwd=tmp_path).stdout
    assert lxml.html.fromstring(dom).body.get("data-pwned") == "control"


@pytest.mark.parametrize("command", ["compare", "lint"])
def test_html_browser_hostile_input_does_not_run(tmp_path: Path, command: str) -> None:
    from unitcheck import compare, lint

    revised = HOSTILE.replace("42 miles", "42 km")
    doc_b = Document(HOSTILE_NAME, revised, revised, "text")
    if command == "compare":
        doc_a = Document("javascript:alert(1)<script>x</script>.txt", HOSTILE, HOSTILE, "text")
        comparison = compare(HOSTILE, revised)
        result = FileResult("compare", doc_b, doc_a, comparison.findings, (), comparison)
    else:
        result = FileResult("lint", doc_b, None, tuple(lint(revised)))
    path = tmp_path / "report.html"
    with path.open("w", encoding="utf-8") as stream:
        emit("html", RunResult(command, (result,)), stream)
    dom = _chromium("--dump-dom", "--virtual-time-budget=1000", path.as_uri(), cwd=tmp_path).stdout
    page = lxml.html.fromstring(dom)
    assert page.body.get("data-pwned") is None, "script from the input ran"
    assert not page.xpath("//script | //img | //svg | //iframe | //a[not(starts-with(@href, '#'))]")
    text = page.text_content()
    assert "<script>document.body.setAttribute" in text  # shown as text, not dropped
    assert "onerror=" in text and "javascript:" in text
