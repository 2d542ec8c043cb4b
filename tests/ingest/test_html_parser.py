"""HTML pages as CQC publishes them: one quality statement per page, boilerplate dropped."""

from ingest import parse_bytes

PAGE = """<!doctype html><html><head><title>Fictional Vale Council: local authority assessment - Care Quality Commission</title>
<style>body { color: red }</style><script>window.track = "cookie";</script></head>
<body><div class="cookie-banner">We use cookies. Accept all cookies</div>
<header><a href="/">Care Quality Commission</a></header>
<nav><ul><li><a href="/a">Home</a></li><li>Find a service</li></ul></nav>
<nav class="breadcrumb">Home &gt; Local authorities</nav>
<main>
<h1>Fictional Vale Council</h1>
<p>This report is fictional test data.</p>
<h2>Safeguarding</h2>
<p>Score: 2</p><p>2 - Evidence shows some shortfalls</p>
<h3>What people expect</h3><p>I feel safe.</p>
<h3>Key findings for this quality statement</h3>
<h3>Responding to concerns</h3>
<p>The council received 812 concerns in 2023/24 &amp; answered <b>most</b> quickly.</p>
<ul><li>First point about &lt;script&gt; text.</li><li>Second point.</li></ul>
</main>
<footer>Care Quality Commission, Citygate, Newcastle. Contact us.</footer>
<script>alert("x")</script></body></html>"""


def test_headings_sections_and_score() -> None:
    report = parse_bytes(PAGE.encode(), "vale-safeguarding.html")
    assert report.authority == "Fictional Vale Council"
    body = {s.heading_path: s for s in report.sections}
    finding = body[("Safeguarding", "Responding to concerns")]
    assert (
        finding.score == 2
        and finding.theme == "How the local authority ensures safety within the system"
    )
    assert "812 concerns in 2023/24 & answered most quickly." in finding.text
    assert "<script> text" in finding.text  # markup in text stays text


def test_boilerplate_scripts_and_styles_are_dropped() -> None:
    report = parse_bytes(PAGE.encode(), "vale.html")
    everything = report.text
    for junk in (
        "cookies",
        "Find a service",
        "window.track",
        "alert(",
        "color: red",
        "Citygate",
        "Local authorities",
    ):
        assert junk not in everything
    for s in report.sections:
        assert report.text[s.char_start : s.char_end] == s.text
