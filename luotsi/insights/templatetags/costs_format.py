"""Money and changes on the cost pages, in the page's language: 1 234,56 € in Finnish and
Swedish, 1,234.56 € in English; "–" where there is nothing to show."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from luotsi.insights.selectors_costs import Change

register = template.Library()

DASH = "–"


def money(value: Decimal | int | None) -> str:
    if value is None:
        return DASH
    return number_format(value, decimal_pos=2, force_grouping=True) + "\u00a0€"


def whole_money(value: Decimal | int | None) -> str:
    if value is None:
        return DASH
    return number_format(round(value), force_grouping=True) + "\u00a0€"


@register.filter(name="money")
def money_filter(value: Decimal | int | None) -> str:
    return money(value)


@register.filter(name="whole_money")
def whole_money_filter(value: Decimal | int | None) -> str:
    return whole_money(value)


@register.filter
def person_years(value: Decimal | None) -> str:
    return DASH if value is None else number_format(value, decimal_pos=2)


@register.filter
def count(value: int | None) -> str:
    return DASH if value is None else number_format(value, force_grouping=True)


@register.filter
def change_money(change: Change | None) -> str:
    """+1 234,56 € (+12,3 %)."""
    if change is None:
        return DASH
    sign = "+" if change.difference > 0 else ("−" if change.difference < 0 else "±")
    text = sign + money(abs(change.difference))
    if change.percent is not None:
        text += f" ({sign}{number_format(abs(change.percent), decimal_pos=1)}\u00a0%)"
    return text


@register.filter
def change_count(change: Change | None) -> str:
    if change is None:
        return DASH
    sign = "+" if change.difference > 0 else ("−" if change.difference < 0 else "±")
    text = sign + number_format(abs(change.difference), decimal_pos=0, force_grouping=True)
    if change.percent is not None:
        text += f" ({sign}{number_format(abs(change.percent), decimal_pos=1)}\u00a0%)"
    return text


@register.filter
def change_person_years(change: Change | None) -> str:
    if change is None:
        return DASH
    sign = "+" if change.difference > 0 else ("−" if change.difference < 0 else "±")
    return sign + number_format(abs(change.difference), decimal_pos=2)
