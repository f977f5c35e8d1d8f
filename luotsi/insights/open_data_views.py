"""The open-data pages (/open-data/): the list of datasets with their downloads, the data
dictionary (HTML and JSON) and the bulk files. Public; the files are cached like the API
(ETag, Cache-Control: public) and carry their licence in HTTP headers (see open_data.py)."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from luotsi.insights.open_data import (
    LICENCE,
    TYPE_LABELS,
    Dataset,
    add_cache_headers,
    attribution,
    csv_text,
    dictionary,
    etag_of,
    is_fresh,
    json_bytes,
    licence_headers,
    metadata,
    min_cell,
    not_modified,
)
from luotsi.insights.open_datasets import DATASETS


def _dataset(slug: str) -> Dataset:
    try:
        return DATASETS[slug]
    except KeyError as exc:
        raise Http404 from exc


def _common() -> dict[str, Any]:
    return {
        "datasets": list(DATASETS.values()),
        "licence": LICENCE,
        "attribution": attribution(),
        "min_cell": min_cell(),
    }


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "insights/open_data/index.html", _common())


@require_safe
def dictionary_page(request: HttpRequest) -> HttpResponse:
    types = [(str(kind), label) for kind, label in TYPE_LABELS.items()]
    return render(request, "insights/open_data/dictionary.html", _common() | {"types": types})


def _file(
    request: HttpRequest,
    content: bytes,
    etag: str,
    content_type: str,
    filename: str,
    dataset: Dataset | None,
) -> HttpResponse:
    if is_fresh(request, etag):
        return licence_headers(not_modified(etag), dataset)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return licence_headers(add_cache_headers(response, etag), dataset)


@require_safe
def dictionary_json(request: HttpRequest) -> HttpResponse:
    body = dictionary(DATASETS.values())
    return _file(
        request,
        json_bytes(body),
        etag_of(body),
        "application/json",
        "open-data-dictionary.json",
        None,
    )


@require_safe
def download_csv(request: HttpRequest, dataset: str) -> HttpResponse:
    found = _dataset(dataset)
    text = csv_text(found, found.rows())
    return _file(
        request, text.encode(), etag_of(text), "text/csv; charset=utf-8", f"{dataset}.csv", found
    )


@require_safe
def download_json(request: HttpRequest, dataset: str) -> HttpResponse:
    found = _dataset(dataset)
    body = {"meta": metadata(found), "data": found.rows()}
    return _file(
        request, json_bytes(body), etag_of(body), "application/json", f"{dataset}.json", found
    )
