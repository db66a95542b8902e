"""Text → sentences → content words → vocabulary, following the seed's rules.

The curated corpus is already lowercase with no punctuation, so on it the tokenizer below
gives exactly the seed's `line.lower().split()`. For other text it also splits sentences at
sentence punctuation, strips punctuation (keeping inner apostrophes and hyphens) and keeps
letters of any script.
"""
import re
from collections import Counter
from dataclasses import dataclass, field

STOPWORDS = frozenset("""
    the a an is am are was were be been being in on at to of and or but with by for from up
    down out into over under between his her its their he she it they we you i this that these
    those has had have do does did will would could should may might can shall not no nor so
    very too also just then than as if when where how what which who whom there here all each
    every both few many much some any most other such only own same about after before while
    during through above below near
""".split())

# A word: letters or digits of any script, joined by single inner apostrophes or hyphens.
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# Sentence ends: . ! ? ; : and their unicode cousins (line breaks end sentences too).
_SENTENCE_END = re.compile(r"[.!?;:…。！？]+")
# A "sentence" longer than this (a huge line with no punctuation) is cut into pieces this long:
# the window never spans more anyway, and the pages show sentences one by one.
MAX_SENTENCE_WORDS = 1000


class CorpusError(ValueError):
    """Text that cannot be trained on, with a reason a person understands."""


def tokenize(text: str) -> list[list[str]]:
    """Every sentence of the text as a list of lowercase tokens (comment lines skipped)."""
    sentences = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        for part in _SENTENCE_END.split(line):
            tokens = [t.replace("’", "'") for t in _WORD.findall(part.lower())]
            for i in range(0, len(tokens), MAX_SENTENCE_WORDS):
                sentences.append(tokens[i:i + MAX_SENTENCE_WORDS])
    return sentences


@dataclass(frozen=True, eq=False)
class Corpus:
    raw: list[list[str]]        # every sentence, all tokens
    cleaned: list[list[str]]    # stopwords removed; only sentences with >= 2 content words
    vocab: list[str]            # words with count >= min_count, alphabetical
    counts: Counter = field(repr=False)  # content-word counts over the cleaned sentences
    min_count: int = 3

    @property
    def w2i(self) -> dict[str, int]:
        return {w: i for i, w in enumerate(self.vocab)}

    def in_vocab(self, sentence: list[str]) -> list[str]:
        known = set(self.vocab)
        return [w for w in sentence if w in known]


def load_corpus(text: str, min_count: int = 3) -> Corpus:
    """Build the corpus, or raise CorpusError saying why this text cannot be trained on."""
    if not text or not text.strip():
        raise CorpusError("The text is empty.")
    raw = tokenize(text)
    if not raw:
        raise CorpusError("The text has no words (only punctuation, symbols or comment lines).")
    # A sentence needs two content words to give even one (center, context) pair.
    cleaned = [c for c in ([t for t in s if t not in STOPWORDS] for s in raw) if len(c) >= 2]
    if not cleaned:
        raise CorpusError(
            "No sentence has two or more words left after removing stopwords, "
            "so there is nothing to learn from. Use longer sentences.")
    counts = Counter(w for s in cleaned for w in s)
    vocab = sorted(w for w, c in counts.items() if c >= min_count)
    if len(vocab) < 2:
        raise CorpusError(
            f"Only {len(vocab)} word(s) occur at least {min_count} times; the model needs a "
            f"vocabulary of at least 2 words. Add text or lower min_count.")
    return Corpus(raw, cleaned, vocab, counts, min_count)


# ── what was dropped, and why ───────────────────────────────────────────────────────────────
@dataclass(frozen=True)
class DropReason:
    reason: str            # stopwords | rare | short_sentences
    tokens: int            # word occurrences dropped for this reason
    distinct: int          # distinct words (or sentences, for short_sentences)
    examples: list[str]    # the most frequent dropped words, or a few dropped sentences


@dataclass(frozen=True)
class DropReport:
    total_tokens: int      # every token of every sentence
    kept_tokens: int       # occurrences of vocabulary words in kept sentences (what trains)
    stopwords: DropReason
    rare: DropReason
    short_sentences: DropReason


def drop_report(corpus: Corpus, examples: int = 8) -> DropReport:
    """Counts and examples of every token that does not reach training, by reason.

    The reasons are applied in order, each token counted once: stopwords first; then
    sentences left with fewer than two content words (their content words go too); then
    content words seen fewer than min_count times in the kept sentences.
    """
    total = sum(len(s) for s in corpus.raw)
    stop = Counter(w for s in corpus.raw for w in s if w in STOPWORDS)
    short = [s for s in corpus.raw if sum(1 for w in s if w not in STOPWORDS) < 2]
    short_tokens = sum(1 for s in short for w in s if w not in STOPWORDS)
    rare = {w: c for w, c in corpus.counts.items() if c < corpus.min_count}
    kept = sum(c for w, c in corpus.counts.items() if c >= corpus.min_count)

    def top(counter) -> list[str]:
        return [w for w, _ in sorted(counter.items(), key=lambda t: (-t[1], t[0]))[:examples]]

    def shown(sentence: list[str], limit: int = 12) -> str:
        return " ".join(sentence[:limit]) + (" …" if len(sentence) > limit else "")

    return DropReport(
        total_tokens=total, kept_tokens=kept,
        stopwords=DropReason("stopwords", sum(stop.values()), len(stop), top(stop)),
        rare=DropReason("rare", sum(rare.values()), len(rare), top(rare)),
        short_sentences=DropReason("short_sentences", short_tokens, len(short),
                                   [shown(s) for s in short[:examples]]))


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
    notes = []
    bom = (None if isinstance(data, str)
           else next((b for b in _BOMS if raw.startswith(b[0])), None))
    if bom is not None:
        mark, codec, encoding = bom
        text = raw[len(mark):].decode(codec, errors="replace")
        if not text.strip():
            raise CorpusError(f"{name} is empty.")
        notes.append(f"{name} is {encoding} text (it starts with a byte-order mark) and was "
                     f"read as such.")
    else:
        encoding = "UTF-8"
        if b"\x00" in raw:
            if _looks_like_utf16_without_bom(raw):
                raise CorpusError(f"{name} looks like UTF-16 text without a byte-order mark, "
                                  f"which cannot be read reliably. Save it as UTF-8 and "
                                  f"upload it again.")
            raise CorpusError(f"{name} looks like a binary file (it contains NUL bytes), not "
                              f"text. Upload a plain-text .txt file.")
        text = raw.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - (data.count("\ufffd") if isinstance(data, str) else 0)
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if (bad + control) > BINARY_SHARE * max(1, len(text)):
        if control <= ENCODING_CONTROL_SHARE * len(text):
            raise CorpusError(f"{name} does not look like {encoding} text: {bad:,} of its "
                              f"{len(text):,} characters could not be decoded. It is probably "
                              f"text in another encoding (e.g. Windows-1251 or Latin-1); save "
                              f"it as UTF-8 and upload it again.")
        raise CorpusError(f"{name} looks like a binary file (e.g. an image or a PDF), not "
                          f"text: {bad + control:,} of its {len(text):,} characters are not "
                          f"readable text. Upload a plain-text .txt file.")
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
