"""What the chart builders share to keep Streamlit's Vega drawing fast.

- `arrow(frame)`: the data as an index-free Arrow table (from a pandas frame Streamlit would add
  the index as an "(index)" field, which a row tooltip would then show).
- `ROW_TOOLTIP`: a mark's tooltip is its own data row. Vega then builds no tooltip object per
  point, which Streamlit's expression interpreter made the bulk of a big chart's drawing time;
  the frame holds only the columns worth showing.
- `unvalidated(chart)`: to_dict() without Altair's JSON-schema validation. Streamlit calls it
  on every rerun (~15 ms for the Step internals force map alone); the builders are fixed code
  and the tests validate every spec they make.
"""
from __future__ import annotations

import altair as alt
import pandas as pd
import pyarrow as pa

ROW_TOOLTIP = {"content": "data"}

# The palette: roles (center, context, forces) in named colours; topic groups take PALETTE in
# order, words in no group UNGROUPED (the Embeddings player uses the same colours).
RED, PURPLE, BLUE, ORANGE, GREEN, BLACK = \
    "#cf222e", "#8250df", "#1f6feb", "#d97706", "#2da44e", "#1f2328"
GREY, LIGHT_GREY = "#8c959f", "#b1b7bf"
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#17becf"]
UNGROUPED = "#a8a8a8"


def arrow(frame: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)


class _Unvalidated:
    """Mixin: `to_dict()` skips schema validation unless asked (validate=True)."""

    def to_dict(self, validate: bool = False, **kwargs) -> dict:
        return super().to_dict(validate, **kwargs)


class _Chart(_Unvalidated, alt.Chart):
    pass


class _LayerChart(_Unvalidated, alt.LayerChart):
    pass


def unvalidated(chart):
    """The same chart object, its to_dict() no longer validating by default. (Altair's
    __setattr__ stores attributes as spec properties, hence object.__setattr__.)"""
    object.__setattr__(chart, "__class__",
                       _LayerChart if isinstance(chart, alt.LayerChart) else _Chart)
    return chart
