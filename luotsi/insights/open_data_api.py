"""The public open-data API (/api/v1/open/…): the datasets of open_datasets.py, a page at a
time, with their licence and metadata; no authentication.

Every answer carries an ETag and `Cache-Control: public`; a request whose If-None-Match names
the current ETag gets 304. Row shapes are generated from the datasets' column declarations,
so the OpenAPI schema, the files and the data dictionary describe the same columns.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from ninja import Field, Query, Router, Schema
from pydantic import create_model

from luotsi.api.errors import responses
from luotsi.api.pagination import max_page
from luotsi.insights.open_data import (
    ColumnType,
    Dataset,
    add_cache_headers,
    dictionary,
    etag_of,
    is_fresh,
    licence_headers,
    metadata,
    not_modified,
    site_url,
)
from luotsi.insights.open_datasets import ALL_CHANNELS, DATASETS

router = Router(auth=None, tags=["open data"])

MAX_PAGE_SIZE = 1000
MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
CODE = Field(None, max_length=40)

_TYPES: dict[ColumnType, type] = {
    ColumnType.STRING: str,
    ColumnType.INTEGER: int,
    ColumnType.COUNT: int,
    ColumnType.PERCENT: int,
    ColumnType.BOOLEAN: bool,
    ColumnType.DATE: str,
    ColumnType.MONTH: str,
    ColumnType.DATETIME: str,
}


class Translated(Schema):
    fi: str
    sv: str
    en: str


class Licence(Schema):
    name: str
    url: str


class MetaOut(Schema):
    dataset: str
    title: Translated
    description: Translated
    licence: Licence
    attribution: str = Field(description="credit the data to this name (CC BY 4.0)")
    source: str
    dictionary: str = Field(description="the columns' types and meanings")
    downloads: dict[str, str] = Field(description="the whole dataset as csv and json")
    min_cell: int = Field(description="counts of fewer people are null, with a flag")
    columns: list[str]
    data_as_of: str | None = Field(
        description="when the source figures were last rebuilt (participation); else null"
    )
    generated_at: str


def _page_schema(dataset: Dataset) -> Any:
    name = "".join(part.capitalize() for part in dataset.slug.split("-"))
    with translation.override("en"):
        fields: dict[str, Any] = {
            column.name: (
                _TYPES[column.type] | None if column.nullable else _TYPES[column.type],
                Field(description=str(column.meaning)),
            )
            for column in dataset.columns
        }
    row = create_model(f"Open{name}Row", __base__=Schema, **fields)
    return create_model(
        f"Open{name}Page",
        __base__=Schema,
        meta=(MetaOut, ...),
        count=(int, Field(description="rows in the whole (filtered) dataset")),
        page=(int, ...),
        page_size=(int, ...),
        next=(str | None, ...),
        previous=(str | None, ...),
        data=(list[row], ...),  # type: ignore[valid-type]
    )


PAGES = {slug: _page_schema(dataset) for slug, dataset in DATASETS.items()}


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=max_page(MAX_PAGE_SIZE))
    page_size: int = Field(100, ge=1, le=MAX_PAGE_SIZE)


class ParticipationQuery(PageQuery):
    district: str | None = Field(None, max_length=40, description="a district's code, e.g. 101")
    channel: str | None = Field(
        None, max_length=40, description=f"a channel, or {ALL_CHANNELS} for the sums"
    )
    month_from: str | None = Field(None, pattern=MONTH, description="first month, YYYY-MM")
    month_to: str | None = Field(None, pattern=MONTH, description="last month, YYYY-MM")


class DistrictQuery(PageQuery):
    district: str | None = Field(None, max_length=40, description="a district's code, e.g. 101")


class CycleQuery(PageQuery):
    cycle: str | None = Field(None, max_length=60, description="a round's identifier")


def _url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return site_url(request.path) + "?" + query.urlencode()


def _answer(
    request: HttpRequest,
    response: HttpResponse,
    dataset: Dataset,
    query: PageQuery,
    **equal: str | None,
) -> Any:
    """One page of the dataset's rows whose columns equal the given values (None: any)."""
    wanted = {name: value for name, value in equal.items() if value}
    rows = [row for row in dataset.rows() if all(row.get(k) == v for k, v in wanted.items())]
    return _page(request, response, dataset, query, rows)


def _page(
    request: HttpRequest,
    response: HttpResponse,
    dataset: Dataset,
    query: PageQuery,
    rows: list[dict[str, Any]],
) -> Any:
    start = (query.page - 1) * query.page_size
    last_page = max(1, -(-len(rows) // query.page_size))
    body = {
        "meta": metadata(dataset),
        "count": len(rows),
        "page": query.page,
        "page_size": query.page_size,
        "next": _url(request, query.page + 1) if query.page < last_page else None,
        "previous": _url(request, min(query.page - 1, last_page)) if query.page > 1 else None,
        "data": rows[start : start + query.page_size],
    }
    etag = etag_of(body)
    if is_fresh(request, etag):
        return licence_headers(not_modified(etag), dataset)
    add_cache_headers(response, etag)
    licence_headers(response, dataset)
    return body


@router.get(
    "/open/participation",
    response=responses(PAGES["participation"], 422),
    summary="Participations per district, month and channel (small counts hidden)",
)
def open_participation(
    request: HttpRequest, response: HttpResponse, filters: Query[ParticipationQuery]
) -> Any:
    dataset = DATASETS["participation"]
    rows = [
        row
        for row in dataset.rows()
        if (not filters.district or row["district_code"] == filters.district)
        and (not filters.channel or row["channel"] == filters.channel)
        and (not filters.month_from or row["month"] >= filters.month_from)
        and (not filters.month_to or row["month"] <= filters.month_to)
    ]
    return _page(request, response, dataset, filters, rows)


@router.get(
    "/open/events",
    response=responses(PAGES["events"], 422),
    summary="Public events: titles, times, places, languages and audiences",
)
def open_events(request: HttpRequest, response: HttpResponse, filters: Query[DistrictQuery]) -> Any:
    return _answer(request, response, DATASETS["events"], filters, district_code=filters.district)


@router.get(
    "/open/concerns",
    response=responses(PAGES["concerns"], 422),
    summary="Messages from residents made public by an officer (moderated summaries)",
)
def open_concerns(
    request: HttpRequest, response: HttpResponse, filters: Query[DistrictQuery]
) -> Any:
    return _answer(request, response, DATASETS["concerns"], filters, district_code=filters.district)


@router.get(
    "/open/pb-results",
    response=responses(PAGES["pb-results"], 422),
    summary="Participatory budgeting results of rounds whose results are published",
)
def open_pb_results(
    request: HttpRequest, response: HttpResponse, filters: Query[CycleQuery]
) -> Any:
    return _answer(request, response, DATASETS["pb-results"], filters, cycle=filters.cycle)


@router.get(
    "/open/pb-implementation",
    response=responses(PAGES["pb-implementation"], 422),
    summary="Implementation status and progress of the selected participatory budgeting plans",
)
def open_pb_implementation(
    request: HttpRequest, response: HttpResponse, filters: Query[CycleQuery]
) -> Any:
    return _answer(request, response, DATASETS["pb-implementation"], filters, cycle=filters.cycle)


@router.get(
    "/open/campaign-coverage",
    response=responses(PAGES["campaign-coverage"], 422),
    summary="Outreach campaigns: targets, reached and responded (small counts hidden)",
)
def open_campaign_coverage(
    request: HttpRequest, response: HttpResponse, filters: Query[PageQuery]
) -> Any:
    return _answer(request, response, DATASETS["campaign-coverage"], filters)


class CatalogueEntry(Schema):
    dataset: str
    title: Translated
    description: Translated
    api: str
    downloads: dict[str, str] = Field(description="the whole dataset as csv and json")
    dictionary: str


class CatalogueOut(Schema):
    licence: Licence
    attribution: str
    dictionary: str
    datasets: list[CatalogueEntry]


@router.get(
    "/open/",
    response=responses(CatalogueOut, 422),
    summary="The open datasets, with their API, download and dictionary addresses",
)
def open_catalogue(request: HttpRequest, response: HttpResponse) -> Any:
    entries = []
    for slug, dataset in DATASETS.items():
        meta = metadata(dataset)
        entries.append(
            {
                "dataset": slug,
                "title": meta["title"],
                "description": meta["description"],
                "api": site_url(reverse(f"api:open_{slug.replace('-', '_')}")),
                "downloads": meta["downloads"],
                "dictionary": meta["dictionary"],
            }
        )
    full = dictionary([])["meta"]
    body = {
        "licence": full["licence"],
        "attribution": full["attribution"],
        "dictionary": site_url(reverse("open_data:dictionary")),
        "datasets": entries,
    }
    etag = etag_of(body)
    if is_fresh(request, etag):
        return not_modified(etag)
    add_cache_headers(response, etag)
    return body


@router.get(
    "/open/dictionary",
    response=responses(dict[str, Any], 422),
    summary="The data dictionary: every dataset's columns with type and meaning",
)
def open_dictionary(request: HttpRequest, response: HttpResponse) -> Any:
    body = dictionary(DATASETS.values())
    etag = etag_of(body)
    if is_fresh(request, etag):
        return not_modified(etag)
    add_cache_headers(response, etag)
    licence_headers(response)
    return body
