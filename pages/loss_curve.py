"""Loss curve: every training step's loss, its moving average, and the random-guess level."""
import streamlit as st

from app import classroom
from app.state import current_run
from charts import lesson as charts
from views import loss as loss_views, sentences
from w2v.analysis import distribution
from w2v.experiments import chance_loss

AVERAGE = 200

st.title("Loss curve")
run = current_run()
negative = run.config.objective == "negative"
st.markdown(
    "Each grey dot is the loss of one training step: how surprised the model was by that "
    "step's context word. The light grey band behind the dots spans the lowest to the highest "
    "loss of neighbouring steps, so every step's loss lies inside it. "
    + ("An untrained model scores (k+1)·ln 2 (the red line), so training starts near it; "
       if negative else
       "A model that guesses uniformly at random scores ln V (the red line), so training "
       "starts near it; ")
    + f"the blue line, an average of the last {AVERAGE} steps (hover it for its value), should "
    "settle clearly below it. Single steps stay noisy because each word has many different "
    "neighbours, so no model can reach 0"
    + ("." if negative else
       ": the best possible loss (the green line) is the corpus's own uncertainty."))

if negative:
    st.info("This run trains with negative sampling: its loss scores the true context and "
            f"{run.config.negatives} noise words with sigmoids, not a softmax over all words. "
            "An untrained model (every score 0) scores (k+1)·ln 2, the red line here, and the "
            "softmax's ln V and best possible loss do not apply.", icon=":material/info:")
V = len(run.vocab)
summary = loss_views.loss_summary(run.losses, V)
# The floor is the full softmax's: negative sampling optimises another loss.
floor = (distribution.corpus_floor(distribution.sparse_pair_counts(run.pairs, V))
         if run.config.objective == "softmax" else None)

# A diverged run is announced at the top of every page (app.state.current_run).

cols = st.columns(5)
shown = loss_views.shown
cols[0].metric(f"Mean loss, first {summary.first:,} steps", shown(summary.first_mean))
cols[1].metric(f"Mean loss, last {summary.last:,} steps", shown(summary.last_mean),
               delta=shown(summary.last_mean - summary.first_mean), delta_color="inverse")
chance = chance_loss(run)
if negative:
    cols[2].metric("Untrained, (k+1)·ln 2", f"{chance:.3f}",
                   help=f"({run.config.negatives} + 1) · ln 2: every sigmoid at ½")
else:
    cols[2].metric("Random guessing, ln V", f"{chance:.3f}", help=f"ln {V}")
cols[3].metric("Best possible loss, H", "–" if floor is None else f"{floor:.3f}",
               help="The corpus's conditional entropy Σ π(c)·H(P̂(·|c)): the average loss of a "
                    "model that predicts every center's contexts with the corpus's own "
                    "frequencies (Model vs corpus explains it)."
                    + ("" if floor is not None else " Shown for the full softmax only."))
cols[4].metric("Steps trained", f"{run.steps_done:,}",
               help=f"One epoch = {run.epoch_length:,} pairs; dotted lines mark new epochs.")

if run.steps_done == 0:
    st.info("No step finished, so there is no curve to draw.")
    st.stop()

frame = loss_views.loss_frame(run.losses, AVERAGE)
band = loss_views.loss_band_frame(run.losses, AVERAGE)
epochs = loss_views.epoch_frame(run.steps_done, run.epoch_length,
                                 epoch_starts=run.epoch_starts)
classroom.altair_chart(charts.loss_chart(
    frame, band, chance, epochs, AVERAGE, floor,
    "untrained: (k+1)·ln 2" if negative else "random guessing: ln V"), width="stretch")
notes = [] if floor is None else [sentences.floor_note(floor, summary.last_mean, summary.chance,
                                                          summary.last)]
if len(epochs):
    notes.append("Dotted vertical lines: a new epoch starts " + (
        f"(every {run.epoch_length:,} steps)." if run.epoch_starts is None else
        "(subsampling thins each epoch's text afresh, so epochs differ in length)."))
boundaries = len(loss_views.epoch_boundaries(run.steps_done, run.epoch_length, run.epoch_starts))
if len(epochs) < boundaries:
    notes.append(f"{len(epochs)} of the {boundaries:,} epoch boundaries are drawn.")
if len(frame) < run.steps_done:
    per_slice = int(band["step"].iloc[0] - band["first"].iloc[0] + 1)
    notes.append(f"{len(frame):,} of {run.steps_done:,} steps are drawn as dots, evenly spaced; "
                 f"the band covers every step (lowest to highest loss of each {per_slice:,} "
                 f"consecutive steps), and the average uses every step.")
if notes:
    st.caption(" ".join(notes))
