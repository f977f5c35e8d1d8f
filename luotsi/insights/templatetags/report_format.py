"""Number formatting for the annual report (money, counts, changes), in the language the
report is rendered in (the caller's translation.override)."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from luotsi.insights.selectors_costs import Change

register = template.Library()

DASH = "–"


def _number(value: Decimal | float | int, places: int) -> str:
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def count(value: Decimal | float | int | None) -> str:
    """12 345 (fi), 12 345 (sv), 12,345 (en); "–" for nothing."""
    return DASH if value is None else _number(value, 0)


@register.filter
def decimal1(value: Decimal | float | None) -> str:
    return DASH if value is None else _number(value, 1)


@register.filter
def money(value: Decimal | float | None, places: int = 0) -> str:
    """Euros, by default without cents: 1 234 567 €."""
    return DASH if value is None else f"{_number(value, int(places))}\u00a0€"


@register.filter
def share(value: float | None) -> str:
    """A share 0–1 as a percentage: 83,3 %."""
    return DASH if value is None else f"{_number(value * 100, 1)}\u00a0%"


@register.filter
def change_percent(change: Change | None) -> str:
    """+12,5 % / −3,0 %; "–" when there is nothing to compare."""
    if change is None or change.percent is None:
        return DASH
    sign = "+" if change.percent > 0 else ("−" if change.percent < 0 else "±")
    return f"{sign}{_number(abs(change.percent), 1)}\u00a0%"
