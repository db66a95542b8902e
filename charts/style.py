"""What the chart builders share to keep Streamlit's Vega drawing fast.

- `arrow(frame)`: the data as an index-free Arrow table (from a pandas frame Streamlit would add
  the index as an "(index)" field, which a row tooltip would then show).
- `ROW_TOOLTIP`: a mark's tooltip is its own data row. Vega then builds no tooltip object per
  point, which Streamlit's expression interpreter made the bulk of a big chart's drawing time;
  the frame holds only the columns worth showing.
- Layered and concatenated charts get their size, title and resolution when built
  (`alt.layer(a, b, height=…, resolve=…)`), never through .properties() or .resolve_scale()
  afterwards: those copy the chart by building it again.
- `unvalidated(chart)`: to_dict() without Altair's JSON-schema validation. Streamlit calls it
  on every rerun (~15 ms for the Step internals force map alone); the builders are fixed code
  and the tests validate every spec they make.
"""
from __future__ import annotations

import altair as alt
import pandas as pd
import pyarrow as pa

ROW_TOOLTIP = {"content": "data"}
# Resolutions given to alt.layer / alt.concat when they are built: .resolve_scale() or
# .properties() afterwards would copy a layered chart, i.e. build it again (its layer checks
# deep-copy every layer, tens of milliseconds a chart on each rerun).
INDEPENDENT_COLOURS = alt.Resolve(scale=alt.ScaleResolveMap(color="independent"))
INDEPENDENT_AXES = alt.Resolve(scale=alt.ScaleResolveMap(x="independent", y="independent"))

# The palette: roles (center, context, forces) in named colours; topic groups take PALETTE in
# order, words in no group UNGROUPED (the Embeddings player uses the same colours). Colours that
# also draw text (ORANGE, GREEN labels) reach 4.5:1 on white.
RED, PURPLE, BLUE, ORANGE, GREEN, BLACK = \
    "#cf222e", "#8250df", "#1f6feb", "#b35900", "#1a7f37", "#1f2328"
GREY, LIGHT_GREY = "#8c959f", "#b1b7bf"
# Okabe & Ito's colour-blind-safe set (distinct under protan-, deutan- and tritanopia), its
# yellow last: pale on white. Groups also differ by SHAPES (in the same order) and a legend.
PALETTE = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#000000",
           "#f0e442"]
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "wedge",
          "stroke"]
UNGROUPED = "#a8a8a8"

# Chart text in CSS pixels: at least 12 px on a laptop, larger on a projector (presenter layout).
TEXT_SIZES = {"normal": {"label": 12, "title": 13, "heading": 15},
              "presenter": {"label": 15, "title": 17, "heading": 19}}


def readable(chart, layout: str = "normal"):
    """The chart with its axis, legend, header, title and text-mark sizes set for `layout`,
    added to whatever configuration its builder gave it, and with to_dict() unvalidated.

    In place, on purpose: every builder returns a fresh chart, and Altair's configure_* copy a
    layered chart by building it again (its layer checks deep-copy every layer), which made
    these five settings about a tenth of a second of a page's script per chart. Marks that set
    their own fontSize keep it, so builders use at least TEXT_SIZES["normal"]["label"]."""
    size = TEXT_SIZES[layout]
    labels = {"labelFontSize": size["label"], "titleFontSize": size["title"]}
    sizes = {"axis": labels, "header": labels, "title": {"fontSize": size["heading"]},
             "legend": {**labels, "symbolSize": 140 if layout == "presenter" else 100},
             "text": {"fontSize": size["label"]}}
    given = {} if chart.config is alt.Undefined else chart.config.to_dict(validate=False)
    chart.config = alt.Config(**{**given, **{part: {**given.get(part, {}), **values}
                                             for part, values in sizes.items()}})
    return unvalidated(chart)


def arrow(frame: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)


class _Unvalidated:
    """Mixin: `to_dict()` skips schema validation unless asked (validate=True)."""

    def to_dict(self, validate: bool = False, **kwargs) -> dict:
        return super().to_dict(validate, **kwargs)


_UNVALIDATED: dict[type, type] = {}     # chart class → its unvalidated twin (a handful)


def unvalidated(chart):
    """The same chart object, its to_dict() no longer validating by default (any chart type:
    single, layered, concatenated, faceted). Altair's __setattr__ stores attributes as spec
    properties, hence object.__setattr__."""
    cls = type(chart)
    if not issubclass(cls, _Unvalidated):
        if cls not in _UNVALIDATED:
            _UNVALIDATED[cls] = type(cls.__name__, (_Unvalidated, cls), {})
        object.__setattr__(chart, "__class__", _UNVALIDATED[cls])
    return chart
