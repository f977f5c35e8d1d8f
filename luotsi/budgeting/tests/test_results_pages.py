"""The results pages: public results per area with charts, tables and reasons, and the
coordinator's count-and-publish page."""

import pytest
from django.test import Client
from django.utils import translation

from luotsi.budgeting.models import Cycle, Phase, PlanResult
from luotsi.testing import budgeting as pb
from luotsi.testing import budgeting_results as br

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_en() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def _signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_results_page_shows_every_area_with_its_money_and_selected_plans(personas, client_en):
    example = br.greedy_example(personas)
    with translation.override("en"):
        response = client_en.get(f"/budgeting/{example.cycle.slug}/results/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Southern major district" in text
    assert (
        "Southern major district: 6 voters shared 100,000\u00a0€. 3 plans were selected, "
        "costing 90,000\u00a0€ in all; 10,000\u00a0€ was left over."
    ) in text
    assert "S-A A: 5 votes, 40,000\u00a0€" in text
    assert "S-C C:" not in text  # not selected: only on the area page
    assert f'href="/budgeting/{example.cycle.slug}/results/1/"' in text


def test_area_page_explains_each_plan_with_a_chart_and_its_table(personas, client_en):
    example = br.greedy_example(personas)
    with translation.override("en"):
        response = client_en.get(f"/budgeting/{example.cycle.slug}/results/1/")
    assert response.status_code == 200
    text = response.content.decode()
    assert '<svg class="bars"' in text and 'role="img"' in text
    assert "Votes per plan, Southern major district" in text
    assert "5 – selected" in text
    assert 'id="chart-1-summary"' in text
    assert (
        "Not selected: 3 votes. When its turn came, its cost of 35,000\u00a0€ was more than "
        "the 30,000\u00a0€ still left."
    ) in text
    assert "Selected: 2 votes. When its turn came, its cost of 20,000\u00a0€ fitted" in text
    assert "<caption>Plans on the ballot, Southern major district, most votes first</caption>" in (
        text
    )
    # Most votes first in the table and the chart.
    assert text.index(">S-A A<") < text.index(">S-B B<") < text.index(">S-C C<")
    assert text.index(">S-C C<") < text.index(">S-D D<") < text.index(">S-E E<")
    assert f'href="/budgeting/{example.cycle.slug}/results/1.pb"' in text


def test_area_page_in_finnish_groups_thousands_the_finnish_way(personas):
    example = br.greedy_example(personas)
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    response = client.get(f"/budgeting/{example.cycle.slug}/results/1/")
    assert response.status_code == 200
    assert "35\u00a0000\u00a0€" in response.content.decode()


def test_before_publication_the_results_page_says_so_and_areas_are_404(personas, client_en):
    example = br.greedy_example(personas, publish=False)
    slug = example.cycle.slug
    with translation.override("en"):
        response = client_en.get(f"/budgeting/{slug}/results/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "The results have not been published yet." in text
    assert "S-A" not in text
    assert client_en.get(f"/budgeting/{slug}/results/1/").status_code == 404
    assert client_en.get(f"/budgeting/{slug}/results/1.pb").status_code == 404
    # Not even the coordinator sees them on the public pages before publication.
    assert _signed_in(personas.coordinator).get(f"/budgeting/{slug}/results/1/").status_code == 404


def test_voting_cycle_results_page_says_when_voting_closes(personas, client_en):
    cycle = pb.cycle(personas, phase=Phase.VOTING)
    with translation.override("en"):
        response = client_en.get(f"/budgeting/{cycle.slug}/results/")
    assert response.status_code == 200
    assert "Voting closes" in response.content.decode()


def test_unpublished_cycle_has_no_results_page(personas, client_en):
    example = br.greedy_example(personas)
    Cycle.objects.filter(pk=example.cycle.pk).update(published=False)
    assert client_en.get(f"/budgeting/{example.cycle.slug}/results/").status_code == 404
    assert client_en.get(f"/budgeting/{example.cycle.slug}/results/1/").status_code == 404


def test_area_without_a_budget_is_404(personas, client_en):
    example = br.greedy_example(personas)  # only the Southern district has a budget
    for area in ("2", "citywide", "count-me", "99"):
        url = f"/budgeting/{example.cycle.slug}/results/{area}/"
        assert client_en.get(url).status_code == 404, url


def test_coordinator_counts_previews_and_publishes(personas):
    example = br.greedy_example(personas, count=False)
    url = f"/budgeting/{example.cycle.slug}/results/count/"
    client = _signed_in(personas.coordinator)
    with translation.override("en"):
        page = client.get(url)
        assert page.status_code == 200
        assert "Count the votes" in page.content.decode()
        assert "Publish the results" not in page.content.decode()
        response = client.post(url, {"action": "count"}, follow=True)
        text = response.content.decode()
        assert "Counted 6 ballots: 3 plans selected." in text
        assert "Preview: not yet public" in text
        assert "Not selected: 3 votes." in text
        assert client_en_status(f"/budgeting/{example.cycle.slug}/results/1/") == 404
        response = client.post(url, {"action": "publish"}, follow=True)
        assert "The results have been published." in response.content.decode()
    example.cycle.refresh_from_db()
    assert example.cycle.results_published_at is not None
    assert client_en_status(f"/budgeting/{example.cycle.slug}/results/1/") == 200


def client_en_status(url: str) -> int:
    return Client(HTTP_ACCEPT_LANGUAGE="en").get(url).status_code


def test_counting_during_voting_is_refused_with_a_clear_error(personas):
    cycle = pb.cycle(personas, phase=Phase.VOTING)
    client = _signed_in(personas.coordinator)
    with translation.override("en"):
        page = client.get(f"/budgeting/{cycle.slug}/results/count/")
        assert "The votes can be counted once voting has closed." in page.content.decode()
        response = client.post(f"/budgeting/{cycle.slug}/results/count/", {"action": "count"})
    assert response.status_code == 400
    assert "The votes can be counted only after voting has closed." in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.counted_at is None


def test_publishing_before_counting_is_refused(personas):
    example = br.greedy_example(personas, count=False)
    client = _signed_in(personas.coordinator)
    with translation.override("en"):
        response = client.post(
            f"/budgeting/{example.cycle.slug}/results/count/", {"action": "publish"}
        )
    assert response.status_code == 400
    assert "Count the votes before publishing the results." in response.content.decode()


def test_only_the_coordinator_reaches_the_count_page(personas):
    example = br.greedy_example(personas, count=False)
    url = f"/budgeting/{example.cycle.slug}/results/count/"
    for person in (personas.officer_south, personas.official, personas.resident):
        client = _signed_in(person)
        assert client.get(url).status_code == 403
        assert client.post(url, {"action": "count"}).status_code == 403
    response = Client().post(url, {"action": "count"})
    assert response.status_code == 302 and "/accounts/" in response["Location"]
    assert not PlanResult.objects.filter(plan__cycle=example.cycle).exists()
