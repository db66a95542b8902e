"""Classroom links: `?classroom=1&show=dim,steps` opens a presenter layout for a projector.

In a classroom session only the settings named in `show=` appear as sidebar widgets (none when
`show` is absent). Every other setting still comes from the link: it is read once, on the
session's first run, kept in session state under its own name (no widget owns it) and written
back into the address bar on every run, so it survives page switches and reloads just like the
bound widgets do. Same link, same settings, same seed: every student gets the same run (the job
registry keys on configuration + text, so the class trains it once).

The flag is sticky for a session: it is read from the first URL the session sees.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import streamlit as st

from charts.style import readable
from w2v.settings import SETTINGS, fmt, link_value

from .corpus_source import own_text

FLAG = "classroom"
SHOW = "show"
STATE_KEY = "_w2v_classroom"
SHARE_PREFIX = "_w2v_share_"
SOURCE = "source"   # show=source: students may train on their own text (upload/paste)

# Our own constant CSS (never built from user input): larger type for a projector.
PRESENTER_CSS = """
<style>
html { font-size: 20px; }
[data-testid="stMain"] h1 { font-size: 3rem; }
[data-testid="stMain"] h2 { font-size: 2.2rem; }
[data-testid="stMain"] h3 { font-size: 1.7rem; }
[data-testid="stMain"] [data-testid="stMarkdown"] p,
[data-testid="stMain"] [data-testid="stMarkdown"] li { font-size: 1.2rem; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p { font-size: 2.6rem; }
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; max-width: 100%; }
</style>
"""


@dataclass(frozen=True)
class Classroom:
    on: bool = False
    show: tuple[str, ...] = ()          # setting names students may change
    values: tuple[tuple[str, object], ...] = ()   # every setting's value from the link

    def shows(self, name: str) -> bool:
        return not self.on or name in self.show


def _truthy(raw) -> bool:
    return str(raw).strip().lower() in ("1", "true", "yes", "on")


def parse_show(raws, names) -> tuple[str, ...]:
    """Setting names from `show=` values ("dim,steps", repeated or not), unknown ones dropped."""
    wanted = set()
    for raw in raws:
        wanted.update(part.strip() for part in str(raw).split(","))
    if "all" in wanted:
        return tuple(names)
    return tuple(n for n in names if n in wanted)   # in sidebar order


def current() -> Classroom:
    """This session's classroom state, read from the URL on the session's first call."""
    room = st.session_state.get(STATE_KEY)
    if room is not None:
        return room
    params = st.query_params
    room = Classroom()
    if FLAG in params and _truthy(params.get(FLAG)):
        names = [s.name for s in SETTINGS] + [SOURCE]
        values = tuple((s.name, link_value(s, params.get_all(s.name))[0] if s.name in params
                        else s.default) for s in SETTINGS)
        room = Classroom(True, parse_show(params.get_all(SHOW), names), values)
        for name, value in values:
            if not room.shows(name):
                st.session_state[name] = value   # no widget: config_from_state reads it
    st.session_state[STATE_KEY] = room
    return room


def keep_in_url(room: Classroom) -> None:
    """Write the flag, `show` and the hidden settings back into the address bar (page switches
    drop query parameters no widget is bound to)."""
    if not room.on:
        return
    wanted = {FLAG: "1"}
    if room.show:
        wanted[SHOW] = ",".join(room.show)
    for s in SETTINGS:
        if room.shows(s.name):
            continue   # a bound widget keeps its own parameter
        value = st.session_state.get(s.name, s.default)
        if value != s.default:
            wanted[s.name] = str(value)
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


def reset(room: Classroom) -> None:
    """The sidebar's reset in a classroom: back to the link's values, not the app's defaults."""
    for name, value in room.values:
        st.session_state[name] = value


def altair_chart(chart, **kwargs):
    """st.altair_chart, with chart text at least 12 px, larger in a classroom session.

    Charts draw their text themselves (canvas), so the presenter CSS cannot reach it, and
    Altair's themes are process-wide (every session would get them): the sizes go into this
    chart's own config instead (charts.style.readable).
    """
    return st.altair_chart(readable(chart, "presenter" if current().on else "normal"), **kwargs)


def apply_layout() -> None:
    """In a classroom session, larger type for a projector (our own constant CSS)."""
    if current().on:
        st.html(PRESENTER_CSS)


def build_link(base: str, config, show) -> str:
    """A classroom link: base URL + every setting that differs from the default + flag + show."""
    params = {FLAG: "1"}
    if show:
        params[SHOW] = ",".join(show)
    for s in SETTINGS:
        value = getattr(config, s.name)
        if value != s.default:
            params[s.name] = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{base}?{urlencode(params, safe=',')}"


def share_control(config) -> None:
    """A sidebar popover that builds a classroom link from the current settings."""
    with st.popover("Share as classroom link", icon=":material/co_present:", width="stretch"):
        st.caption("Students open the same run in a presenter layout. Tick the settings they "
                   "may change; the others are fixed by the link.")
        show = [s.name for s in SETTINGS
                if st.checkbox(s.label, key=SHARE_PREFIX + s.name)]
        if st.checkbox("Their own text (upload or paste)", key=SHARE_PREFIX + SOURCE):
            show.append(SOURCE)
        base = st.context.url or "http://localhost:8501/"
        st.code(build_link(base, config, show), language=None, wrap_lines=True)
        if own_text() is not None:
            st.warning("You are training on your own text, which stays in your browser "
                       "session: this link opens the curated corpus for your students.")
        if "//localhost" in base or "//127.0.0.1" in base:
            st.caption("This link points at localhost: open the app by the server's network "
                       "address (e.g. http://192.168.1.20:8501) before sharing it.")


def fixed_caption(room: Classroom, config) -> None:
    """In a classroom sidebar: the settings the link fixes, so the class can read them."""
    fixed = [f"{s.name} = {fmt(v) if s.kind is not str else v}"
             for s in SETTINGS if not room.shows(s.name)
             for v in [getattr(config, s.name)]]
    if fixed:
        st.caption("Fixed by the class link: " + " · ".join(fixed))
