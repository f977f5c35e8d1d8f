"""The results bar chart: server-rendered SVG in the same geometry and classes as the
inclusion charts (luotsi/insights, `.chart`/`.bars`/`.bar-N` in luotsi.css); the page shows it
with a caption, a sentence per area and the data table, so nobody needs the picture."""

from dataclasses import dataclass

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from luotsi.budgeting.results_text import whole
from luotsi.budgeting.selectors_results import AreaResult

LABEL_SPACE = 150  # SVG units for the plan names
BAR_SPACE = 230  # SVG units for the longest bar
ROW_HEIGHT = 30
WIDTH = 520


@dataclass(frozen=True)
class VoteBar:
    label: str
    value_text: str
    selected: bool
    offset: int
    # SVG coordinates are plain strings, never localised ("130.7", not "130,7").
    width: str
    text_x: str


@dataclass(frozen=True)
class VoteChart:
    bars: list[VoteBar]
    height: int
    width: int = WIDTH


def votes_chart(area: AreaResult) -> VoteChart:
    """One bar per plan, most votes first; selected plans in another colour and named so in
    the value text (colour is never the only cue)."""
    most = max((row.votes for row in area.rows), default=0) or 1
    bars = []
    for index, row in enumerate(area.rows):
        width = row.votes / most * BAR_SPACE
        text = whole(row.votes)
        if row.selected:
            text = _("%(votes)s – selected") % {"votes": text}
        bars.append(
            VoteBar(
                label=Truncator(f"{row.code} {row.title}").chars(22),
                value_text=text,
                selected=row.selected,
                offset=index * ROW_HEIGHT,
                width=f"{width:.1f}",
                text_x=f"{LABEL_SPACE + width + 6:.1f}",
            )
        )
    return VoteChart(bars=bars, height=max(len(bars), 1) * ROW_HEIGHT + 10)
