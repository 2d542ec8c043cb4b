"""Render a Markdown report as CQC publishes it: HTML pages (one per quality statement,
inside the site's boilerplate) and a PDF (title page, running header and footer).

`markdown_to_html_pages` and `markdown_to_pdf` are pure: text in, text or bytes out.
`write_report` is the only function that touches the disk. The boilerplate (cookie
banner, navigation, breadcrumbs, footer, script, style) is there for the parser to drop;
it imitates the shape of CQC's pages, not their wording, and links nowhere real.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from eval.corpus.document import Block, ReportDocument, StatementPart, read_report

FORMATS: tuple[str, ...] = ("md", "html", "pdf")
FOOTER_ORG = "Care Quality Commission"


def slugify(text: str) -> str:
    """Lower case, hyphens between words: "Care provision, integration" -> "care-provision-integration"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# ---------------------------------------------------------------- HTML

_STYLE = """
body { font-family: Arial, sans-serif; margin: 0; color: #0b0c0c; }
.cookie-banner { background: #f3f2f1; padding: 1rem 2rem; }
.site-header { background: #00263e; color: #fff; padding: 1rem 2rem; }
main { max-width: 48rem; margin: 2rem auto; line-height: 1.5; }
.site-footer { border-top: 4px solid #00263e; padding: 2rem; font-size: 0.875rem; }
"""
_SCRIPT = """
(function () {
  var banner = document.getElementById('cookie-banner');
  if (document.cookie.indexOf('cookies_policy=') !== -1 && banner) { banner.hidden = true; }
  document.querySelectorAll('.cookie-banner button').forEach(function (b) {
    b.addEventListener('click', function () { document.cookie = 'cookies_policy=' + b.value + '; path=/'; banner.hidden = true; });
  });
})();
"""
_NAV_LINKS = (
    ("/find-a-care-service", "Find a care service"),
    ("/local-authority-assessments", "Local authority assessments"),
    ("/guidance-providers", "Guidance for providers"),
    ("/publications", "Publications"),
    ("/about-us", "About us"),
    ("/contact-us", "Contact us"),
)
_FOOTER_LINKS = (
    ("/about-us", f"About the {FOOTER_ORG}"),
    ("/contact-us", f"Contact the {FOOTER_ORG}"),
    ("/accessibility", "Accessibility statement"),
    ("/privacy", "Privacy notice"),
    ("/cookies", "Cookies"),
    ("/careers", f"Careers at the {FOOTER_ORG}"),
)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _links(pairs: Iterable[tuple[str, str]]) -> str:
    return "".join(f'<li><a href="{_e(href)}">{_e(label)}</a></li>' for href, label in pairs)


def _page_html(doc: ReportDocument, part: StatementPart, stems: dict[str, str]) -> str:
    contents = _links((f"{stems[s.name]}.html", s.name) for s in doc.statements)
    body = "\n".join(
        f"<h3>{_e(b.text)}</h3>" if b.kind == "heading" else f"<p>{_e(b.text)}</p>"
        for b in part.blocks
    )
    front = "\n".join(f"<p>{_e(p)}</p>" for p in doc.front)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(doc.title)}</title>
<style>{_STYLE}</style>
<script>window.dataLayer = window.dataLayer || []; window.dataLayer.push({{'page_type': 'la-assessment'}});</script>
</head>
<body>
<div id="cookie-banner" class="cookie-banner" role="region" aria-label="Cookies on this website">
<p>We use some essential cookies to make this website work. We would also like to use analytics cookies to understand how you use the site.</p>
<button type="button" value="accept">Accept analytics cookies</button>
<button type="button" value="reject">Reject analytics cookies</button>
<a href="/cookies">View cookies</a>
</div>
<a href="#main-content" class="skip-link">Skip to main content</a>
<header class="site-header"><a href="/" class="site-name">{FOOTER_ORG}</a>
<form class="site-search" action="/search" role="search"><label for="q">Search</label><input id="q" name="q" type="search"></form>
</header>
<nav class="primary-navigation" aria-label="Main menu"><ul>{_links(_NAV_LINKS)}</ul></nav>
<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>{_links((("/", "Home"), ("/local-authority-assessments", "Local authority assessments"), (f"{stems[doc.statements[0].name]}.html", doc.authority)))}<li aria-current="page">{_e(part.name)}</li></ol></nav>
<main id="main-content">
<h1>{_e(doc.authority)}</h1>
{front}
<nav class="report-navigation" aria-label="Quality statements"><ul>{contents}</ul></nav>
<p class="theme-caption">{_e(part.theme)}</p>
<h2>{_e(part.name)}</h2>
<p>{_e(part.score_line)}</p>
<p>{_e(part.meaning_line)}</p>
{body}
</main>
<div class="feedback-form"><p>Is this page useful?</p><button type="button">Yes</button><button type="button">No</button></div>
<footer class="site-footer"><ul>{_links(_FOOTER_LINKS)}</ul>
<p>A page in the layout of the {FOOTER_ORG} website, made for cqc-rag benchmarks.</p></footer>
<script>{_SCRIPT}</script>
</body>
</html>
"""


def markdown_to_html_pages(markdown: str) -> list[tuple[str, str]]:
    """(file stem, page) per quality statement, e.g. "northmere-borough-council-assessing-needs"."""
    doc = read_report(markdown)
    stems = {s.name: f"{slugify(doc.authority)}-{slugify(s.name)}" for s in doc.statements}
    return [(stems[part.name], _page_html(doc, part, stems)) for part in doc.statements]


# ---------------------------------------------------------------- PDF

# Core fonts (Helvetica) only encode Latin-1, and report text has typographic quotes and
# dashes: map those to ASCII rather than embed a TTF, which would triple the file size.
_ASCII = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "–": "-",
        "—": "-",
        "‒": "-",
        "−": "-",
        "…": "...",
        "•": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": "",
    }
)


def to_pdf_text(text: str) -> str:
    """Text Helvetica can draw: typographic punctuation made ASCII, anything else non-Latin-1 as '?'."""
    return text.translate(_ASCII).encode("latin-1", "replace").decode("latin-1")


class _ReportPDF(FPDF):
    def __init__(self, running_title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.running_title = to_pdf_text(running_title)
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(auto=True, margin=22)

    def header(self) -> None:
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90)
        self.cell(0, 5, self.running_title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(6)
        self.set_text_color(0)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90)
        # "{nb}" is fpdf2's alias for the page count, filled in when the file is written.
        self.cell(0, 5, f"{FOOTER_ORG} - page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0)

    def heading(self, text: str, size: float) -> None:
        # A heading in the last 3 cm of a page would be stranded from its paragraph.
        if self.get_y() > self.h - self.b_margin - 30:
            self.add_page()
        self.ln(2)
        self.set_font("Helvetica", "B", size)
        self._lines(text, size * 0.5)
        self.ln(2)

    def paragraph(self, text: str) -> None:
        self.set_font("Helvetica", "", 10.5)
        self._lines(text, 5.2)
        self.ln(3)

    def _lines(self, text: str, height: float) -> None:
        # Our own wrapping, one `cell` per line: fpdf2's multi_cell re-measures the line
        # for every character, which made a 13,000-word report take 0.5 s instead of 0.1 s.
        widths: dict[str, float] = {}

        def measure(word: str) -> float:
            if word not in widths:
                widths[word] = self.get_string_width(word)
            return widths[word]

        for line in wrap_words(to_pdf_text(text), self.epw, measure):
            self.cell(0, height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def wrap_words(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Greedy word wrap: as many words per line as fit in `width` (a longer word stands alone)."""
    space = measure(" ")
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in text.split():
        w = measure(word)
        if line and used + space + w > width:
            lines.append(" ".join(line))
            line, used = [], 0.0
        used += (space if line else 0.0) + w
        line.append(word)
    if line:
        lines.append(" ".join(line))
    return lines


def _pdf_block(pdf: _ReportPDF, block: Block) -> None:
    if block.kind == "heading":
        pdf.heading(block.text, 11.5)
    else:
        pdf.paragraph(block.text)


def markdown_to_pdf(markdown: str) -> bytes:
    """The report as a text-extractable PDF: title page, then each theme and statement."""
    doc = read_report(markdown)
    pdf = _ReportPDF(doc.title)
    pdf.set_title(to_pdf_text(doc.title))
    pdf.set_author(FOOTER_ORG)
    pdf.add_page()
    pdf.ln(30)
    pdf.heading(doc.authority, 24)
    pdf.set_font("Helvetica", "", 15)
    pdf.cell(0, 9, "Local authority assessment", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(10)
    for para in doc.front:
        pdf.paragraph(para)
    theme = ""
    for part in doc.statements:
        pdf.add_page()
        if part.theme and part.theme != theme:
            theme = part.theme
            pdf.heading(theme, 15)
        pdf.heading(part.name, 14)
        pdf.paragraph(part.score_line)
        pdf.paragraph(part.meaning_line)
        for block in part.blocks:
            _pdf_block(pdf, block)
    return bytes(pdf.output())


# ---------------------------------------------------------------- files


def write_report(
    markdown: str, out_dir: Path, formats: Iterable[str] = FORMATS, stem: str | None = None
) -> tuple[Path, ...]:
    """Write the report in each format under `out_dir`: `<stem>.md`, `<stem>.pdf`, and a
    `<stem>/` folder of HTML pages. `stem` defaults to the authority's slug."""
    wanted = tuple(formats)
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise ValueError(
            f"unknown or no format(s) {unknown or wanted!r}; choose from {', '.join(FORMATS)}"
        )
    authority = read_report(markdown).authority  # refuse malformed text before writing any
    stem = stem or slugify(authority)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for fmt in wanted:
        if fmt == "md":
            path = out_dir / f"{stem}.md"
            path.write_text(markdown, encoding="utf-8")
            written.append(path)
        elif fmt == "pdf":
            path = out_dir / f"{stem}.pdf"
            path.write_bytes(markdown_to_pdf(markdown))
            written.append(path)
        else:
            folder = out_dir / stem
            folder.mkdir(exist_ok=True)
            for page_stem, page in markdown_to_html_pages(markdown):
                path = folder / f"{page_stem}.html"
                path.write_text(page, encoding="utf-8")
                written.append(path)
    return tuple(written)
