"""The representation table as plain rows: the CSV export and the API both build on
`representation_records`, so a hidden cell is hidden the same way in both (and on the pages,
which read the same Figures)."""

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from luotsi.areas.models import District, MajorDistrict
from luotsi.insights.figures import CITY, AreaKey, Figures
from luotsi.insights.models import Dimension


def _number(value: float | None, places: int) -> str:
    return "" if value is None else f"{value:.{places}f}"


def representation_records(figures: Figures, area: AreaKey) -> list[dict[str, Any]]:
    """One record per group of the area: counts as Cells, derived figures None when hidden."""
    records = []
    for dimension in (Dimension.LANGUAGE, Dimension.AGE):
        for row in figures.representation(area, dimension):
            result = row.result
            records.append(
                {
                    "dimension": str(dimension),
                    "group": row.group,
                    "label": row.label,
                    "participants": row.cell,
                    "known": row.known,
                    "participant_share": result.share if result else None,
                    "population_share": row.population_share,
                    "ratio": result.ratio if result else None,
                    "ratio_low": result.ratio_low if result else None,
                    "ratio_high": result.ratio_high if result else None,
                    "small_sample": result.small_sample if result else None,
                }
            )
    return records


HEADER = (
    "level", "code", "area", "participations", "per_1000_residents", "dimension", "group",
    "participants", "participants_with_known_group", "participant_share", "population_share",
    "ratio", "ratio_low_95", "ratio_high_95", "small_sample",
)  # fmt: skip


def representation_rows(
    *, figures: Figures, majors: list[MajorDistrict], districts: list[District]
) -> Iterator[list[str]]:
    """The CSV: a header, then the city, the major districts and the districts the reader
    may see. Hidden counts read "<5" or "hidden"; figures derived from them are empty."""
    yield list(HEADER)
    areas: list[tuple[str, str, str, AreaKey]] = [("city", "", _("City"), CITY)]
    areas += [("major_district", m.code, m.name, ("major", m.pk)) for m in majors]
    areas += [("district", d.code, d.name, ("district", d.pk)) for d in districts]
    for level, code, name, area in areas:
        total = figures.cell(area).display()
        rate = _number(figures.per_1000(area), 2)
        for record in representation_records(figures, area):
            small = record["small_sample"]
            yield [
                level, code, name, total, rate, record["dimension"], record["group"],
                record["participants"].display(), record["known"].display(),
                _number(record["participant_share"], 4), _number(record["population_share"], 4),
                _number(record["ratio"], 3), _number(record["ratio_low"], 3),
                _number(record["ratio_high"], 3), "" if small is None else str(small).lower(),
            ]  # fmt: skip
