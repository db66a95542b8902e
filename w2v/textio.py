"""Reading the files a person hands the program: the word sets and their own text.

One reader per format, shared by the command line and the app, so both accept and reject the
same files for the same reasons.

corpus_sets.json holds the words the analyses ask about:
    {"groups": {name: [words]}, "analogies": [[a, b, c, d], ...]}
read "a is to b as c is to d". The reader checks that shape and lowercases every word, as
the tokenizer lowercases the corpus, so "King" in a set still finds "king" in the vocabulary.

A person's own text (an upload or a paste) is bytes of unknown encoding and size: it is
decoded and checked here before the corpus builder (corpus.load_corpus) sees it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .corpus import MAX_SENTENCE_WORDS, CorpusError


# ── corpus_sets.json ────────────────────────────────────────────────────────────────────────
def read_sets(path: str | Path) -> dict:
    """corpus_sets.json at `path`, checked and lowercased (see parse_sets).

    Raises what reading it raises: FileNotFoundError / OSError / UnicodeDecodeError for a file
    that cannot be read, ValueError (a JSON error included) for one that is not a sets file.
    Each caller decides what a bad file means: the command line stops, the app carries on
    without sets.
    """
    return parse_sets(json.loads(Path(path).read_text(encoding="utf-8")))


def parse_sets(obj) -> dict:
    """A corpus_sets.json value checked and normalised, or ValueError saying what is wrong."""
    if not isinstance(obj, dict):
        raise ValueError("sets must be a JSON object with 'groups' and/or 'analogies'")
    groups, analogies = obj.get("groups", {}), obj.get("analogies", [])
    if not (isinstance(groups, dict) and all(
            isinstance(ws, list) and all(isinstance(w, str) for w in ws) for ws in groups.values())):
        raise ValueError("'groups' must map each group name to a list of words")
    if not (isinstance(analogies, list) and all(
            isinstance(q, list) and len(q) == 4 and all(isinstance(w, str) for w in q)
            for q in analogies)):
        raise ValueError("'analogies' must be a list of [a, b, c, d] word lists")
    return {"groups": {str(k): [w.lower() for w in ws] for k, ws in groups.items()},
            "analogies": [[w.lower() for w in q] for q in analogies]}


# ── text a person uploads or pastes ─────────────────────────────────────────────────────────
MAX_UPLOAD_BYTES = 2 * 1024 * 1024      # same as server.maxUploadSize = 2 (MB)
LONG_LINE_CHARS = 20_000
BINARY_SHARE = 0.25                     # undecodable or control characters: "binary"
# Control characters allowed in text that fails as UTF-8 for it to be called "another encoding"
# rather than "binary": a stray escape or DOS end-of-file mark, not the ~10 % of random bytes.
ENCODING_CONTROL_SHARE = 0.001
# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32 (little-endian)"),
         (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32 (big-endian)"),
         (b"\xff\xfe", "utf-16-le", "UTF-16 (little-endian)"),
         (b"\xfe\xff", "utf-16-be", "UTF-16 (big-endian)"))


@dataclass(frozen=True)
class UserText:
    text: str
    name: str
    nbytes: int
    notes: list[str]       # things worth saying that did not stop the text (replacements, ...)


def _looks_like_utf16_without_bom(raw: bytes) -> bool:
    """NUL bytes at nearly every even (or every odd) position: UTF-16 text of a Latin script."""
    if len(raw) < 8:
        return False
    even, odd = raw[0::2], raw[1::2]
    share_even, share_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    return max(share_even, share_odd) >= 0.9 and min(share_even, share_odd) <= 0.1


def read_user_text(data: bytes | str, name: str = "pasted text",
                   limit: int = MAX_UPLOAD_BYTES) -> UserText:
    """Bytes of an upload (or a pasted string) → text, or CorpusError saying why not.

    Checks, in order: empty, over `limit` bytes, then the encoding. A file that starts with a
    UTF-16 or UTF-32 byte-order mark is decoded as such (and a note says so); otherwise as
    UTF-8 (a UTF-8 byte-order mark is dropped), and NUL bytes mean binary. If more than
    BINARY_SHARE (25 %) of the characters are undecodable (U+FFFD) or control characters, the
    text is refused: as binary if there are control characters (more than
    ENCODING_CONTROL_SHARE of the characters), else as text in another encoding (e.g.
    Windows-1251) to be saved as UTF-8. Fewer undecodable bytes are replaced (U+FFFD) and
    counted in a note; a line longer than LONG_LINE_CHARS gets a note too. Whether the text
    can be trained on (enough words) is load_corpus's question.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    size = len(raw)
    if size == 0 or not raw.strip():
        raise CorpusError(f"{name} is empty.")
    if size > limit:
        raise CorpusError(f"{name} is {size / 1024 / 1024:.1f} MB; the limit is "
                          f"{limit / 1024 / 1024:g} MB. Use a shorter excerpt.")
    # A pasted string is text already: only uploaded bytes may carry a byte-order mark.
    text, encoding, notes = _decode(raw, name, marks=() if isinstance(data, str) else _BOMS)
    # U+FFFD a pasted string already held was not a decoding failure.
    bad = text.count("\ufffd") - (data.count("\ufffd") if isinstance(data, str) else 0)
    _refuse_unreadable(text, bad, name, encoding)
    if bad:
        mid_sentence = name[:1].lower() + name[1:]
        notes.append(f"{bad:,} byte sequence(s) in {mid_sentence} were not valid {encoding} and were "
                     f"replaced by �; save the file as UTF-8 to keep those characters.")
    longest = max(len(line) for line in text.splitlines()) if text else 0
    if longest > LONG_LINE_CHARS:
        notes.append(f"{name} has a line of {longest:,} characters. Sentences end at . ! ? ; : "
                     f"and line breaks; a run of words with none of them is cut every "
                     f"{MAX_SENTENCE_WORDS:,} words.")
    return UserText(text, name, size, notes)


def _decode(raw: bytes, name: str, marks=_BOMS) -> tuple[str, str, list[str]]:
    """(text, encoding's name, notes) of the bytes: by their byte-order mark if they start
    with one of `marks`, else as UTF-8, where a NUL byte means binary (or UTF-16 without a
    mark)."""
    bom = next((b for b in marks if raw.startswith(b[0])), None)
    if bom is not None:
        mark, codec, encoding = bom
        text = raw[len(mark):].decode(codec, errors="replace")
        if not text.strip():
            raise CorpusError(f"{name} is empty.")
        return text, encoding, [f"{name} is {encoding} text (it starts with a byte-order mark) "
                                f"and was read as such."]
    if b"\x00" in raw:
        if _looks_like_utf16_without_bom(raw):
            raise CorpusError(f"{name} looks like UTF-16 text without a byte-order mark, "
                              f"which cannot be read reliably. Save it as UTF-8 and "
                              f"upload it again.")
        raise CorpusError(f"{name} looks like a binary file (it contains NUL bytes), not "
                          f"text. Upload a plain-text .txt file.")
    return raw.decode("utf-8-sig", errors="replace"), "UTF-8", []


def _refuse_unreadable(text: str, bad: int, name: str, encoding: str) -> None:
    """CorpusError when more than BINARY_SHARE of the characters are undecodable (`bad`) or
    control characters: binary if there are control characters, else another encoding."""
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if (bad + control) <= BINARY_SHARE * max(1, len(text)):
        return
    if control <= ENCODING_CONTROL_SHARE * len(text):
        raise CorpusError(f"{name} does not look like {encoding} text: {bad:,} of its "
                          f"{len(text):,} characters could not be decoded. It is probably "
                          f"text in another encoding (e.g. Windows-1251 or Latin-1); save "
                          f"it as UTF-8 and upload it again.")
    raise CorpusError(f"{name} looks like a binary file (e.g. an image or a PDF), not "
                      f"text: {bad + control:,} of its {len(text):,} characters are not "
                      f"readable text. Upload a plain-text .txt file.")
