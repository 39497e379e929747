"""Text for plotly: hover templates, hover texts, point labels and axis labels are rendered
by plotly.js as a small subset of HTML (<a href>, <b>, <br>, <span style>…), so a name taken
from the data must be escaped before it goes there, or an organization called
`<a href="https://evil.example/">…</a>` becomes a link on the chart. plotly.js decodes the
entities back into the characters, so the name reads as it is written."""
from __future__ import annotations

import html


def escape(value) -> str:
    """`value` as plotly text that shows it literally (no markup of its own)."""
    return html.escape("" if value is None else str(value), quote=False)
