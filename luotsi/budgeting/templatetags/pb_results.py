"""Template filters of the results pages: euros and vote counts in the page's language."""

from typing import Any

from django import template

from luotsi.budgeting.results_text import euros as _euros
from luotsi.budgeting.results_text import whole

register = template.Library()


@register.filter
def euros(value: Any) -> str:
    """12345 → "12 345 €" (fi, sv) / "12,345 €" (en)."""
    return _euros(value)


@register.filter
def votes(value: Any) -> str:
    return whole(value)
