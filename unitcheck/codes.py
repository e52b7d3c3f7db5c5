"""The single catalogue of finding codes.

Codes are stable: a code, once released, keeps its meaning. UC1xx are errors a reader
would be misled by, UC2xx are warnings worth a look, UC3xx are information.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Severity

#: Where each code is documented: ``docs/codes.md`` in the repository, one section per
#: code under a heading that is the code itself, so ``#uc101`` is its stable anchor.
#: The one place to change when the documentation moves.
DOCS_URL = "https://github.com/unitcheck/unitcheck/blob/main/docs/codes.md"


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    example: str
    fix: str

    @property
    def url(self) -> str:
        """The documentation of this code: ``DOCS_URL#uc101``."""
        return f"{DOCS_URL}#{self.code.lower()}"


CATALOG: tuple[Code, ...] = (
    Code("UC101", "unit-changed", Severity.ERROR,
         "The unit changed but the number did not.",
         "A number kept with a different unit says something else: 30 miles is not 30 km.",
         "400 square miles -> 400m2", "Convert the number, or restore the original unit."),
    Code("UC102", "value-changed", Severity.ERROR,
         "The number changed beyond what rounding explains.",
         "A typo or an edit slip in a figure is the commonest error in reprinted copy.",
         "4.5% -> 45%", "Restore the original figure."),
    Code("UC103", "dimension-changed", Severity.ERROR,
         "The quantity now measures something else (a length became an area).",
         "Miles and square miles cannot be converted into each other.",
         "400 miles -> 400 square miles", "Restore the original unit."),
    Code("UC104", "conversion-wrong", Severity.ERROR,
         "A converted figure does not match the figure it converts.",
         "Wrong factors (linear for area, no offset for temperature) are easy to miss.",
         "600 miles (1,600km)", "Recompute the conversion: 600 miles is about 966 km."),
    Code("UC201", "bound-reversed", Severity.WARNING,
         "A bound turned around: 'more than' became 'fewer than', or the reverse.",
         "The figure is the same but the claim is the opposite.",
         "more than 400 -> fewer than 400", "Restore the original bound."),
    Code("UC202", "percent-vs-points", Severity.WARNING,
         "Percent and percentage points were swapped.",
         "A rise of 5 percentage points is not a rise of 5 percent.",
         "up 5 percentage points -> up 5%", "Use the unit of the original."),
    Code("UC203", "ton-variant", Severity.WARNING,
         "Short ton, metric tonne and long ton were swapped.",
         "The three differ by up to 12 percent.",
         "5 tons -> 5 tonnes", "Say which ton, and convert if needed."),
    Code("UC204", "bits-vs-bytes", Severity.WARNING,
         "Bits and bytes were swapped (Gb vs GB).",
         "A byte is eight bits.",
         "5GB -> 5Gb", "Use the unit of the original."),
    Code("UC205", "currency-changed", Severity.WARNING,
         "The currency changed but the amount did not.",
         "$50 and £50 are different sums; no exchange rate makes them equal.",
         "NT$1,500 -> US$1,500", "Restore the currency, or convert at a stated rate."),
    Code("UC210", "ambiguous-unit", Severity.WARNING,
         "A reader cannot tell which unit is meant.",
         "'400m' may be metres or million; 'tons' may be short or metric. In compare, a "
         "bare '24 degrees' that an edit gives a scale (or a scale an edit drops) keeps "
         "the figure but asserts, or loses, what it measures.",
         "a 400m project; 18 degrees -> 18 degrees Celsius", "Spell the unit out."),
    Code("UC220", "implausible-magnitude", Severity.WARNING,
         "The magnitude is absurd for what it measures.",
         "A territory is not the size of a flat; a unit was probably mangled.",
         "forces occupied 400m2 of the country", "Check the unit against the source."),
    Code("UC301", "quantity-dropped", Severity.INFO,
         "A quantity of the original is missing from aligned revised text.",
         "Usually a cut; sometimes a figure lost in an edit.",
         "'rose 5% to 300' -> 'rose to 300'", "Nothing, if the cut was meant."),
    Code("UC302", "quantity-added", Severity.INFO,
         "The revised text has a quantity the original did not.",
         "New figures in an edit deserve a source check.",
         "'rose' -> 'rose 5%'", "Nothing, if the figure is sourced."),
    Code("UC303", "conversion-verified", Severity.INFO,
         "A conversion was added or substituted and it is right.",
         "Tells the editor the added figure was checked.",
         "600-mile -> 600-mile (965km)", "Nothing."),
    Code("UC401", "unused-suppression", Severity.WARNING,
         "A suppression comment silenced nothing.",
         "A stale ignore comment would hide the next real problem in that block.",
         "<!-- unitcheck: ignore[UC101] --> above a paragraph with no UC101",
         "Remove the comment, or move it above the block it was meant for."),
)

BY_CODE: dict[str, Code] = {c.code: c for c in CATALOG}
BY_NAME: dict[str, Code] = {c.name: c for c in CATALOG}


def url(code: str) -> str | None:
    """The documentation URL of *code* ("UC101"), None for a code not in the catalogue."""
    entry = BY_CODE.get(code)
    return entry.url if entry is not None else None


def markdown() -> str:
    """The text of ``docs/codes.md``: one section per code, its heading the code itself.

    A test keeps the file and the catalogue in step.
    """
    lines = [
        "# Finding codes",
        "",
        "<!-- Generated from unitcheck/codes.py by unitcheck.codes.markdown(); do not edit. -->",
        "",
        "Codes are stable: once released, a code keeps its meaning. UC1xx are errors a",
        "reader would be misled by, UC2xx warnings worth a look, UC3xx information, UC4xx",
        "notes about unitcheck's own directives. Each section's anchor is the code in",
        "lower case (`codes.md#uc104`); SARIF `helpUri` and rdjsonl `code.url` link here.",
        "",
        "| code | name | severity | summary |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| [{c.code}](#{c.code.lower()}) | `{c.name}` | {c.severity} | {c.summary} |"
        for c in CATALOG
    ]
    for c in CATALOG:
        lines += [
            "",
            f"## {c.code}",
            "",
            f"**`{c.name}`** \u00b7 {c.severity}",
            "",
            c.summary,
            "",
            f"**Why it matters.** {c.why}",
            "",
            f"**Example:** `{c.example}`",
            "",
            f"**Fix.** {c.fix}",
        ]
    return "\n".join(lines) + "\n"


def lookup(code_or_name: str) -> Code:
    """Find a code by its code ("UC101") or its name ("unit-changed")."""
    key = code_or_name.strip()
    found = BY_CODE.get(key.upper()) or BY_NAME.get(key.lower())
    if found is None:
        raise KeyError(code_or_name)
    return found
