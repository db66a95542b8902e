"""w2v: a small skip-gram Word2Vec whose training can be watched step by step.

Importing the package loads the whole library, in the fixed order below (heavy dependencies
come with the first module that needs them: numpy, numba, torch; scikit-learn only with the
first projection, see projection.py). A server runs
many sessions' scripts in threads at once; a thread that imported `w2v.projection` before `w2v`
itself would hold that module's import lock while waiting for the package's, and the thread
running this file the other way round: Python breaks such a pair with `_DeadlockError`. Loaded
whole here, under the package's one lock, no submodule is ever first imported on its own.
"""
from .config import TrainConfig
from .corpus import CorpusError, load_corpus
from .projection import Projection, project
from .run import Run, StepState
from .suggest import Suggestion, suggest
from .training import train

# The rest of the library (all but the command line), so `import w2v` leaves none of it to load.
from . import (analysis, budget, cost, curves, engine, experiments, export, forces,  # noqa: F401
               model, negative, pairs, quiz, reports, settings, subsample, textio, verdicts)

__all__ = ["TrainConfig", "train", "Run", "StepState", "CorpusError", "load_corpus",
           "project", "Projection", "suggest", "Suggestion"]
