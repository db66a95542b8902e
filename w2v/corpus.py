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
    reason: str            # stopwords | rare | short_sentences | lone_word
    tokens: int            # word occurrences dropped for this reason
    distinct: int          # distinct words (or sentences, for the two sentence reasons)
    examples: list[str]    # the most frequent dropped words, or a few dropped sentences


@dataclass(frozen=True)
class DropReport:
    total_tokens: int      # every token of every sentence
    kept_tokens: int       # occurrences of vocabulary words in sentences that give pairs
    stopwords: DropReason
    rare: DropReason
    short_sentences: DropReason
    # sentences with two content words but fewer than two vocabulary words: no pair either
    lone_word: DropReason = DropReason("lone_word", 0, 0, [])

    @property
    def no_pair_sentences(self) -> int:
        """Every sentence that gives no (center, context) pair, for whichever reason."""
        return self.short_sentences.distinct + self.lone_word.distinct


def drop_report(corpus: Corpus, examples: int = 8) -> DropReport:
    """Counts and examples of every token that does not reach training, by reason.

    The reasons are applied in order, each token counted once: stopwords first; then
    sentences left with fewer than two content words (their content words go too); then
    content words seen fewer than min_count times in the kept sentences; last, the one
    vocabulary word of a kept sentence whose other content words were all rare (a pair needs
    two vocabulary words).
    """
    total = sum(len(s) for s in corpus.raw)
    stop = Counter(w for s in corpus.raw for w in s if w in STOPWORDS)
    short = [s for s in corpus.raw if sum(1 for w in s if w not in STOPWORDS) < 2]
    short_tokens = sum(1 for s in short for w in s if w not in STOPWORDS)
    rare = {w: c for w, c in corpus.counts.items() if c < corpus.min_count}
    lone = [s for s in corpus.cleaned if len(corpus.in_vocab(s)) < 2]
    lone_words = Counter(w for s in lone for w in corpus.in_vocab(s))
    kept = sum(c for w, c in corpus.counts.items() if c >= corpus.min_count) \
        - sum(lone_words.values())

    def top(counter) -> list[str]:
        return [w for w, _ in sorted(counter.items(), key=lambda t: (-t[1], t[0]))[:examples]]

    def shown(sentence: list[str], limit: int = 12) -> str:
        return " ".join(sentence[:limit]) + (" …" if len(sentence) > limit else "")

    return DropReport(
        total_tokens=total, kept_tokens=kept,
        stopwords=DropReason("stopwords", sum(stop.values()), len(stop), top(stop)),
        rare=DropReason("rare", sum(rare.values()), len(rare), top(rare)),
        short_sentences=DropReason("short_sentences", short_tokens, len(short),
                                   [shown(s) for s in short[:examples]]),
        lone_word=DropReason("lone_word", sum(lone_words.values()), len(lone),
                             [shown(s) for s in lone[:examples]]))
