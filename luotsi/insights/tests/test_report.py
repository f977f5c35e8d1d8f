"""The annual report (selectors_report, views_report): its figures are the dashboard's and the
cost pages' for the same period, a few of them computed by hand on a small fixture; the PDF
is a real PDF that poppler renders; the language choice; permissions; bad parameters.

The fixture (2025; 2024 has nothing):
- officer_south covers the Southern major district (1), officer_east the Eastern one (7), the
  business officer works city-wide, all of 2025; cost per person-year 90 000 € in 2025;
- interactions: three in Vironniemi (101, Southern) in March, one in Vuosaari (704, Eastern)
  in May;
- events: a completed Southern café on 10.3.2025 with 12 walk-ins and 500 € spent, a completed
  Eastern café on 5.5.2025 with 8 walk-ins, and a cancelled Southern event (not held);
- participations: 100 people in Vironniemi in January 2025 (language rows count each once).

By hand: the team has 4 interactions, 2 events and 20 attendees; 3 person-years cost
3 × 90 000 = 270 000 €, plus 500 € event spending = 270 500 € in all; per participant
270 500 / 100 = 2 705,00 €; per event 500 / 2 = 250,00 €. The Southern major district:
3 interactions, 1 event, 12 attendees, 90 000 + 500 = 90 500 €, 905,00 € per participant.
"""

import datetime
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone, translation

from luotsi.accounts.models import AssignmentKind, OfficerAssignment
from luotsi.areas.models import District, MajorDistrict
from luotsi.events.models import CostCategory, CostStatus, EventCost, EventStatus
from luotsi.insights import forms_report, selectors_costs, selectors_dashboard, selectors_report
from luotsi.insights.models import ParticipationCount, ProgrammeYear
from luotsi.insights.periods import Period, year_period
from luotsi.network.models import Interaction
from luotsi.testing import events as ev
from luotsi.testing.factories import OfficerAssignmentFactory
from luotsi.testing.personas import Personas

YEAR = 2025
REPORT = "/programme/report/"
VIEW = "/programme/report/view/"
PDF = "/programme/report/pdf/"


def _major(number: int) -> MajorDistrict:
    return MajorDistrict.objects.get(city__slug="helsinki", number=number)


def _local(month: int, day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(YEAR, month, day, 18))


def _interaction(p: Personas, code: str, day: datetime.date) -> None:
    officer = p.officer_south if code.startswith("1") else p.officer_east
    Interaction.objects.create(
        channel="meeting",
        summary="Met at the café",
        district=District.objects.get(code=code),
        officer=officer,
        occurred_on=day,
    )


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def fixture(personas: Personas) -> Personas:
    return build_report_fixture(personas)


def build_report_fixture(p: Personas) -> Personas:
    """The fixture of the module docstring (also used by the browser test)."""
    OfficerAssignment.objects.filter(
        officer__in=[p.officer_south, p.officer_east, p.business_officer]
    ).delete()
    start = datetime.date(YEAR, 1, 1)
    OfficerAssignmentFactory.create(
        officer=p.officer_south, starts_on=start, major_districts=[_major(1)]
    )
    OfficerAssignmentFactory.create(
        officer=p.officer_east, starts_on=start, major_districts=[_major(7)]
    )
    OfficerAssignmentFactory.create(
        officer=p.business_officer, kind=AssignmentKind.BUSINESS, starts_on=start
    )
    ProgrammeYear.objects.create(
        year=YEAR, cost_per_person_year=Decimal("90000"), updated_by=p.coordinator
    )
    for day in (3, 10, 20):
        _interaction(p, "101", datetime.date(YEAR, 3, day))
    _interaction(p, "704", datetime.date(YEAR, 5, 5))
    south = ev.event(p, start=_local(3, 10), status=EventStatus.COMPLETED, walk_ins=12)
    EventCost.objects.create(
        event=south,
        category=CostCategory.VENUE,
        amount=Decimal("500"),
        status=CostStatus.SPENT,
        recorded_by=p.coordinator,
    )
    ev.event(
        p,
        district_code="704",
        start=_local(5, 5),
        status=EventStatus.COMPLETED,
        walk_ins=8,
        organiser=p.officer_east,
    )
    ev.event(p, start=_local(4, 1), status=EventStatus.CANCELLED, walk_ins=30)
    ParticipationCount.objects.create(
        month=datetime.date(YEAR, 1, 1),
        district=District.objects.get(code="101"),
        channel="event",
        dimension="language",
        group="fi",
        count=100,
    )
    return p


def _report(user, major: MajorDistrict | None = None, period: Period | None = None):
    return selectors_report.annual_report(
        user=user,
        period=period or year_period(YEAR),
        major=major,
        language="en",
        generated_at=timezone.now(),
    )


def _client(user, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


# --- the figures ------------------------------------------------------------------------------


def test_city_report_has_the_dashboards_and_the_costs_figures(fixture: Personas):
    p = fixture
    report = _report(p.coordinator)
    period = year_period(YEAR)
    dashboard = selectors_dashboard.programme_dashboard(user=p.coordinator, period=period)
    costs = selectors_costs.cost_summary(user=p.coordinator, period=period)
    assert report.figures == dashboard.team.figures
    assert [(r.key, r.figures) for r in report.rows] == [
        (r.key, r.figures) for r in dashboard.majors
    ]
    assert report.cost_row == costs.total
    assert report.cost_rows == costs.all_rows
    # By hand (see the module docstring).
    assert (report.figures.interactions, report.figures.events_held) == (4, 2)
    assert report.figures.attendance == 20
    assert report.cost_row.person_years == Decimal("3.000")
    assert report.cost_row.total_cost == Decimal("270500.00")
    assert report.cost_row.cost_per_participant == Decimal("2705.00")
    assert report.cost_row.cost_per_event == Decimal("250.00")
    # 2024 had nothing: the change cannot be a percentage.
    total = next(c for c in report.cost_changes if c.label == "Total cost")
    assert (total.previous, total.change.percent if total.change else None) == (Decimal("0"), None)
    assert any("270,500" in sentence for sentence in report.summary)


def test_district_report_has_the_districts_figures(fixture: Personas):
    p = fixture
    south = _major(1)
    report = _report(p.officer_south, south)
    period = year_period(YEAR)
    assert report.figures == selectors_dashboard.major_district_figures(major=south, period=period)
    assert [r.figures for r in report.rows] == [
        r.figures for r in selectors_dashboard.district_rows(major=south, period=period)
    ]
    assert (report.figures.interactions, report.figures.events_held) == (3, 1)
    assert report.figures.attendance == 12
    costs = selectors_costs.cost_summary(user=p.officer_south, period=period)
    assert report.cost_row == next(row for row in costs.rows if row.key == south.code)
    assert report.cost_row.total_cost == Decimal("90500.00")
    assert report.cost_row.cost_per_participant == Decimal("905.00")
    # The trends add up to the period's figures.
    interactions = next(t for t in report.trend_charts[0].series if t.name == "Interactions")
    assert sum(v or 0 for v in interactions.values) == 3


def test_work_plans_and_pb_agree_with_their_pages(fixture: Personas):
    p = fixture
    report = _report(p.coordinator)
    assert [row.year for row in report.plans] == [YEAR]
    assert report.plans[0].officers == 3
    assert report.pb.workspaces == report.figures.coproduction_projects


def test_a_period_report_is_titled_with_its_dates(fixture: Personas):
    report = _report(
        fixture.coordinator, period=Period(datetime.date(YEAR, 3, 1), datetime.date(YEAR, 5, 31))
    )
    assert report.title == "Report 03/01/2025–05/31/2025"
    assert report.figures.interactions == 4
    assert [month for month, *_values in report.trend_charts[0].table_rows] == [
        "3/2025",
        "4/2025",
        "5/2025",
    ]
    assert report.filename() == "programme-report-2025-03-01-2025-05-31-city-en.pdf"


# --- the pages --------------------------------------------------------------------------------


def test_form_page_offers_the_visible_scopes_and_links_once_chosen(fixture: Personas):
    page = _client(fixture.officer_south).get(REPORT)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="city"' in html and f'value="{_major(1).code}"' in html
    assert f'value="{_major(7).code}"' not in html
    chosen = _client(fixture.officer_south).get(
        REPORT, {"year": str(YEAR), "scope": _major(1).code, "language": "sv"}
    )
    query = f"year={YEAR}&amp;scope={_major(1).code}&amp;language=sv"
    assert f"{VIEW}?{query}" in chosen.content.decode()
    assert f"{PDF}?{query}" in chosen.content.decode()


def test_html_report_in_english(fixture: Personas):
    page = _client(fixture.coordinator).get(VIEW, {"year": str(YEAR), "language": "en"})
    html = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="en">' in html
    for heading in ("Annual report 2025", "In brief", "Key figures", "Costs", "Data sources"):
        assert heading in html
    assert "270,500\u00a0€" in html  # localised number
    assert "Southern major district" in html
    assert html.count("<svg") >= 3 and "Data table:" in html


@pytest.mark.parametrize(
    ("language", "costs", "area", "district", "total"),
    [
        ("fi", "Kustannukset", "Alue", "Eteläinen suurpiiri", "270\u00a0500\u00a0€"),
        ("sv", "Kostnader", "Område", "Södra stordistriktet", "270\u00a0500\u00a0€"),
    ],
)
def test_the_report_language_is_the_forms_choice(
    fixture: Personas, language: str, costs: str, area: str, district: str, total: str
):
    # The site is in English; the report in the language chosen.
    page = _client(fixture.coordinator, "en").get(VIEW, {"year": str(YEAR), "language": language})
    html = page.content.decode()
    assert f'<html lang="{language}">' in html
    assert f">{costs}</h2>" in html
    assert f"<dt>{area}</dt>" in html
    assert district in html and "Southern major district" not in html
    assert total in html


def test_pdf_is_a_pdf_that_poppler_renders(fixture: Personas, tmp_path: Path):
    response = _client(fixture.coordinator).get(
        PDF, {"year": str(YEAR), "scope": "city", "language": "fi"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="programme-report-2025-city-fi.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:  # pragma: no cover - `make test-deps` installs poppler-utils
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(
        [pdftoppm, "-png", "-r", "50", "-f", "1", "-l", "2", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2
    assert all(page.stat().st_size > 2_000 for page in pages)
    pdfinfo = shutil.which("pdfinfo") or "pdfinfo"
    info = subprocess.run(
        [pdfinfo, str(pdf)], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    assert int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1]) > 2


def test_district_pdf_for_the_districts_officer(fixture: Personas):
    code = _major(1).code
    response = _client(fixture.officer_south).get(PDF, {"year": str(YEAR), "scope": code})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert f"programme-report-2025-{code}-en.pdf" in response["Content-Disposition"]


# --- permissions ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [REPORT, VIEW, PDF])
def test_permissions(fixture: Personas, url: str):
    p = fixture
    south, east = _major(1).code, _major(7).code
    assert Client().get(url).status_code == 302
    for refused in (p.official, p.resident):
        assert _client(refused).get(url).status_code == 403
    for user in (p.coordinator, p.officer_south, p.officer_east, p.business_officer):
        assert _client(user).get(url, {"year": str(YEAR), "scope": "city"}).status_code == 200
    assert _client(p.coordinator).get(url, {"year": str(YEAR), "scope": east}).status_code == 200
    assert _client(p.officer_south).get(url, {"year": str(YEAR), "scope": south}).status_code == 200
    assert _client(p.officer_south).get(url, {"year": str(YEAR), "scope": east}).status_code == 404
    assert _client(p.business_officer).get(url, {"scope": south}).status_code == 404


def test_officers_see_only_their_districts_rows(fixture: Personas):
    html = _client(fixture.officer_south).get(VIEW, {"year": str(YEAR)}).content.decode()
    assert "Southern major district" in html
    assert "Eastern major district" not in html
    assert "Whole team" in html  # the team's totals


# --- bad parameters ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", [REPORT, VIEW, PDF])
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"year": "last"}, "Year"),
        ({"year": "1999"}, "Year"),
        ({"start": "2025-01-01"}, "To"),
        ({"start": "2025-05-01", "end": "2025-01-01"}, "To"),
        ({"start": "2025-13-01", "end": "2025-12-31"}, "From"),
        ({"scope": "nowhere"}, "Scope"),
        ({"language": "de"}, "Language of the report"),
        ({"year": str(timezone.localdate().year + 1)}, "Year"),
    ],
)
def test_bad_parameters_give_the_form_with_the_error(
    fixture: Personas, url: str, query: dict[str, str], field: str
):
    response = _client(fixture.coordinator).get(url, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert f"{field}: " in html
    assert response["Content-Type"].startswith("text/html")


def test_bad_parameters_are_reported_in_the_users_language(fixture: Personas):
    html = _client(fixture.coordinator, "fi").get(VIEW, {"year": "x"}).content.decode()
    assert "Vuosi: " in html


def test_this_years_report_counts_up_to_today(fixture: Personas):
    today = datetime.date(YEAR, 6, 15)
    form = forms_report.ReportForm(
        {"year": str(YEAR)}, user=fixture.coordinator, default_language="fi-x-plain", today=today
    )
    assert form.is_valid()
    assert form.period() == Period(datetime.date(YEAR, 1, 1), today)
    assert form.chosen_language() == "fi"  # plain Finnish asks for a Finnish report
    assert form.major() is None
    assert form.query() == f"start={YEAR}-01-01&end={YEAR}-06-15&scope=city&language=fi"
    unbound = forms_report.ReportForm(user=fixture.coordinator, default_language="sv", today=today)
    assert unbound.initial == {"year": YEAR - 1, "scope": "city", "language": "sv"}
    future = forms_report.ReportForm(
        {"start": f"{YEAR}-07-01", "end": f"{YEAR}-07-31"},
        user=fixture.coordinator,
        default_language="en",
        today=today,
    )
    assert not future.is_valid() and "start" in future.errors
