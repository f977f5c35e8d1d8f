"""The feedback part of a campaign: questions, the targets' answers through their personal
link, letters, coverage, the summary per question and the export."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone, translation

from luotsi.campaigns import coverage, feedback
from luotsi.campaigns.models import CampaignStatus, QuestionKind, Response, TargetStatus
from luotsi.privacy.models import AuditAction, AuditEvent
from luotsi.testing import campaigns as cp
from luotsi.testing.personas import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """The services' messages are checked in the source language (the default is Finnish)."""
    with translation.override("en"):
        yield


TIMES = (
    ("morning", "Aamulla", "På morgonen", "In the morning"),
    ("evening", "Illalla", "På kvällen", "In the evening"),
)


@pytest.fixture
def setup(personas: Personas):
    campaign = cp.campaign(personas)
    shop = cp.business(personas, "Kahvila Bulevardi", "Bulevardi 5")
    target = cp.target(campaign, shop, language="sv")
    deliveries = cp.question(
        campaign,
        "Milloin toimitukset tulevat?",
        QuestionKind.CHOICE,
        options=TIMES,
        required=True,
        text_sv="När kommer leveranserna?",
        text_en="When do deliveries arrive?",
    )
    parking = cp.question(
        campaign,
        "Tarvitsetteko lastauspaikan?",
        QuestionKind.YES_NO,
        text_sv="Behöver ni lastplats?",
    )
    comments = cp.question(campaign, "Muuta kerrottavaa?", QuestionKind.TEXT, order=2)
    return personas, campaign, target, deliveries, parking, comments


def _post_data(deliveries, parking, comments, **extra):
    data = {
        f"q_{deliveries.pk}": "morning",
        f"q_{parking.pk}": "yes",
        f"q_{comments.pk}": "Kadun sulku haittaa.",
    }
    data.update(extra)
    return data


def _expire(campaign) -> None:
    campaign.feedback_deadline = timezone.now() - datetime.timedelta(minutes=1)
    campaign.save(update_fields=["feedback_deadline"])


# --- Services ------------------------------------------------------------------------------


def test_one_response_per_target_the_second_save_updates(setup):
    _p, _campaign, target, deliveries, parking, _comments = setup
    first = feedback.response_save(
        target=target, answers={deliveries.pk: "morning", parking.pk: True}, language="sv"
    )
    second = feedback.response_save(
        target=target, answers={deliveries.pk: "evening"}, language="fi"
    )
    assert second.pk == first.pk
    assert Response.objects.filter(target=target).count() == 1
    second.refresh_from_db()
    assert second.answers == {str(deliveries.pk): "evening"}
    assert second.language == "fi"


def test_the_database_refuses_a_second_response_row(setup):
    _p, _campaign, target, *_ = setup
    cp.response(target, {})
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(target=target, answers={}, language="fi")


def test_saving_marks_the_target_as_given_feedback_and_keeps_the_contact_history(setup):
    personas, _campaign, target, deliveries, *_ = setup
    target.status = TargetStatus.INFORMED
    target.channel = "visit"
    target.contacted_on = datetime.date(2025, 3, 4)
    target.contacted_by = personas.business_officer
    target.save()
    feedback.response_save(target=target, answers={deliveries.pk: "morning"}, language="sv")
    target.refresh_from_db()
    assert target.status == TargetStatus.FEEDBACK
    assert (target.channel, target.contacted_on) == ("visit", datetime.date(2025, 3, 4))
    assert target.contacted_by == personas.business_officer


def test_a_required_question_needs_an_answer(setup):
    _p, _campaign, target, deliveries, parking, _comments = setup
    with pytest.raises(ValidationError) as caught:
        feedback.response_save(target=target, answers={parking.pk: "yes"}, language="fi")
    assert str(deliveries.pk) in caught.value.message_dict
    assert not Response.objects.filter(target=target).exists()


def test_an_unknown_option_and_a_bad_yes_no_are_refused(setup):
    _p, _campaign, target, deliveries, parking, _comments = setup
    with pytest.raises(ValidationError) as caught:
        feedback.response_save(
            target=target, answers={deliveries.pk: "midnight", parking.pk: "maybe"}, language="fi"
        )
    assert set(caught.value.message_dict) == {str(deliveries.pk), str(parking.pk)}
    target.refresh_from_db()
    assert target.status == TargetStatus.NOT_CONTACTED


def test_saving_after_the_deadline_is_refused_with_the_message(setup):
    _p, campaign, target, deliveries, *_ = setup
    _expire(campaign)
    with pytest.raises(ValidationError) as caught:
        feedback.response_save(target=target, answers={deliveries.pk: "morning"}, language="fi")
    assert caught.value.messages == ["The feedback period has ended."]


def test_saving_to_a_closed_campaign_is_refused(setup):
    _p, campaign, target, deliveries, *_ = setup
    campaign.status = CampaignStatus.CLOSED
    campaign.save(update_fields=["status"])
    with pytest.raises(ValidationError, match="The feedback period has ended"):
        feedback.response_save(target=target, answers={deliveries.pk: "morning"}, language="fi")


def test_question_add_validates_its_options_and_appends(setup):
    personas, campaign, *_ = setup
    with pytest.raises(ValidationError) as caught:
        feedback.question_add(
            campaign=campaign,
            by=personas.business_officer,
            text_fi="Valitse",
            kind=QuestionKind.CHOICE,
            choices=[{"name": {"fi": "Vain yksi"}}],
        )
    assert "choices" in caught.value.message_dict
    added = feedback.question_add(
        campaign=campaign,
        by=personas.business_officer,
        text_fi="Mihin aikaan?",
        text_sv="Vilken tid?",
        kind=QuestionKind.MULTI,
        choices=[{"name": {"fi": "Aamu", "sv": "Morgon"}}, {"name": {"fi": "Ilta"}}],
    )
    assert added.order == 3
    assert [choice["key"] for choice in added.choices] == ["aamu", "ilta"]
    assert added.text_sv == "Vilken tid?"


def test_a_question_cannot_be_removed_once_the_form_has_answers(setup):
    personas, _campaign, target, deliveries, _parking, comments = setup
    feedback.question_remove(question=comments, by=personas.business_officer)
    feedback.response_save(target=target, answers={deliveries.pk: "morning"}, language="fi")
    with pytest.raises(ValidationError, match="already has answers"):
        feedback.question_remove(question=deliveries, by=personas.business_officer)


# --- The form through the personal link ----------------------------------------------------


def test_the_form_opens_in_the_targets_language_and_switches_with_lang(setup):
    _p, _campaign, target, *_ = setup
    page = Client().get(f"/campaigns/f/{target.token}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="sv">' in html
    assert "När kommer leveranserna?" in html and "På morgonen" in html
    assert "Renoveringen av Bulevarden" in html
    english = Client().get(f"/campaigns/f/{target.token}/?lang=en").content.decode()
    assert '<html lang="en">' in english
    assert "When do deliveries arrive?" in english and "In the evening" in english
    # No Swedish or English text for the last question: the Finnish one is shown.
    assert "Muuta kerrottavaa?" in english


def test_the_form_in_swedish_with_lang_sv(setup):
    _p, _campaign, target, *_ = setup
    target.language = "fi"
    target.save(update_fields=["language"])
    page = Client().get(f"/campaigns/f/{target.token}/?lang=sv")
    assert '<html lang="sv">' in page.content.decode()
    assert page["Content-Language"] == "sv"


def test_posting_the_form_saves_and_shows_the_saved_answers(setup):
    _p, _campaign, target, deliveries, parking, comments = setup
    client = Client(enforce_csrf_checks=False)
    answer = client.post(
        f"/campaigns/f/{target.token}/?lang=fi",
        _post_data(deliveries, parking, comments, lang="fi"),
        follow=True,
    )
    assert answer.status_code == 200
    assert answer.redirect_chain[-1][0].endswith("?lang=fi")
    html = answer.content.decode()
    assert 'class="messages" role="status"' in html
    response = Response.objects.get(target=target)
    assert response.answers == {
        str(deliveries.pk): "morning",
        str(parking.pk): True,
        str(comments.pk): "Kadun sulku haittaa.",
    }
    assert response.language == "fi"
    # Pre-filled for editing.
    assert f'value="morning" required id="id_q_{deliveries.pk}_0" checked' in html


def test_an_invalid_post_re_renders_with_the_error_and_keeps_the_answers(setup):
    _p, _campaign, target, deliveries, parking, comments = setup
    data = _post_data(deliveries, parking, comments, **{f"q_{deliveries.pk}": "midnight"})
    page = Client().post(f"/campaigns/f/{target.token}/", data)
    assert page.status_code == 400
    html = page.content.decode()
    assert 'id="error-summary"' in html
    assert "Kadun sulku haittaa." in html
    assert not Response.objects.filter(target=target).exists()


def test_after_the_deadline_a_get_shows_the_read_only_notice(setup):
    _p, campaign, target, deliveries, *_ = setup
    feedback.response_save(target=target, answers={deliveries.pk: "evening"}, language="sv")
    _expire(campaign)
    page = Client().get(f"/campaigns/f/{target.token}/?lang=en")
    assert page.status_code == 200
    html = page.content.decode()
    assert "The feedback period has ended." in html
    assert '<form method="post"' not in html.split("<main", 1)[1]
    assert "In the evening" in html  # the answer, read-only


def test_a_reused_token_after_the_deadline_is_refused(setup):
    _p, campaign, target, deliveries, parking, comments = setup
    feedback.response_save(target=target, answers={deliveries.pk: "evening"}, language="sv")
    _expire(campaign)
    page = Client().post(
        f"/campaigns/f/{target.token}/?lang=en", _post_data(deliveries, parking, comments)
    )
    assert page.status_code == 400
    assert "The feedback period has ended." in page.content.decode()
    assert Response.objects.get(target=target).answers == {str(deliveries.pk): "evening"}


def test_the_deadline_message_is_translated(setup):
    _p, campaign, target, *_ = setup
    _expire(campaign)
    page = Client().get(f"/campaigns/f/{target.token}/?lang=sv")
    html = page.content.decode()
    assert '<html lang="sv">' in html
    with translation.override("sv"):
        assert feedback.period_ended_message() in html


def test_unknown_and_removed_tokens_are_404(setup):
    _p, _campaign, target, *_ = setup
    assert Client().get("/campaigns/f/no-such-token/").status_code == 404
    token = target.token
    target.delete()
    assert Client().get(f"/campaigns/f/{token}/").status_code == 404
    assert Client().post(f"/campaigns/f/{token}/", {}).status_code == 404


def test_the_form_needs_the_csrf_token(setup):
    _p, _campaign, target, deliveries, parking, comments = setup
    page = Client(enforce_csrf_checks=True).post(
        f"/campaigns/f/{target.token}/", _post_data(deliveries, parking, comments)
    )
    assert page.status_code == 403


# --- Letters ---------------------------------------------------------------------------------


def test_the_letter_has_the_personal_link_and_a_qr_code_in_the_targets_language(setup, settings):
    personas, campaign, target, *_ = setup
    settings.SITE_URL = "https://luotsi.example.fi"
    client = Client()
    client.force_login(personas.business_officer)
    page = client.get(f"/campaigns/{campaign.pk}/letters/{target.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    link = f"https://luotsi.example.fi/campaigns/f/{target.token}/"
    assert f'href="{link}"' in html
    assert '<svg role="img" aria-label="' in html and 'class="qr-code"' in html
    assert '<article class="letter" lang="sv"' in html
    assert "Renoveringen av Bulevarden" in html
    assert "Kahvila Bulevardi" in html and "Bulevardi 5" in html


def test_all_letters_one_article_per_target(setup):
    personas, campaign, _target, *_ = setup
    cp.target(campaign, cp.business(personas, "Kirjakauppa", "Bulevardi 7"), language="fi")
    client = Client()
    client.force_login(personas.coordinator)
    html = client.get(f"/campaigns/{campaign.pk}/letters/").content.decode()
    assert html.count('<article class="letter"') == 2
    assert '<article class="letter" lang="fi"' in html
    assert "Bulevardin peruskorjaus" in html and "Renoveringen av Bulevarden" in html


def test_a_target_of_another_campaign_has_no_letter_here(setup):
    personas, _campaign, target, *_ = setup
    other = cp.campaign(personas, title="Toinen")
    client = Client()
    client.force_login(personas.business_officer)
    assert client.get(f"/campaigns/{other.pk}/letters/{target.pk}/").status_code == 404


# --- Coverage, summary, export ------------------------------------------------------------


@pytest.fixture
def four_targets(setup):
    personas, campaign, target, deliveries, parking, comments = setup
    target.status = TargetStatus.INFORMED
    target.save(update_fields=["status"])
    answered = cp.target(campaign, cp.business(personas, "Kirjakauppa", "Bulevardi 7"))
    feedback.response_save(
        target=answered,
        answers={deliveries.pk: "evening", parking.pk: True, comments.pk: "=HYPERLINK(1)"},
        language="fi",
    )
    cp.target(
        campaign, cp.business(personas, "Kukkakauppa", "Bulevardi 9"), status=TargetStatus.DECLINED
    )
    cp.target(campaign, cp.business(personas, "Parturi", "Bulevardi 11"))
    return setup


def test_coverage_figures_match_the_statuses(four_targets):
    _p, campaign, *_ = four_targets
    figures = coverage.campaign_coverage(campaign)
    assert (figures.total, figures.informed, figures.responded) == (4, 3, 1)
    assert (figures.informed_percent, figures.responded_percent) == (75, 25)
    counts = {row.status: row.count for row in figures.by_status}
    assert counts == {
        "not_contacted": 1,
        "informed": 1,
        "feedback": 1,
        "declined": 1,
        "unreachable": 0,
    }


def test_the_coverage_page_shows_the_figures_and_the_map_points(four_targets):
    personas, campaign, *_ = four_targets
    client = Client()
    client.force_login(personas.business_officer)
    page = client.get(f"/campaigns/{campaign.pk}/coverage/?lang=en", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<span class="figure" id="informed-percent">75 %</span>' in html
    assert '<span class="figure" id="responded-percent">25 %</span>' in html
    assert html.count('"color": "#') == 4  # every target located on Bulevardi


def test_the_answers_are_summarised_per_question(four_targets):
    _personas, campaign, target, deliveries, parking, comments = four_targets
    feedback.response_save(
        target=target, answers={deliveries.pk: "evening", parking.pk: "no"}, language="sv"
    )
    summaries = {s.question.pk: s for s in coverage.answer_summary(campaign, "en")}
    assert [(o.label, o.count) for o in summaries[deliveries.pk].options] == [
        ("In the morning", 0),
        ("In the evening", 2),
    ]
    assert [(o.label, o.count, o.percent) for o in summaries[parking.pk].options] == [
        ("Yes", 1, 50),
        ("No", 1, 50),
    ]
    assert summaries[comments.pk].texts == [("Kirjakauppa", "=HYPERLINK(1)")]
    assert summaries[comments.pk].answered == 1


def test_a_multi_answer_counts_once_for_each_option_chosen(personas):
    campaign = cp.campaign(personas)
    days = cp.question(
        campaign, "Päivät", QuestionKind.MULTI, options=(("mon", "ma", "", ""), *TIMES)
    )
    for name, chosen in (("A", ["mon", "evening"]), ("B", ["evening"])):
        target = cp.target(campaign, cp.business(personas, name))
        feedback.response_save(target=target, answers={days.pk: chosen}, language="fi")
    (summary,) = coverage.answer_summary(campaign, "fi")
    assert [(o.label, o.count) for o in summary.options] == [
        ("ma", 1),
        ("Aamulla", 0),
        ("Illalla", 2),
    ]


def test_the_csv_export_has_a_row_per_target_and_is_audited(four_targets):
    personas, campaign, *_ = four_targets
    client = Client()
    client.force_login(personas.business_officer)
    download = client.get(f"/campaigns/{campaign.pk}/export.csv", HTTP_ACCEPT_LANGUAGE="en")
    assert download.status_code == 200
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert len(rows) == 1 + 4
    assert rows[0][:6] == [
        "Organisation",
        "Address",
        "Status",
        "Channel",
        "Contacted on",
        "Responded",
    ]
    answered = next(row for row in rows if row[0] == "Kirjakauppa")
    assert answered[6:] == ["In the evening", "Yes", "'=HYPERLINK(1)"]  # never a formula
    assert answered[5]  # the date of the answer
    assert AuditEvent.objects.filter(
        actor=personas.business_officer,
        action=AuditAction.EXPORT,
        object_type="campaigns.campaign",
        object_id=str(campaign.pk),
    ).exists()


def test_the_xlsx_export_opens_with_a_row_per_target(four_targets):
    from openpyxl import load_workbook

    personas, campaign, *_ = four_targets
    client = Client()
    client.force_login(personas.coordinator)
    download = client.get(f"/campaigns/{campaign.pk}/export.xlsx")
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(download.content)).active
    assert sheet is not None
    assert sheet.max_row == 5
    assert (
        AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=personas.coordinator).count()
        == 1
    )


def test_questions_are_added_and_removed_on_their_page(setup):
    personas, campaign, *_ = setup
    client = Client()
    client.force_login(personas.business_officer)
    added = client.post(
        f"/campaigns/{campaign.pk}/questions/",
        {
            "text_fi": "Missä asiakkaanne pysäköivät?",
            "kind": QuestionKind.CHOICE,
            "options": "Kadulla | På gatan | On the street\nPihalla | På gården | In the yard",
        },
    )
    assert added.status_code == 302
    question = campaign.questions.get(text_fi="Missä asiakkaanne pysäköivät?")
    assert [c["name"]["sv"] for c in question.choices] == ["På gatan", "På gården"]
    refused = client.post(
        f"/campaigns/{campaign.pk}/questions/", {"text_fi": "Lista", "kind": "choice"}
    )
    assert refused.status_code == 400
    removed = client.post(f"/campaigns/{campaign.pk}/questions/{question.pk}/remove/")
    assert removed.status_code == 302
    assert not campaign.questions.filter(pk=question.pk).exists()


def test_the_letters_print_as_one_pdf(setup):
    personas, campaign, *_ = setup
    client = Client()
    client.force_login(personas.business_officer)
    pdf = client.get(f"/campaigns/{campaign.pk}/letters.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
