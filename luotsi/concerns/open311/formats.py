"""Rendering Open311 GeoReport v2 answers as JSON or XML, errors included.

The same Python data (dicts, lists, strings, numbers, booleans, None) renders to both
formats, so the two always agree; the XML element names are the spec's.
"""

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse

JSON = "json"
XML = "xml"
FORMATS = (JSON, XML)
CONTENT_TYPES = {JSON: "application/json; charset=utf-8", XML: "text/xml; charset=utf-8"}
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'

# In XML the spec names a list's items after the list: <services><service>…, and so on.
ITEM_NAMES = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "service_requests": "request",
    "errors": "error",
}

# Characters XML 1.0 cannot carry at all (ElementTree would write them and produce a document
# no parser accepts); residents' texts can contain them, e.g. pasted from other programs.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class Open311Error(Exception):
    """An answer in the spec's error format: the HTTP status and one or more descriptions."""

    def __init__(self, status: int, descriptions: str | Iterable[str]) -> None:
        self.status = status
        self.descriptions = [descriptions] if isinstance(descriptions, str) else list(descriptions)
        super().__init__("; ".join(self.descriptions))

    @classmethod
    def fields(cls, errors: dict[str, str]) -> "Open311Error":
        """Bad parameters: 400, each description naming the parameter at fault."""
        return cls(400, [f"{name}: {text}" if name else text for name, text in errors.items()])


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _append(parent: ET.Element, name: str, value: Any) -> None:
    element = ET.SubElement(parent, name)
    if isinstance(value, dict):
        for key, item in value.items():
            _append(element, key, item)
    elif isinstance(value, list):
        for item in value:
            _append(element, ITEM_NAMES[name], item)
    else:
        element.text = _text(value)


def xml_document(root: str, data: Any) -> bytes:
    """`data` as the spec's XML: a dict's keys become elements, a list's items are named
    after the list (ITEM_NAMES)."""
    element = ET.Element(root)
    items = data.items() if isinstance(data, dict) else ((ITEM_NAMES[root], i) for i in data)
    for name, value in items:
        _append(element, name, value)
    return (XML_DECLARATION + ET.tostring(element, encoding="unicode")).encode("utf-8")


def render(fmt: str, root: str, data: Any, status: int = 200) -> HttpResponse:
    """`root` is the XML document element (JSON has none)."""
    if fmt == XML:
        body = xml_document(root, data)
    else:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    content_type = CONTENT_TYPES[XML if fmt == XML else JSON]
    return HttpResponse(body, status=status, content_type=content_type)


def render_error(fmt: str, error: Open311Error) -> HttpResponse:
    """The spec's error list: [{"code": 404, "description": "…"}], or <errors><error>…."""
    errors = [{"code": error.status, "description": text} for text in error.descriptions]
    return render(fmt if fmt in FORMATS else JSON, "errors", errors, status=error.status)
