"""The open data holds no personal data and no small cells: canaries in every personal field
never appear in any answer, no count under the threshold is shown in any dataset nor can be
worked out from a sum, and unpublished participatory budgeting results never appear."""

import csv
import datetime
import io
import secrets

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, models, transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luotsi.areas.models import District
from luotsi.budgeting.models import Ballot
from luotsi.campaigns.models import TargetStatus
from luotsi.concerns import workflow
from luotsi.concerns.models import Message
from luotsi.insights.models import Dimension, ParticipationChannel, ParticipationCount
from luotsi.insights.open_data import ColumnType, min_cell
from luotsi.insights.open_datasets import DATASETS
from luotsi.insights.services import participation_refresh
from luotsi.privacy.portability import exported_fields
from luotsi.testing import budgeting as pb
from luotsi.testing import budgeting_results as pbr
from luotsi.testing import campaigns as cmp
from luotsi.testing import concerns as conc
from luotsi.testing import events as ev
from luotsi.testing import insights as ins
from luotsi.testing import network as net
from luotsi.testing import open_data as od
from luotsi.testing.personas import Personas


def test_unpublished_pb_results_never_appear(personas):
    counted = pbr.greedy_example(personas, publish=False, slug="counted-not-published")
    hidden = pbr.greedy_example(personas, slug="cycle-not-public")
    hidden.cycle.published = False
    hidden.cycle.save(update_fields=["published"])
    published = pbr.greedy_example(personas, slug="published-results")
    for slug in ("pb-results", "pb-implementation"):
        assert {row["cycle"] for row in od.rows(slug)} == {published.cycle.slug}
        assert od.rows(slug, cycle=counted.cycle.slug) == []
    for url, body in od.all_answers():
        text = body.decode()
        assert counted.cycle.slug not in text, url
        assert hidden.cycle.slug not in text, url


# --- everything at once: small cells, personal data, formats ----------------------------------


CANARY = "canary"
# Personal fields that are public by design (tests/security/test_canary_scan.py says why).
PUBLIC_BY_DESIGN = {
    ("concerns.message", "public_text"),  # the summary an officer moderates for the public
    ("concerns.message", "reference"),  # the public list's reference of a message
}


def _canaries(model: type[models.Model], names: set[str]) -> int:
    """A unique canary in each text field `names` of every row, by SQL (no save() logic,
    no modeltranslation redirection). Returns the number of values written."""
    label = model._meta.label_lower
    quote, pk = connection.ops.quote_name, model._meta.pk
    assert pk is not None
    written = 0
    for name in sorted(names):
        if (label, name) in PUBLIC_BY_DESIGN:
            continue
        field = model._meta.get_field(name)
        if not isinstance(field, models.CharField | models.TextField) or field.choices:
            continue
        if field.max_length is not None and field.max_length < 27:
            continue
        keys = list(model._default_manager.values_list("pk", flat=True))
        table, column = quote(model._meta.db_table), quote(field.column)
        sql = f"UPDATE {table} SET {column} = %s WHERE {quote(pk.column)} = %s"  # noqa: S608
        with connection.cursor() as cursor:
            for key in keys:
                value = f"{CANARY}{secrets.token_hex(5)}"
                if isinstance(field, models.EmailField):
                    value += "@example.org"
                try:
                    with transaction.atomic():
                        cursor.execute(sql, [value, key])
                except IntegrityError:
                    continue  # a constraint wants it empty here (a name needs consent)
                written += 1
    return written


@pytest.fixture
def everything(personas: Personas) -> Personas:
    """One of every source, with personal data everywhere it can be."""
    event = ins.held_event(personas, came={"fi": 6, "sv": 2}, start=od.MONTH)
    ev.registration(event, email="x@example.org", phone="+358401234567", attended=True)
    ev.registration(
        event, email="y@example.org", accessibility_needs="wheelchair", language_needs="Arabic"
    )
    for i in range(7):
        conc.message(
            now=od.MONTH,
            contact_name=f"Sender {i}",
            contact_email=f"sender{i}@example.org",
            consent=True,
            address_string="Mariankatu 2",
        )
    public = conc.message(contact_name="Public Sender", contact_email="p@example.org", consent=True)
    workflow.message_publish(message=public, by=personas.officer_south, public_text="A summary.")
    workflow.message_reply(message=public, by=personas.officer_south, text="Dear Public Sender")
    example = pbr.greedy_example(personas)
    pb.proposal(personas, example.cycle, author_display_name="Auth Or")
    Ballot.objects.filter(cycle=example.cycle).update(polling_place="Library")
    contact = net.contact(personas, email="paula@example.org", phone="+358409999999")
    interaction = net.interaction(personas, summary="Met Paula about her neighbour")
    interaction.contacts.add(contact)
    campaign = cmp.campaign(personas, project_contact="Project Person")
    od.targets(personas, campaign, {TargetStatus.FEEDBACK: 6, TargetStatus.INFORMED: 2}, 6)
    participation_refresh()
    return personas


def test_no_count_under_the_threshold_appears_in_any_dataset(everything):
    threshold = min_cell()
    seen: dict[str, int] = {}
    for slug, dataset in DATASETS.items():
        rows = od.rows(slug)
        csv_rows = list(csv.DictReader(io.StringIO(Client().get(f"/open-data/{slug}.csv").text)))
        json_rows = Client().get(f"/open-data/{slug}.json").json()["data"]
        assert len(rows) == len(csv_rows) == len(json_rows), slug
        counts = [c.name for c in dataset.columns if c.type == ColumnType.COUNT]
        for row, csv_row, json_row in zip(rows, csv_rows, json_rows, strict=True):
            assert row == json_row
            for name in counts:
                value, flag = row[name], row[f"{name}_suppressed"]
                seen[slug] = seen.get(slug, 0) + 1
                assert value is None or value == 0 or value >= threshold, (slug, row)
                assert (value is None) == (flag in ("small", "secondary")), (slug, row)
                assert csv_row[name] == ("" if value is None else str(value))
    # The fixture made counts in every dataset that has any (PB votes are published exactly,
    # as on the results pages: they are not counts of identifiable people).
    assert set(seen) == {"participation", "campaign-coverage"}


def test_no_personal_data_appears_in_any_answer(everything):
    written: dict[str, int] = {}
    for label, names in exported_fields().items():
        if label == "privacy.auditevent":
            continue  # append-only (a trigger refuses updates), and no dataset reads it
        model = apps.get_model(label)
        written[label] = _canaries(model, names)
    # JSON fields and fields no export names but that are personal all the same.
    from luotsi.campaigns.models import Campaign, Response

    for response in Response.objects.all():
        response.answers = {"1": f"{CANARY}{secrets.token_hex(5)}"}
        response.save(update_fields=["answers"])
    written["ballot"] = _canaries(Ballot, {"voter_key", "polling_place"})
    written["campaign"] = _canaries(Campaign, {"project_contact"})
    # The test writes where the datasets read from (a canary scan of nothing proves nothing).
    for label in (
        "events.registration",
        "concerns.message",
        "concerns.messagestep",
        "budgeting.proposal",
        "network.contact",
        "network.interaction",
        "network.organisation",
        "accounts.user",
    ):
        assert written[label] > 0, label
    assert written["ballot"] > 0 and written["campaign"] > 0
    participation_refresh()
    answers = list(od.all_answers())
    assert len(answers) == 3 * (5 + 3 * len(od.SLUGS))
    for url, body in answers:
        assert CANARY.encode() not in body, url
    # …while the datasets are not empty: the canaries had somewhere to leak into, and a
    # canary where the public may read it (a moderated summary) is found.
    assert all(od.rows(slug) for slug in od.SLUGS)
    Message.objects.filter(is_public=True).update(public_text=f"{CANARY}-public-summary")
    assert f"{CANARY}-public-summary" in Client().get("/open-data/concerns.csv").text


# --- the suppression holds whatever the counts ------------------------------------------------

CHANNELS = list(ParticipationChannel.values)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.dictionaries(
        st.tuples(st.sampled_from(["101", "102"]), st.integers(0, 2), st.sampled_from(CHANNELS)),
        st.integers(1, 12),
        min_size=1,
        max_size=20,
    )
)
def test_no_hidden_count_can_be_worked_out_from_a_published_sum(personas, counts):
    """Whatever the counts: nothing in 1–4 is shown, and no sum the data set states (a
    district-month's channels, a district's months of a quarter or a year) has exactly one
    hidden part, so no hidden count can be recovered by subtraction."""
    ParticipationCount.objects.all().delete()
    districts = {code: District.objects.get(code=code) for code in ("101", "102")}
    ParticipationCount.objects.bulk_create(
        ParticipationCount(
            month=datetime.date(2025, 1 + month, 1),
            district=districts[code],
            channel=channel,
            dimension=Dimension.LANGUAGE,
            group="finnish",
            count=n,
        )
        for (code, month, channel), n in counts.items()
    )
    rows = DATASETS["participation"].rows()
    cell = {(r["district_code"], r["month"], r["channel"]): r for r in rows}
    for row in rows:
        value = row["participations"]
        assert value is None or value == 0 or value >= min_cell()
    for code in ("101", "102"):
        for month in {r["month"] for r in rows if r["district_code"] == code}:
            members = [cell[(code, month, c)] for c in ["all", *CHANNELS]]
            assert sum(r["participations"] is None for r in members) != 1
        for channel in ["all", *CHANNELS]:
            months = [r for k, r in cell.items() if k[0] == code and k[2] == channel]
            hidden = [r for r in months if r["participations"] is None]
            # The months of the first quarter (all of them here) and of the year add up to
            # sums an annual report may state: never exactly one hidden among non-zero ones.
            assert len(hidden) != 1 or all(
                r["participations"] == 0 for r in months if r["participations"] is not None
            )
