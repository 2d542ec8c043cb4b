"""The page's CSS, its one small script, and the theme (system fonts: nothing fetched).

Kept apart from the layout in `ui.app` so the look can change without touching handlers.
The script only rewrites what the Chatbot's copy buttons put on the clipboard; it adds no
behaviour that the server relies on.
"""

from __future__ import annotations

from typing import Any

CSS = """
/* A report line of 20,000 characters without a space must wrap, not run off the card. */
.cqc-text, .cqc-answer { overflow-wrap: anywhere; }
.cqc-answer { line-height: 1.55; }
a.cqc-cite { font-weight: 600; text-decoration: none; padding: 0 2px; border-radius: 4px;
  background: var(--color-accent-soft); color: var(--color-accent); }
a.cqc-cite:hover { text-decoration: underline; }
.cqc-abstain { font-weight: 600; color: #8a4b00; margin-bottom: 4px; }
.cqc-notice, .cqc-applied { font-size: 0.85em; opacity: 0.75; margin-top: 6px; }
.cqc-pending { opacity: 0.6; font-style: italic; }
/* Gradio sets overflow: visible inline on blocks, hence !important. */
#cqc-sources { max-height: 78vh; overflow-y: auto !important; }
.cqc-turn-q { margin: 8px 0 4px; font-size: 0.95em; }
.cqc-src { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 10px;
  margin: 6px 0; scroll-margin-top: 12px; transition: box-shadow 0.3s; }
.cqc-src:target { box-shadow: 0 0 0 3px var(--color-accent); }
.cqc-src-head { font-size: 0.92em; }
a.cqc-src-n { font-weight: 700; text-decoration: none; margin-right: 2px; }
.cqc-where { font-size: 0.82em; opacity: 0.75; margin: 2px 0 4px; }
.cqc-text { margin: 0; font-size: 0.92em; white-space: pre-wrap; }
.cqc-src mark, .cqc-hits mark { background: #ffe58a; color: inherit; padding: 0 1px; border-radius: 2px; }
.cqc-score { font-size: 0.8em; padding: 1px 6px; border-radius: 10px; white-space: nowrap; }
.cqc-s1 { background: #eff3ff; } .cqc-s2 { background: #bdd7e7; }
.cqc-s3 { background: #6baed6; } .cqc-s4 { background: #2171b5; color: #fff; }
.cqc-empty { opacity: 0.7; padding: 8px 0; }
table.cqc-reports td, table.cqc-reports th, table.cqc-metrics td, table.cqc-failures td, table.cqc-failures th
  { padding: 3px 8px; text-align: left; font-size: 0.9em; }
/* subdued by colour, not opacity: the legend's score swatches keep the table's colours */
.cqc-legend { font-size: 0.85em; color: var(--body-text-color-subdued); }
#cqc-reports table.cqc-reports { width: 100%; table-layout: fixed; }
#cqc-reports table.cqc-reports caption { text-align: left; font-weight: 600; padding: 4px 0; }
#cqc-reports table.cqc-reports td { overflow-wrap: break-word; hyphens: auto; }
.cqc-nowrap { white-space: nowrap; }
.cqc-outcomes ul { list-style: none; padding-left: 0; }
.cqc-outcome { margin: 3px 0; }
.cqc-failed { color: #b42318; } .cqc-indexed, .cqc-replaced { color: #067647; }
.cqc-warn { font-size: 0.85em; color: #8a4b00; margin-left: 1.4em; }
.cqc-error { color: #b42318; font-weight: 600; }

/* Issue 16: calm hints, verdicts, the way back, chips, and the phone layout. */
.cqc-copy-sources { display: none; }  /* text for the copy buttons only */
.cqc-hint { color: var(--body-text-color-subdued); font-size: 0.9em; padding: 2px 4px; }
.cqc-problem { color: #8a4b00; background: #fff6e0; border-radius: 6px; padding: 6px 8px; }
.cqc-confirm { background: #fff6e0; border-radius: 6px; padding: 8px 10px; }
a.cqc-back { display: inline-block; margin-top: 6px; font-size: 0.85em; text-decoration: none;
  color: var(--color-accent); }
.cqc-verdict { border: 1px solid; border-radius: 8px; padding: 8px 10px; margin: 4px 0 12px; }
.cqc-verdict-exact { background: #e7f6ec; border-color: #067647; }
.cqc-verdict-close { background: #fff6e0; border-color: #b54708; }
.cqc-verdict-not_found { background: #f2f4f7; border-color: #98a2b3; }
.cqc-closest { font-size: 0.9em; opacity: 0.8; margin: 6px 0 2px; }
.cqc-key { font-size: 0.75em; opacity: 0.55; font-family: ui-monospace, monospace; margin-left: 4px; }
.cqc-eval-summary { font-size: 1.05em; }
.cqc-eval-headline { font-weight: 600; margin-bottom: 2px; }
.cqc-eval-why { margin: 2px 0; }
.cqc-eval-answer { font-size: 0.85em; opacity: 0.75; margin-bottom: 8px; overflow-wrap: anywhere; }
/* Example questions look like something to click: chips. */
#cqc-chat .examples { display: flex; flex-wrap: wrap; gap: 8px; justify-content: center; }
#cqc-chat .examples .example { border: 1px solid var(--color-accent); border-radius: 999px;
  padding: 6px 14px; background: var(--color-accent-soft); color: var(--color-accent);
  cursor: pointer; max-width: 100%; text-align: left; }
#cqc-chat .examples .example:hover { background: var(--color-accent); color: white; }
#cqc-chat-buttons button { white-space: nowrap; }
@media (max-width: 640px) {
  /* All four tabs fit 390 px, so none hides behind the "..." menu. */
  .tab-container button { padding-left: 7px !important; padding-right: 7px !important;
    font-size: 0.92em !important; }
  #cqc-sources { max-height: none; }
  #cqc-chat { height: 60vh !important; }
  table.cqc-metrics td { font-size: 0.85em; }
  #cqc-reports table.cqc-reports td, #cqc-reports table.cqc-reports th
    { font-size: 12px; padding: 3px 4px; }
  #cqc-reports table.cqc-reports th { font-size: 11px; }
  #cqc-compare td { padding: 5px 8px !important; }
}
"""

# The Chatbot's copy buttons copy a message's raw content, which here is escaped HTML.
# Answers carry data-cqc, so for those the clipboard gets the text a reader sees instead.
HEAD = """
<script>
(() => {
  const clip = navigator.clipboard;
  if (!clip || !clip.writeText) return;
  const write = clip.writeText.bind(clip);
  clip.writeText = (text) => {
    if (typeof text === "string" && text.includes('data-cqc="answer"')) {
      const doc = new DOMParser().parseFromString(text.replace(/<\\/div>/g, "</div>\\n"), "text/html");
      text = doc.body.textContent.trim();
    }
    return write(text);
  };
})();
</script>
"""


def theme() -> Any:
    import gradio as gr

    # System fonts: the default theme fetches Google Fonts, which an offline browser waits on.
    return gr.themes.Soft(
        font=["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "sans-serif"],
        font_mono=["ui-monospace", "SFMono-Regular", "monospace"],
    )
