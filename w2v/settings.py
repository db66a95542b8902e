"""One description per training setting: the sidebar, the URL, classroom links and the CLI read it.

Each setting has its name (a TrainConfig field), a title, a type, the range the app offers, a
widget step and a help text; its default is TrainConfig's own field default, so no default or
range is typed twice. Also here, because a link and the command line are both text: how a
setting's value is read from a link (clamped, rounded or the default, with a note saying so).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, fields

from .config import LR_SCHEDULES, OBJECTIVES, PCA_METHODS, TrainConfig

_DEFAULTS = {f.name: f.default for f in fields(TrainConfig)}


@dataclass(frozen=True)
class Setting:
    name: str             # the TrainConfig field, the URL parameter, the CLI's --flag
    title: str
    kind: type            # int, float or str
    lo: float | None = None
    hi: float | None = None
    step: float = 1       # the widget's step
    help: str = ""
    advanced: bool = False
    slider: bool = False
    choices: tuple[str, ...] = ()   # for kind str

    @property
    def default(self):
        return _DEFAULTS[self.name]

    @property
    def label(self) -> str:
        return f"{self.title} ({self.name})"

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


SETTINGS = [
    Setting("dim", "Embedding dimension", int, 1, 64, slider=True,
            help="Length of each word vector: the number of columns of W and rows of W′."),
    Setting("lr", "Learning rate", float, 0.0001, 100.0, step=0.01,
            help="Size of each SGD step. Around 0.1 learns steadily; try 50 to watch training "
                 "diverge."),
    Setting("window", "Context window", int, 1, 10, slider=True,
            help="How many in-vocabulary words on each side of the center count as its context."),
    # The top is what w2v.suggest proposes for a 2 MB text (about 10 s of negative sampling);
    # the memory budget (budget.plan) decides how sparsely such a run is recorded.
    Setting("steps", "Training steps", int, 100, 10_000_000, step=1000,
            help="SGD steps; each step uses one (center, context) pair. Millions of steps are "
                 "for negative sampling on a large text: a full-softmax step costs V·d."),
    Setting("pca", "2-D map axes", str, choices=PCA_METHODS,
            help="final_pca fits the map's axes on the last snapshot; global_pca on all "
                 "snapshots together."),
    Setting("min_count", "Minimum count", int, 1, 20, advanced=True,
            help="Words seen fewer times than this leave the vocabulary."),
    Setting("seed", "Random seed", int, 0, 2**31 - 1, advanced=True,
            help="One seed fixes the initial weights and the order of the pairs."),
    Setting("dense_steps", "Record every step up to", int, 0, 5000, step=50, advanced=True,
            help="Weights are recorded after every step up to here ..."),
    Setting("record_interval", "... then every n-th step", int, 1, 1000, step=5, advanced=True,
            help="... and after every n-th step from then on (and always after the last)."),
    Setting("objective", "Objective", str, choices=OBJECTIVES, advanced=True,
            help="softmax scores every word of the vocabulary at each step (the seed's); "
                 "negative scores the context against a few sampled noise words (word2vec's)."),
    Setting("negatives", "Noise words per step", int, 1, 100, advanced=True,
            help="k, the noise words drawn for each pair, from unigram counts^0.75. Used only "
                 "when objective = negative; full softmax scores every word instead."),
    Setting("sample", "Subsampling threshold", float, 0.0, 0.01, step=0.0001, advanced=True,
            help="Frequent words are dropped from the text with a chance that grows with their "
                 "frequency above this threshold t (word2vec uses 1e-3); 0 keeps every word. "
                 "Works with either objective, and makes epochs uneven."),
    Setting("lr_schedule", "Learning-rate schedule", str, choices=LR_SCHEDULES, advanced=True,
            help="constant keeps lr for the whole run (the seed's); linear decays it to 1e-4·lr "
                 "by the last step (word2vec's)."),
]
BY_NAME = {s.name: s for s in SETTINGS}
assert set(BY_NAME) == set(_DEFAULTS), "every TrainConfig field is described once"


def fmt(x) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def _last(raw) -> str:
    if isinstance(raw, (list, tuple)):
        raw = raw[-1] if raw else ""
    return str(raw).strip()


def parse_url_value(setting: Setting, raw) -> tuple[object | None, str | None]:
    """(the corrected value, or None when the text is fine or unusable; a note or None)."""
    raw, name = _last(raw), setting.name
    if setting.kind is str:
        if raw not in setting.choices:
            return None, (f"`{name}` in the link is not one of {', '.join(setting.choices)}; "
                          f"using {setting.default}.")
        return None, None
    try:
        value = float(raw)
    except ValueError:
        return None, f"`{name}` in the link is not a number; using {setting.default}."
    if not math.isfinite(value):
        return None, f"`{name}` in the link is not a finite number; using {setting.default}."
    note = None
    if setting.kind is int and not value.is_integer():
        value = float(round(value))
        note = f"`{name}` in the link was rounded to {int(value)}."
    clamped = min(max(value, setting.lo), setting.hi)
    if clamped != value:
        shown = int(clamped) if setting.kind is int else clamped
        note = (f"`{name}` in the link is outside {fmt(setting.lo)}–{fmt(setting.hi)}; "
                f"clamped to {shown}.")
    if note is None:
        return None, None
    return (int(clamped) if setting.kind is int else float(clamped)), note


def link_value(setting: Setting, raw) -> tuple[object, str | None]:
    """(the value a link's raw text stands for: clamped, rounded or the default; note or None)."""
    value, note = parse_url_value(setting, raw)
    if value is not None:
        return value, note
    if note is not None:          # unusable: the default
        return setting.default, note
    raw = _last(raw)
    if setting.kind is str:
        return raw, None
    number = float(raw)           # parse_url_value checked it is finite and in range
    return (int(number) if setting.kind is int else number), None


def url_text(setting: Setting, value) -> str:
    """A value as the address bar holds it (5 not 5.0, as Streamlit's binding writes it)."""
    if setting.kind is str:
        return str(value)
    if setting.kind is int or float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def url_corrections(params) -> tuple[list[str], dict[str, str | None]]:
    """Notes about the link's settings, and the parameters to rewrite: name → the corrected
    text, or None to drop it (unusable, or corrected to the default)."""
    notes, fixes = [], {}
    for s in SETTINGS:
        if s.name not in params:
            continue
        raws = params.get_all(s.name) if hasattr(params, "get_all") else params[s.name]
        raws = list(raws) if isinstance(raws, (list, tuple)) else [raws]
        value, note = link_value(s, raws)
        if note:
            notes.append(note)
        wanted = None if value == s.default else url_text(s, value)
        if raws != ([] if wanted is None else [wanted]):
            fixes[s.name] = wanted
    return notes, fixes


def config_from(values: dict) -> TrainConfig:
    """A TrainConfig from {name: value} (missing names take the default), each cast to its type."""
    return TrainConfig(**{s.name: s.kind(values.get(s.name, s.default)) for s in SETTINGS})
