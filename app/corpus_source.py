"""The corpus source in the sidebar: the curated corpus, or the user's own text (upload or paste).

Own text is private to the session: it lives in `st.session_state[TEXT_KEY]` (a key no widget
owns) and never in the URL, so a shared link reopens the curated corpus. Input is checked when
it arrives (in the widgets' callbacks, once per change): w2v.textio.read_user_text (empty, size,
binary, UTF-8) and w2v.load_corpus at the current min_count (enough words to train on). Bad input
leaves the last good text in place, so the previous run stays on screen; the reason is shown in
the sidebar and at the top of the page. User text is only ever shown through st.text, st.code or
dataframes (never as markdown).
"""
from __future__ import annotations

import streamlit as st

import w2v
from w2v.textio import MAX_UPLOAD_BYTES, UserText, read_user_text

from views.text import md_escape

CURATED, OWN = "Curated corpus", "Your own text"
SOURCE_KEY = "w2v_source"            # the radio (entry-file widget: persists across pages)
UPLOAD_KEY = "w2v_upload"
PASTE_KEY = "w2v_paste"
TEXT_KEY = "_w2v_user_text"          # UserText of the last good input (no widget owns it)
MESSAGE_KEY = "_w2v_source_message"  # {"kind": "error"|"notes", "lines": [...], "fresh": bool}
LIMIT_MB = MAX_UPLOAD_BYTES // (1024 * 1024)


def own_text() -> UserText | None:
    """The user's text if the session trains on it, else None (then the curated corpus)."""
    if st.session_state.get(SOURCE_KEY) == OWN:
        return st.session_state.get(TEXT_KEY)
    return None


def _min_count() -> int:
    try:
        return int(st.session_state.get("min_count", w2v.TrainConfig().min_count))
    except (TypeError, ValueError):
        return w2v.TrainConfig().min_count


def accept(data: bytes | str, name: str) -> bool:
    """Check new input; keep it as the session's text if usable, else record why not."""
    try:
        user = read_user_text(data, name)
        w2v.load_corpus(user.text, _min_count())
    except w2v.CorpusError as e:
        kept = st.session_state.get(TEXT_KEY)
        tail = (f" Still training on {kept.name[:1].lower() + kept.name[1:]}."
                if kept is not None
                else " Still training on the curated corpus.")
        st.session_state[MESSAGE_KEY] = {"kind": "error", "lines": [f"{e}{tail}"],
                                         "fresh": True}
        return False
    st.session_state[TEXT_KEY] = user
    st.session_state[MESSAGE_KEY] = ({"kind": "notes", "lines": user.notes,
                                      "fresh": True} if user.notes else None)
    return True


def _on_upload() -> None:
    f = st.session_state.get(UPLOAD_KEY)
    if f is None:          # the file was removed: keep the text it gave, drop what was said
        st.session_state[MESSAGE_KEY] = None
        return
    accept(f.getvalue(), f"The file “{f.name}”")


def _on_paste() -> None:
    accept(st.session_state.get(PASTE_KEY) or "", "The pasted text")


def _show(message: dict, where) -> None:
    for line in message["lines"]:
        # Messages quote file names, which are the user's: never let one become Markdown.
        (where.error if message["kind"] == "error" else where.warning)(md_escape(line))


def render() -> None:
    """Draw the corpus-source widgets at the top of the sidebar, and a fresh message about the
    input also at the top of the page. Call from sidebar.render() before its sidebar block
    (the entry runs the sidebar before the page, so the main area is still empty)."""
    message = st.session_state.get(MESSAGE_KEY)
    with st.sidebar:
        st.header("Corpus")
        source = st.radio("Train on", (CURATED, OWN), key=SOURCE_KEY,
                          help="Your own text stays in this browser session: it is not part "
                               "of the link. A shared link opens the curated corpus.")
        if source == OWN:
            st.file_uploader(f"Upload a .txt file (UTF-8, at most {LIMIT_MB} MB)",
                             type=["txt", "md"], key=UPLOAD_KEY, on_change=_on_upload)
            with st.form("w2v_paste_form", border=False):
                st.text_area("… or paste text", key=PASTE_KEY, height=110,
                             placeholder="Sentences of ordinary prose; punctuation is fine.")
                st.form_submit_button("Use pasted text", on_click=_on_paste)
            if message:
                _show(message, st)
            user = st.session_state.get(TEXT_KEY)
            if user is None:
                st.info("No text yet: upload or paste some. Until then the curated corpus "
                        "is used.")
            else:
                st.caption(f"Training on {md_escape(user.name.removeprefix('The '))} "
                           f"({user.nbytes / 1024:,.0f} KB). Your text stays in this session "
                           f"only: a shared link opens the curated corpus.")
    if message and message.get("fresh"):
        message["fresh"] = False
        _show(message, st)
