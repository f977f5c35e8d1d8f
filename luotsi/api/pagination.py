"""Paging of the API's lists, bounded so that no query string can ask the database for a row
number it cannot hold.

Ninja's LimitOffsetPagination accepts any integer: `?offset=10**22` reached the database as an
OFFSET outside its 64-bit integers (SQLite: "datatype mismatch", PostgreSQL: "bigint out of
range") and answered 500. Here such a request is a 422 naming the parameter.
"""

from ninja import Field, Schema
from ninja.conf import settings
from ninja.pagination import LimitOffsetPagination

# Far beyond any list Luotsi keeps, and far below 2**63.
MAX_OFFSET = 1_000_000_000
MAX_LIMIT = 1000


def max_page(page_size: int) -> int:
    """The highest `page` a page-numbered list accepts with at most `page_size` items a page."""
    return MAX_OFFSET // page_size


class LimitOffset(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(settings.PAGINATION_PER_PAGE, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
