"""User text shown where Streamlit interprets Markdown (captions, messages, metric values)."""
import string

_MD_SPECIAL = {c: "\\" + c for c in string.punctuation}


def md_escape(text: str) -> str:
    """Text that Streamlit's Markdown shows literally.

    Every ASCII punctuation character is backslash-escaped (CommonMark allows it for all of
    them), which disarms emphasis, links, `$…$` LaTeX, `:colour[…]` directives, emoji
    shortcodes and HTML; runs of white space, newlines included, become one space.
    """
    text = " ".join(str(text).split())
    return "".join(_MD_SPECIAL.get(ch, ch) for ch in text)


def thousands(n: int) -> str:
    """An integer with thousands separators (12,345): step numbers in sliders and captions."""
    return f"{n:,}"


def times(k) -> str:
    """A factor as the arrow-length choices show it (×5)."""
    return f"×{k}"
