"""One reader per input format: corpus_sets.json reads the same for the command line and the app."""
import json

import pytest

from w2v import cli, textio


def test_parse_sets_rejects_bad_shapes():
    assert textio.parse_sets({"groups": {"g": ["King"]}}) == {"groups": {"g": ["king"]},
                                                               "analogies": []}
    for bad in ([], {"groups": ["a"]}, {"analogies": [["a", "b", "c"]]}, {"groups": {"g": [1]}}):
        with pytest.raises(ValueError):
            textio.parse_sets(bad)


def test_the_app_and_the_command_line_read_one_sets_file_alike(tmp_path, monkeypatch):
    from app import state as run_state

    path = tmp_path / "corpus_sets.json"
    path.write_text(json.dumps({"groups": {"royals": ["King", "QUEEN"]},
                                "analogies": [["Man", "king", "woman", "Queen"]]}))
    monkeypatch.setenv(run_state.SETS_ENV, str(path))
    expected = {"groups": {"royals": ["king", "queen"]},
                "analogies": [["man", "king", "woman", "queen"]]}
    assert textio.read_sets(path) == expected
    assert cli.read_sets(str(path), tmp_path / "corpus.txt") == expected
    assert run_state.corpus_sets() == expected

    bad = tmp_path / "bad_sets.json"                  # a list of words is not a group
    bad.write_text(json.dumps({"groups": {"royals": "king queen"}}))
    monkeypatch.setenv(run_state.SETS_ENV, str(bad))
    with pytest.raises(ValueError, match="'groups' must map"):
        textio.read_sets(bad)
    with pytest.raises(cli.UsageError, match="bad sets file"):
        cli.read_sets(str(bad), tmp_path / "corpus.txt")
    assert run_state.corpus_sets() == run_state.EMPTY_SETS     # the pages carry on without
