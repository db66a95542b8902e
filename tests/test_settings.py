"""One description per setting: TrainConfig's defaults, the CLI's flags and the link parsing."""
from dataclasses import fields

from w2v import TrainConfig, settings
from w2v.cli import build_parser


def test_every_trainconfig_field_is_described_once_with_its_default():
    assert [s.name for s in settings.SETTINGS].count("dim") == 1
    assert {s.name for s in settings.SETTINGS} == {f.name for f in fields(TrainConfig)}
    for s in settings.SETTINGS:
        assert s.default == getattr(TrainConfig(), s.name)
        assert s.label.endswith(f"({s.name})")


def test_the_cli_defaults_are_trainconfigs():
    args = build_parser().parse_args([])
    assert settings.config_from(vars(args)) == TrainConfig()
    args = build_parser().parse_args(["--min-count", "2", "--pca", "global_pca"])
    assert (args.min_count, args.pca) == (2, "global_pca")


def test_link_corrections_say_what_they_changed():
    notes, fixes = settings.url_corrections({"dim": ["3.7"], "lr": ["0.1"], "pca": ["x"]})
    assert fixes == {"dim": "4", "lr": None, "pca": None}
    assert any("rounded to 4" in n for n in notes) and any("pca" in n for n in notes)
