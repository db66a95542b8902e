"""What a run has learned, asked in numbers: one module per question.

similarity     cosines between vectors: nearest neighbours, analogies, W against W′
word_sets      scores against corpus_sets.json's groups and analogies
over_training  the same questions at milestone steps, and when each word settles
distribution   the corpus's own P̂(context | center), its entropy and its floor
kl             the model's softmax against P̂: KL per center and its curve over training
pair_probs     single pairs: tracked over training, the hardest, one center's contexts
model_vs_corpus  the Model vs corpus page's bundle of the above, computed once per run
stability      do the vectors mean anything yet: epochs, loss against ln V and the floor,
               neighbours two seeds agree on (no labels needed, so any text)

Pure NumPy/pandas on arrays or a Run: no Streamlit, nothing of the app.
"""
from . import (distribution, kl, model_vs_corpus, over_training, pair_probs,  # noqa: F401
               similarity, stability, word_sets)
