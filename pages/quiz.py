"""Quiz: questions generated from the current run; answer first, then see the evidence."""
import json

import pandas as pd
import streamlit as st

from app import callbacks, classroom, derived
from app.state import corpus_sets, current_job, current_run
from charts import teaching as tc
from views.text import md_escape
from w2v import quiz

ANSWERS = "_quiz_answers"        # session state: {quiz id: {question id: committed answer}}

st.title("Quiz")
st.markdown(
    "These questions are made from the run you are looking at: its corpus, its settings and "
    "what it learned. Commit an answer first; only then does the quiz show the number, table "
    "or curve from the run that settles it, with an explanation. Everyone who opens the same "
    "link gets the same questions.")

run = current_run()
if run.config.objective == "negative":
    st.info("This run trains with negative sampling. The quiz is about the lesson's model, the "
            "full softmax: questions that rest on its loss (its start at ln V, its floor, a step "
            "changing every row of W′) are left out, and “most probable context” means the "
            "softmax the same W and W′ define, which this run did not train directly.",
            icon=":material/casino:")
key = current_job().key
questions = derived.quiz_of(key, json.dumps(corpus_sets()), run)
quiz_id = repr(key)
answers = st.session_state.setdefault(ANSWERS, {}).setdefault(quiz_id, {})

result = quiz.score(questions, answers)
top = st.columns([1, 1, 2])
top[0].metric("Score", f"{result.correct} / {result.total}")
top[1].metric("Answered", f"{result.answered} / {result.total}")
top[2].button("Start again", on_click=callbacks.restart_quiz, args=(ANSWERS, quiz_id),
              disabled=not answers)

number = 0
for tier in quiz.TIERS:
    tier_questions = [q for q in questions if q.tier == tier]
    if not tier_questions:
        continue
    st.header(tier)
    for q in tier_questions:
        number += 1
        with st.container(border=True):
            st.markdown(f"**{number}.** " + md_escape(q.prompt))
            given = answers.get(q.qid)
            widget = f"quiz_input_{q.qid}"
            if given is None:
                with st.form(f"quiz_form_{q.qid}", border=False):
                    if q.kind == quiz.CHOICE:
                        st.radio("Your answer", q.options, index=None, key=widget,
                                 format_func=md_escape,
                                 horizontal=max(map(len, q.options)) <= 20)
                    elif q.decimals:
                        st.number_input("Your answer", value=None, step=10 ** -q.decimals,
                                        format=f"%.{q.decimals}f", key=widget)
                    else:
                        st.number_input("Your answer", value=None, step=1, key=widget)
                    st.form_submit_button("Commit answer", on_click=callbacks.commit_answer,
                                          args=(ANSWERS, quiz_id, q.qid, widget),
                                          key=f"quiz_commit_{q.qid}")
                if st.session_state.get(f"_quiz_warn_{q.qid}"):
                    st.warning("Choose or type an answer first.")
                continue
            shown = (f"{float(given):,.{q.decimals}f}" if q.kind == quiz.NUMBER else str(given))
            if q.is_correct(given):
                st.success("Right: " + md_escape(shown))
            else:
                st.error("Your answer: " + md_escape(shown) + " · the run says: "
                         + md_escape(q.shown_answer()))
            st.markdown(md_escape(q.explanation))
            ev = q.evidence
            if ev is None:
                continue
            if ev.kind == "metric":
                st.metric(md_escape(ev.label), ev.value)
            else:
                st.markdown("**Evidence:** " + md_escape(ev.label))
                if ev.kind == "line":
                    classroom.altair_chart(tc.evidence_line_chart(ev.rows, ev.x, ev.y),
                                           width="stretch")
                else:
                    st.dataframe(pd.DataFrame(list(ev.rows)), hide_index=True)
            if ev.note:
                st.caption(md_escape(ev.note))

if result.answered == result.total and result.total:
    st.success(f"Done: {result.correct} of {result.total} right. Change a setting in the "
               "sidebar for a new run and a new quiz, or press Start again.")
