"""Page-specific state in the URL: a link copied from the address bar reproduces the view.

A control's value goes into the address bar with history.replaceState (assets/url_state.js),
so the page is not re-rendered; the page's layout reads the key back from its query
arguments on load. The shell keeps these keys when a global filter changes.
"""
from __future__ import annotations

import json

from dash import Input, clientside_callback


def keep_in_url(component_id: str, prop: str, key: str, *, default=None,
                transform: str = "v") -> None:
    """Write `component_id.prop` to the query key `key` whenever it changes; the default
    value is left out of the URL. `transform` is a JavaScript expression of `v` (the prop's
    value) giving the string to store, e.g. for a list of sorted columns."""
    clientside_callback(
        f"function(v) {{ window.nokSetQuery({json.dumps(key)}, ({transform}), "
        f"{json.dumps(default)}); }}",
        Input(component_id, prop), prevent_initial_call=True)
