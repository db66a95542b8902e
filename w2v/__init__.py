"""w2v: a small skip-gram Word2Vec whose training can be watched step by step."""
from .config import TrainConfig
from .corpus import CorpusError, load_corpus
from .projection import Projection, project
from .run import Run, StepState
from .suggest import Suggestion, suggest
from .training import train

__all__ = ["TrainConfig", "train", "Run", "StepState", "CorpusError", "load_corpus",
           "project", "Projection", "suggest", "Suggestion"]
