"""Experiments: sweep one hyperparameter and compare the runs side by side."""
import functools

import streamlit as st

from app import classroom
from app import jobs
from app.state import (corpus_sets, current_config, current_text, registry, vocab_size,
                          wait_with_progress)
from charts import analysis as ac
from views import experiments as experiments_views, similarity as similarity_views
from views import words as word_views
from views.text import md_escape
from w2v import experiments as ex
from w2v import settings, verdicts

SWEEP_KEY = "experiments_sweep"   # owned by this page: {"param", "configs", "sha"}; no runs
CUSTOM = "custom"
MAP_LABELS = 25                   # words labelled on each final map when the text has no groups
CUSTOM_DEFAULTS = {"dim": "2, 4, 8", "lr": "0.05, 0.1, 0.2", "window": "1, 2, 4",
                   "steps": "2000, 4000, 8000", "min_count": "2, 3, 5", "seed": "1, 2, 3"}

st.title("Experiments")
st.markdown(
    "Change one setting, keep everything else, and compare. Each sweep trains one run per value "
    "(the other settings come from the sidebar) and shows their loss curves, scores and final "
    "maps side by side. Runs are cached, so a value you already trained appears at once.")

base = current_config()
text = current_text()
sets = corpus_sets()


sweep_labels = {**{key: f"{sweep.title}: {sweep.label}" for key, sweep in ex.PRESETS.items()},
                CUSTOM: "Custom sweep"}
choice = st.radio("Sweep", list(ex.PRESETS) + [CUSTOM], format_func=sweep_labels.__getitem__, horizontal=True,
                  key="exp_choice")
param, values, problem = None, None, None
if choice == CUSTOM:
    c1, c2 = st.columns([1, 2])
    setting_labels = {name: settings.BY_NAME[name].label for name in ex.SWEEPABLE}
    param = c1.selectbox("Setting to vary", list(ex.SWEEPABLE), key="exp_param",
                         format_func=setting_labels.__getitem__)
    raw = c2.text_input("Values, separated by commas", CUSTOM_DEFAULTS.get(param, ""),
                        key=f"exp_values_{param}",
                        placeholder="for example 2, 4, 8",
                        help=f"Up to {ex.MAX_VALUES} values; every other setting is taken from "
                             "the sidebar.")
    try:
        values = ex.parse_values(param, raw)
        setting = settings.BY_NAME[param]
        outside = [v for v in values if not setting.lo <= v <= setting.hi]
        if outside:
            problem = (f"{param} must be between {settings.fmt(setting.lo)} and "
                       f"{settings.fmt(setting.hi)} here.")
    except ValueError as e:
        problem = str(e) if raw.strip() else "Type the values to try, for example 2, 4, 8."
else:
    sweep = ex.PRESETS[choice]
    param, values = sweep.param, list(sweep.values)
    st.caption(f"What the reference design expects: {sweep.lesson} Run the sweep to see "
               "whether it holds here.")
    if sweep.explanation:
        with st.expander("Why the losses are not compared", expanded=True):
            st.markdown(sweep.explanation)

configs = []
if problem is None:
    try:
        configs = ex.sweep_configs(base, param, values)
    except ValueError as e:
        problem = str(e)
if problem is None:
    problem = ex.too_big(ex.sweep_bytes(configs, functools.partial(vocab_size, text)), jobs.MAX_BYTES)
if problem:
    st.info(md_escape(problem))   # it may quote what the user typed

if st.button("Run", type="primary", disabled=bool(problem), key="exp_run"):
    st.session_state[SWEEP_KEY] = {"param": param, "configs": tuple(configs),
                                   "sha": jobs.text_sha(text)}
    for config in configs:
        registry().get(config, text)        # start them all now; at most two train at once

saved = st.session_state.get(SWEEP_KEY)
if saved is None:
    st.caption("Choose a sweep and press **Run**.")
    st.stop()
if saved["sha"] != jobs.text_sha(text):
    st.info("The corpus changed since the last sweep; press **Run** to sweep on the new text.")
    st.stop()

param, configs = saved["param"], list(saved["configs"])
sweep_jobs = [registry().get(c, text) for c in configs]
labels = [ex.format_value(param, getattr(c, param)) for c in configs]


if not all(job.finished for job in sweep_jobs):
    heading = st.empty()
    heading.subheader("Training the sweep")
    wait_with_progress([(job, f"{param} = {label}: ") for job, label in zip(sweep_jobs, labels)])
    heading.empty()

# -- results -----------------------------------------------------------------------------------
rows = [ex.job_row(job, sets, param) for job in sweep_jobs]
others = {k: v for k, v in configs[0].as_dict().items() if k != param}
st.subheader(f"Results: {param} = {' / '.join(labels)}")
st.caption("Other settings: " + ", ".join(f"{k} {v}" for k, v in others.items())
           + (". The sidebar has changed since; press Run to sweep with its settings."
              if any(getattr(base, k) != v for k, v in others.items()) else "."))

table = experiments_views.results_frame(rows, param)
st.dataframe(table, hide_index=True, width="stretch", column_config={
    "final loss": st.column_config.NumberColumn(
        format="%.3f", help=f"Mean loss over the last {ex.FINAL_LOSS_STEPS:,} steps trained "
                       "(blank for a run that diverged)."),
    "untrained loss": st.column_config.NumberColumn(
        format="%.3f", help="The loss with every score 0: log V for full softmax, (k+1)·log 2 "
                            "for negative sampling. Each final loss is on its own run's scale."),
    "neighbour quality": st.column_config.NumberColumn(
        format="percent", help=f"Share of grouped words with a word of their own topic group "
                               f"among their {ex.NEIGHBOUR_K} nearest neighbours."),
    "analogy accuracy": st.column_config.NumberColumn(
        format="percent", help="Share of the corpus's analogies whose top answer is right."),
    "steps trained": st.column_config.NumberColumn(format="localized"),
    "diverged at": None,    # hidden: the status column says it in words
    "seconds": st.column_config.NumberColumn(format="%.1f", help="Training time."),
})
csv = experiments_views.results_frame(rows, param, for_display=False).to_csv(index=False)
st.download_button("Download the results (CSV)", csv.encode("utf-8"),
                   file_name=f"w2v_sweep_{param}.csv", mime="text/csv", on_click="ignore")
st.caption("Lower final loss means the model predicts the context words better; neighbour "
           "quality and analogy accuracy ask whether the vectors mean something. The three do "
           "not always agree, which is the lesson of this page.")

# -- the reference's claim, judged by these runs ------------------------------------------------
findings = verdicts.judge(param, rows, [job.run for job in sweep_jobs], sets)
if findings:
    st.subheader("Does the reference's claim hold here?")
    for finding in findings:
        claim = f": *{finding.claim}*" if finding.claim else ""
        st.markdown(f"**{finding.mark}**{claim}. {finding.evidence}")
follow_up = verdicts.lr_follow_up(rows) if param == "lr" else ()
if follow_up:
    values = " / ".join(ex.format_value("lr", v) for v in follow_up)
    if st.button(f"Find where divergence begins: sweep lr {values}", key="exp_follow_up"):
        configs = ex.sweep_configs(configs[0], "lr", follow_up)
        st.session_state[SWEEP_KEY] = {"param": "lr", "configs": tuple(configs),
                                       "sha": jobs.text_sha(text)}
        for config in configs:
            registry().get(config, text)
        st.rerun()

trained = [(label, job, row) for label, job, row in zip(labels, sweep_jobs, rows)
           if job.run is not None]
curves = [(label, *ex.smoothed_loss(job.run.losses), row["status"])
          for label, job, row in trained]
chances = {row["chance_loss"] for _, _, row in trained}
chance = chances.pop() if len(chances) == 1 else None   # one line only if one scale
st.subheader("Loss curves")
st.caption(f"Each line is one run's loss, averaged over {ex.SMOOTH_WINDOW} steps; colour = the "
           f"value of {param}. The dashed line is the loss of an untrained model (drawn when the "
           "runs share one loss: guessing uniformly, ln V, for full softmax). A run that "
           "diverged is cut where its loss leaves the chart, at a red ▲ labelled with the step "
           "where its loss stopped being a number. Runs that end at different steps have their "
           "ends marked with a ◆.")
untrained = ("untrained: (k+1)·ln 2" if configs[0].objective == "negative"
             else "random guessing: ln V")
classroom.altair_chart(ac.sweep_loss_chart(experiments_views.sweep_loss_frame(curves), param,
                                           labels, chance, untrained), width="stretch")

st.subheader("Final maps")
groups = sets.get("groups") or {}
st.caption("Each run's final embeddings in 2-D (PCA of its own final W, so the axes of two "
           "maps are not comparable: look at which words cluster, not where). Labelled: " +
           ("the topic groups' words" if groups else f"the {MAP_LABELS} most frequent words") +
           ", where a label fits without covering another; hover a dot for its word.")
grouped = [w for ws in groups.values() for w in ws]
# Labels, most frequent first: the grouped words, or without groups (own text) the MAP_LABELS
# most frequent words.
labelled = []
if trained:
    first = trained[0][1].run
    ranked = [first.vocab[i] for i in word_views.by_frequency(first.vocab, first.corpus.counts)]
    labelled = [w for w in ranked if w in grouped] if grouped else ranked[:MAP_LABELS]
panels, capped = [], []
for label, job, row in trained:
    coords = job.projection("final_pca").coords[-1]
    title = f"{param} = {label}" + ("" if row["diverged_at"] is None else f" ({row['status']})")
    frame = experiments_views.scatter_frame(coords, job.run.vocab, groups)
    shown = word_views.top_words(job.run.vocab, job.run.corpus.counts, word_views.MAX_WORDS_SHOWN,
                            first=grouped)
    if shown is not None:
        capped.append(len(job.run.vocab))
    panels.append((title, similarity_views.shown_rows(frame, shown)))
if panels:
    classroom.altair_chart(ac.small_scatters(panels, groups, labelled=labelled), width="content")
if capped:
    st.caption(word_views.cap_note(word_views.MAX_WORDS_SHOWN, max(capped),
                              "per map: the topic groups' words, then the most frequent") +
               " The PCA axes are fitted on every word.")
failed = [row for row in rows if row["status"].startswith("failed")]
if failed:
    st.caption("Runs that could not train have no curve or map; the table says why.")
registry().trim()
