"""The Model page: layers and parameter counts, the scale comparison, the forward pass drawn."""
from __future__ import annotations

import pandas as pd

from w2v.cost import scores_per_step
from w2v.reports import SCALE_COMPARISON


def parameter_table(V: int, d: int) -> list[dict]:
    """The model's layers and parameter counts for vocabulary V and dimension d."""
    return [
        {"layer": "W (embeddings)", "type": "Embedding", "shape": f"{V} × {d}", "parameters": V * d},
        {"layer": "W′ (output)", "type": "Linear, no bias", "shape": f"{d} × {V}", "parameters": d * V},
        {"layer": "Total", "type": "", "shape": "", "parameters": 2 * V * d},
    ]


def scale_table(V: int, d: int) -> list[dict]:
    """This model next to well-known models, for a log-scale comparison."""
    rows = [{"model": "This model", "parameters": 2 * V * d, "label": f"{2 * V * d:,}",
             "this": True}]
    rows += [{"model": m, "parameters": p, "label": lab, "this": False}
             for m, p, lab in SCALE_COMPARISON]
    return rows


def architecture_dot(V: int, d: int) -> str:
    """Graphviz DOT source of the forward pass with this run's shapes (numbers only, no words)."""
    V, d = int(V), int(d)
    nodes = [
        ("onehot", f"center word\\none-hot [{V}]", "#e8eef9"),
        ("hidden", f"v_c = W[center]\\nembedding [{d}]", "#cfe0ff"),
        ("logits", f"logits = W′ · v_c\\nscores [{V}]", "#ffe3c2"),
        ("probs", f"softmax\\nprobabilities [{V}]", "#ffd2d2"),
        ("loss", "loss = −log p(context)\\n[1]", "#e0e0e0"),
    ]
    edges = [("onehot", "hidden", f"lookup in W ({V}×{d})"),
             ("hidden", "logits", f"multiply by W′ ({d}×{V})"),
             ("logits", "probs", "exp, normalise"),
             ("probs", "loss", "pick the true context")]
    lines = ["digraph G {", "  rankdir=LR;", '  node [shape=box, style="rounded,filled", '
             'fontname="Helvetica", fontsize=11];', '  edge [fontname="Helvetica", fontsize=9];']
    lines += [f'  {n} [label="{label}", fillcolor="{color}"];' for n, label, color in nodes]
    lines += [f'  {a} -> {b} [label="{label}"];' for a, b, label in edges]
    lines.append("}")
    return "\n".join(lines)


def parameter_frame(V: int, d: int) -> pd.DataFrame:
    frame = pd.DataFrame(parameter_table(V, d))
    frame["parameters"] = frame["parameters"].map("{:,}".format)
    return frame.set_index("layer")


def scale_frame(V: int, d: int) -> pd.DataFrame:
    return pd.DataFrame(scale_table(V, d))


def cost_frame(V: int, d: int, k: int, objective: str, seconds: dict[str, float]) -> pd.DataFrame:
    """One row per objective: the multiply-adds of one step's scores (V·d or (k+1)·d), and the
    engine's measured µs per step on this run's text and settings (`seconds`: objective → s)."""
    rows = []
    for name, formula, adds in (("full softmax", "V·d", scores_per_step("softmax", V, d, k)),
                                ("negative sampling", "(k+1)·d",
                                 scores_per_step("negative", V, d, k))):
        key = "softmax" if name == "full softmax" else "negative"
        rows.append({"objective": name + ("  ← this run" if key == objective else ""),
                     "scores a step": f"{formula} = {adds:,}",
                     "multiply-adds": adds,
                     "measured µs a step": round(1e6 * seconds[key], 2)})
    return pd.DataFrame(rows).set_index("objective")
