"""What the Corpus page states about a text: each refusal's words, each drop reason by hand."""
import re

import pytest

import w2v
from w2v.corpus import drop_report


@pytest.mark.parametrize("text,message", [
    ("", "The text is empty."),
    ("  \n\t ", "The text is empty."),
    ("# only a comment\n!!! ???\n", "The text has no words (only punctuation, symbols or "
                                    "comment lines)."),
    ("the king. a queen. of the castle.\n", "No sentence has two or more words left after "
     "removing stopwords, so there is nothing to learn from. Use longer sentences."),
    ("king queen\nking castle\nking hat\n", "Only 1 word(s) occur at least 3 times; the model needs a "
     "vocabulary of at least 2 words. Add text or lower min_count."),
])
def test_refusals_say_why_in_full(text, message):
    with pytest.raises(w2v.CorpusError, match=f"^{re.escape(message)}$"):
        w2v.load_corpus(text)


def test_drop_report_names_distinct_counts_and_examples_by_hand():
    # 10 rare words (seen once), 9 short sentences, stopwords "the" ×11, "a" ×1
    rare = " ".join(f"w{i}" for i in range(10))
    short = [f"the s{i}" for i in range(9)]
    long_sentence = " ".join(["king", "queen"] * 7)              # 14 words
    text = "\n".join([f"king queen {rare}", "the king the queen", long_sentence,
                      "a king", *short]) + "\n"
    report = drop_report(w2v.load_corpus(text))
    assert (report.stopwords.reason, report.rare.reason, report.short_sentences.reason) == (
        "stopwords", "rare", "short_sentences")
    assert (report.stopwords.tokens, report.stopwords.distinct) == (12, 2)
    assert report.stopwords.examples == ["the", "a"]
    assert (report.rare.tokens, report.rare.distinct) == (10, 10)
    assert report.rare.examples == [f"w{i}" for i in range(8)]   # at most 8 examples
    assert (report.short_sentences.tokens, report.short_sentences.distinct) == (10, 10)
    # Sentences shown in full up to 12 words; this one, 14 words, is cut with " …".
    assert report.short_sentences.examples == ["a king"] + short[:7]
    assert report.kept_tokens == 9 + 9                               # king, queen: 9 each
    assert report.total_tokens == 12 + 4 + 14 + 2 + 9 * 2


def test_a_dropped_sentence_is_shown_cut_at_twelve_words():
    text = ("king queen castle\n" * 3 + "the " + "of " * 13 + "end\n"
            + "the " + "of " * 10 + "end\n")
    shown = drop_report(w2v.load_corpus(text)).short_sentences.examples
    assert shown == ["the " + "of " * 11 + "…", "the " + "of " * 10 + "end"]
