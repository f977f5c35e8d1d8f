"""The cost pages: what each persona sees, money in the page's language, the chart with its
summary and table, the CSV, the year-over-year view, and the coordinator's year page (set the
cost per person-year, add and remove other costs with confirmation and audit events; bad
input re-renders naming the field; officers may not edit)."""

import csv
import io
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation

from luotsi.insights.models import ProgrammeCost, ProgrammeYear
from luotsi.insights.tests.test_costs import build_fixture
from luotsi.privacy.models import AuditEvent
from luotsi.testing.personas import Personas


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def costs(personas: Personas) -> Personas:
    return build_fixture(personas)


def _client(user, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def test_coordinator_sees_every_row_the_total_and_the_definitions(costs):
    response = _client(costs.coordinator).get("/programme/costs/?year=2025")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Southern major district", "Eastern major district", "Östersundom"):
        assert name in html
    assert "City-wide (business liaison)" in html
    assert "335,600.00\u00a0€" in html  # the whole programme's total cost
    assert "1,974.12\u00a0€" in html  # per participant in total
    assert "How costs are counted" in html
    assert "prorated by days" in html
    assert "a year without its own figure uses 100,000.00\u00a0€" in html
    assert "Set the costs of 2025" in html


def test_money_is_formatted_in_finnish_on_the_finnish_page(costs):
    html = _client(costs.coordinator, "fi").get("/programme/costs/?year=2025").content.decode()
    assert "335\u00a0600,00\u00a0€" in html
    assert "781,67\u00a0€" in html  # Southern: 93 800 / 120


def test_the_chart_has_a_title_a_summary_and_a_table(costs):
    html = _client(costs.coordinator).get("/programme/costs/?year=2025").content.decode()
    assert "<svg" in html
    assert "Cost per participant" in html
    # Highest: Eastern 1 389.70; lowest: Southern 781.67 (Östersundom has no participants).
    assert (
        "1,974.12\u00a0€ per participant in the whole programme; highest in Eastern major "
        "district (1,389.70\u00a0€), lowest in Southern major district (781.67\u00a0€)."
    ) in html


def test_officer_sees_own_district_and_the_total_but_not_other_rows(costs):
    html = _client(costs.officer_south).get("/programme/costs/?year=2025").content.decode()
    assert "Southern major district" in html
    assert "Eastern major district" not in html
    assert "City-wide (business liaison)</th>" not in html
    assert "335,600.00\u00a0€" in html
    assert "Set the costs of" not in html


def test_business_officer_sees_the_city_wide_row(costs):
    html = _client(costs.business_officer).get("/programme/costs/?year=2025").content.decode()
    assert "City-wide (business liaison)</th>" in html
    assert "Southern major district</th>" not in html


def test_bad_period_is_a_400_naming_the_field(costs):
    response = _client(costs.coordinator).get("/programme/costs/?start=2025-05-01&end=2025-04-01")
    assert response.status_code == 400
    assert "To: The last day must not be before the first day." in response.content.decode()


def test_csv_has_the_rows_and_the_total(costs):
    response = _client(costs.coordinator).get("/programme/costs/csv/?year=2025")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["row"] for row in rows][-2:] == ["City-wide (business liaison)", "Total"]
    total = rows[-1]
    assert total["total_cost_eur"] == "335600.00"
    assert total["participations"] == "170"
    assert rows[-2]["participations"] == ""  # the city-wide row has none of its own
    officer_rows = list(
        csv.DictReader(
            io.StringIO(
                _client(costs.officer_east).get("/programme/costs/csv/?year=2025").content.decode()
            )
        )
    )
    assert [row["row"] for row in officer_rows] == ["Eastern major district", "Total"]


def test_year_over_year_shows_each_year_and_the_change(costs):
    response = _client(costs.coordinator).get("/programme/costs/years/?first=2024&last=2025")
    assert response.status_code == 200
    html = response.content.decode()
    assert "110,999.00\u00a0€" in html and "335,600.00\u00a0€" in html
    assert "+224,601.00\u00a0€ (+202.3\u00a0%)" in html


def test_year_over_year_refuses_a_reversed_range(costs):
    response = _client(costs.coordinator).get("/programme/costs/years/?first=2025&last=2020")
    assert response.status_code == 400
    assert "Last year: The last year must not be before the first year." in (
        response.content.decode()
    )


def test_coordinator_sets_the_cost_per_person_year_with_an_audit_event(costs):
    client = _client(costs.coordinator, "fi")
    response = client.post(
        "/programme/costs/2026/", {"action": "rate", "cost_per_person_year": "95 000,50"}
    )
    assert response.status_code == 302
    assert ProgrammeYear.objects.get(year=2026).cost_per_person_year == Decimal("95000.50")
    assert AuditEvent.objects.filter(
        object_type="insights.programmeyear", action="change", actor=costs.coordinator
    ).exists()


def test_english_page_reads_thousands_separators_too(costs):
    response = _client(costs.coordinator).post(
        "/programme/costs/2025/", {"action": "rate", "cost_per_person_year": "95,000.50 €"}
    )
    assert response.status_code == 302
    assert ProgrammeYear.objects.get(year=2025).cost_per_person_year == Decimal("95000.50")


@pytest.mark.parametrize("value", ["-5", "5000000", "abc", ""])
def test_absurd_cost_per_person_year_is_refused_naming_the_field(costs, value):
    response = _client(costs.coordinator).post(
        "/programme/costs/2025/", {"action": "rate", "cost_per_person_year": value}
    )
    assert response.status_code == 400
    assert "Cost per officer per year (€):" in response.content.decode()
    assert ProgrammeYear.objects.get(year=2025).cost_per_person_year == Decimal("90000")


def test_coordinator_adds_and_removes_an_other_cost_after_confirming(costs):
    client = _client(costs.coordinator)
    response = client.post(
        "/programme/costs/2025/",
        {
            "action": "add",
            "category": "training",
            "description": "Mediation training",
            "amount": "1250.50",
        },
    )
    assert response.status_code == 302
    cost = ProgrammeCost.objects.get(description="Mediation training")
    assert cost.major_district is None and cost.amount == Decimal("1250.50")
    confirm = client.get(f"/programme/costs/2025/other/{cost.pk}/remove/")
    assert confirm.status_code == 200
    assert "Remove “Mediation training”" in confirm.content.decode()
    assert ProgrammeCost.objects.filter(pk=cost.pk).exists()  # asking removes nothing
    assert client.post(f"/programme/costs/2025/other/{cost.pk}/remove/").status_code == 302
    assert not ProgrammeCost.objects.filter(pk=cost.pk).exists()
    actions = set(
        AuditEvent.objects.filter(
            object_type="insights.programmecost", object_id=str(cost.pk)
        ).values_list("action", flat=True)
    )
    assert actions == {"create", "delete"}


def test_bad_other_cost_is_refused_naming_the_fields(costs):
    before = ProgrammeCost.objects.count()
    response = _client(costs.coordinator).post(
        "/programme/costs/2025/",
        {"action": "add", "category": "nonsense", "description": "", "amount": "-3"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Category:" in html and "Description:" in html
    assert "Amount (€): The amount must be more than 0 €." in html
    assert ProgrammeCost.objects.count() == before


def test_a_cost_of_another_year_is_not_found_on_this_years_remove_page(costs):
    cost = ProgrammeCost.objects.get(year=2024)
    response = _client(costs.coordinator).post(f"/programme/costs/2025/other/{cost.pk}/remove/")
    assert response.status_code == 404
    assert ProgrammeCost.objects.filter(pk=cost.pk).exists()


def test_officers_may_not_edit_costs(costs):
    cost = ProgrammeCost.objects.get(year=2025, category="coordination")
    for officer in (costs.officer_south, costs.business_officer):
        client = _client(officer)
        assert client.get("/programme/costs/2025/").status_code == 403
        assert (
            client.post(
                "/programme/costs/2025/", {"action": "rate", "cost_per_person_year": "1000"}
            ).status_code
            == 403
        )
        assert client.post(f"/programme/costs/2025/other/{cost.pk}/remove/").status_code == 403
    assert ProgrammeYear.objects.get(year=2025).cost_per_person_year == Decimal("90000")
    assert ProgrammeCost.objects.filter(pk=cost.pk).exists()


def test_year_page_shows_the_default_when_no_figure_is_set(costs):
    html = _client(costs.coordinator).get("/programme/costs/2024/").content.decode()
    assert "No figure is set for 2024: the default 100,000.00\u00a0€ is used." in html
    assert "coordination 2024" in html
