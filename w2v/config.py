"""The run's configuration: every knob of the seed's command line, frozen so it can key a cache."""
import math
from dataclasses import dataclass, fields

PCA_METHODS = ("final_pca", "global_pca")
OBJECTIVES = ("softmax", "negative")     # full softmax over V words | negative sampling
LR_SCHEDULES = ("constant", "linear")   # the seed's fixed lr | word2vec's linear decay


@dataclass(frozen=True)
class TrainConfig:
    steps: int = 15000          # single-pair SGD steps
    dim: int = 8                # embedding dimension d
    lr: float = 0.1             # SGD learning rate
    window: int = 3             # context radius, clamped to sentence edges
    min_count: int = 3          # words rarer than this leave the vocabulary
    seed: int = 42              # one seed makes the whole run: init and shuffles
    dense_steps: int = 200      # record every step up to here ...
    record_interval: int = 10   # ... then every record_interval-th step
    pca: str = "final_pca"      # axes of the 2-D view: fit on the last snapshot or on all
    objective: str = "softmax"  # "softmax" (the seed's) or "negative" (word2vec's negative sampling)
    negatives: int = 5          # k noise words per step (negative sampling only)
    sample: float = 0.0         # frequent-word subsampling threshold t; 0 = keep every word
    lr_schedule: str = "constant"  # "constant" or "linear" decay to 1e-4·lr over the run

    def __post_init__(self):
        problem = self.problem()
        if problem:
            raise ValueError(problem)

    def problem(self) -> str | None:
        """The first reason this configuration cannot run, in words, or None."""
        if self.steps < 1:
            return f"steps must be at least 1 (got {self.steps})"
        if self.dim < 1:
            return f"dim must be at least 1 (got {self.dim})"
        if not (self.lr > 0 and math.isfinite(self.lr)):
            return f"lr must be greater than 0 and finite (got {self.lr})"
        if self.window < 1:
            return f"window must be at least 1 (got {self.window})"
        if self.min_count < 1:
            return f"min_count must be at least 1 (got {self.min_count})"
        if self.dense_steps < 0:
            return f"dense_steps must be 0 or more (got {self.dense_steps})"
        if self.record_interval < 1:
            return f"record_interval must be at least 1 (got {self.record_interval})"
        if not 0 <= self.seed < 2**63:
            return f"seed must be between 0 and 2**63 - 1 (got {self.seed})"
        if self.pca not in PCA_METHODS:
            return f"pca must be one of {', '.join(PCA_METHODS)} (got {self.pca!r})"
        if self.objective not in OBJECTIVES:
            return f"objective must be one of {', '.join(OBJECTIVES)} (got {self.objective!r})"
        if not 1 <= self.negatives <= 100:
            return f"negatives must be between 1 and 100 (got {self.negatives})"
        if not (0 <= self.sample < 1):
            return f"sample must be 0 (off) or a threshold below 1 (got {self.sample})"
        if self.lr_schedule not in LR_SCHEDULES:
            return (f"lr_schedule must be one of {', '.join(LR_SCHEDULES)} "
                    f"(got {self.lr_schedule!r})")
        return None

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}
