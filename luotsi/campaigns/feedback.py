"""Writes of a campaign's feedback: its questions, and the targets' answers.

The answers are stored as JSON, `{str(question_id): value}`:

- text: a string,
- choice: one option key,
- multi: a list of option keys (in the question's order),
- yes_no: `true` or `false`.

An unanswered optional question has no key at all.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from luotsi.accounts.models import User
from luotsi.campaigns.models import (
    Campaign,
    Question,
    QuestionKind,
    Response,
    Target,
    TargetStatus,
)
from luotsi.campaigns.permissions import may_run

TEXT_ANSWER_MAX = 2000
LIST_KINDS = (QuestionKind.CHOICE, QuestionKind.MULTI)
LANGUAGE_CODES = tuple(code for code, _name in settings.MESSAGE_LANGUAGES)


def period_ended_message() -> str:
    return _("The feedback period has ended.")


def _clean_choices(kind: str, choices: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    if kind not in LIST_KINDS:
        if choices:
            raise ValidationError(
                {"choices": _("Only list questions have options.")}, code="no_options"
            )
        return []
    cleaned: list[dict[str, Any]] = []
    keys: set[str] = set()
    for choice in choices:
        names = choice.get("name") or {}
        if not isinstance(names, Mapping):
            raise ValidationError({"choices": _("An option needs a name.")}, code="bad_option")
        name = {code: str(names.get(code) or "").strip() for code in LANGUAGE_CODES}
        if not name["fi"]:
            raise ValidationError(
                {"choices": _("Every option needs a Finnish name.")}, code="no_finnish_name"
            )
        key = slugify(str(choice.get("key") or name["fi"]))[:40] or f"option-{len(cleaned) + 1}"
        if key in keys:
            raise ValidationError(
                {"choices": _("Two options have the same name: %(name)s") % {"name": name["fi"]}},
                code="duplicate_option",
            )
        keys.add(key)
        cleaned.append({"key": key, "name": name})
    if len(cleaned) < 2:
        raise ValidationError(
            {"choices": _("A list question needs at least two options.")}, code="too_few_options"
        )
    return cleaned


@transaction.atomic
def question_add(
    *,
    campaign: Campaign,
    by: User,
    text_fi: str,
    text_sv: str = "",
    text_en: str = "",
    kind: str,
    choices: Sequence[Mapping[str, Any]] = (),
    required: bool = False,
) -> Question:
    """Append a question to the campaign's form. `choices` (list questions only):
    `[{"key": ..., "name": {"fi": ..., "sv": ..., "en": ...}}]`; a missing key is made from
    the Finnish name."""
    if not may_run(by, campaign):
        raise PermissionDenied
    if kind not in QuestionKind.values:
        raise ValidationError({"kind": _("Choose an answer type.")}, code="bad_kind")
    text_fi, text_sv, text_en = text_fi.strip(), text_sv.strip(), text_en.strip()
    if not text_fi:
        raise ValidationError({"text_fi": _("Write the question in Finnish.")}, code="no_text")
    limit = Question._meta.get_field("text").max_length or 300
    for field, text in (("text_fi", text_fi), ("text_sv", text_sv), ("text_en", text_en)):
        if len(text) > limit:
            raise ValidationError(
                {field: _("At most %(max)d characters.") % {"max": limit}}, code="too_long"
            )
    cleaned_choices = _clean_choices(kind, choices)
    last = campaign.questions.aggregate(last=Max("order"))["last"]
    question = Question(
        campaign=campaign,
        order=0 if last is None else last + 1,
        kind=kind,
        choices=cleaned_choices,
        required=required,
    )
    # The modeltranslation fields; the plain `text` follows the default language (fi).
    question.text = text_fi
    question.text_fi = text_fi
    question.text_sv = text_sv or None
    question.text_en = text_en or None
    question.save()
    return question


@transaction.atomic
def question_remove(*, question: Question, by: User) -> None:
    """Remove a question while the form has no answers; after the first response the
    question stays, so that no answer loses its question."""
    if not may_run(by, question.campaign):
        raise PermissionDenied
    if Response.objects.filter(target__campaign_id=question.campaign_id).exists():
        raise ValidationError(
            _("The question cannot be removed: the form already has answers."),
            code="has_answers",
        )
    question.delete()


def option_name(choice: Mapping[str, Any], language: str) -> str:
    """An option's name in `language`, falling back like the content fields (fi → sv → en)."""
    names = choice.get("name") or {}
    if isinstance(names, str):
        return names
    for code in (language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES):
        if names.get(code):
            return str(names[code])
    return str(choice.get("key", ""))


def choice_keys(question: Question) -> list[str]:
    return [str(choice.get("key")) for choice in question.choices or []]


def _clean_answer(question: Question, value: Any) -> Any:
    """The stored form of one answer, or None when it is empty. Raises ValidationError."""
    if question.kind == QuestionKind.TEXT:
        text = "" if value is None else str(value).strip()
        if len(text) > TEXT_ANSWER_MAX:
            raise ValidationError(
                _("The answer is too long (at most %(max)d characters).") % {"max": TEXT_ANSWER_MAX}
            )
        return text or None
    if question.kind == QuestionKind.YES_NO:
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        if value in ("yes", "true", "1"):
            return True
        if value in ("no", "false", "0"):
            return False
        raise ValidationError(_("Answer yes or no."))
    keys = choice_keys(question)
    if question.kind == QuestionKind.CHOICE:
        if value in (None, ""):
            return None
        if not isinstance(value, str) or value not in keys:
            raise ValidationError(_("Choose one of the options."))
        return value
    # MULTI: a list of keys, kept in the question's order.
    if value in (None, "") or value == []:
        return None
    chosen = [value] if isinstance(value, str) else value
    if not isinstance(chosen, list | tuple) or any(item not in keys for item in chosen):
        raise ValidationError(_("Choose among the options."))
    return [key for key in keys if key in chosen]


def answers_clean(questions: Sequence[Question], answers: Mapping[Any, Any]) -> dict[str, Any]:
    """Check every answer against its question. Errors are keyed by str(question id)."""
    known = {str(question.pk): question for question in questions}
    errors: dict[str, list[str]] = {}
    unknown = set(map(str, answers)) - set(known)
    if unknown:
        errors["__all__"] = [_("The form has changed; please check your answers.")]
    given = {str(key): value for key, value in answers.items()}
    cleaned: dict[str, Any] = {}
    for key, question in known.items():
        try:
            value = _clean_answer(question, given.get(key))
        except ValidationError as exc:
            errors[key] = exc.messages
            continue
        if value is None:
            if question.required:
                errors[key] = [_("This question needs an answer.")]
            continue
        cleaned[key] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def response_save(*, target: Target, answers: Mapping[Any, Any], language: str) -> Response:
    """Create or update the target's one response (through its personal link, so there is
    no acting user) and mark the target as having given feedback.

    Refused (ValidationError) after the campaign's feedback deadline or once it is closed, and
    when an answer does not fit its question. The contact history (channel, contacted on/by)
    stays as it was.
    """
    campaign = Campaign.objects.get(pk=target.campaign_id)  # the current deadline and status
    if not campaign.feedback_open:
        raise ValidationError(period_ended_message(), code="closed")
    if language not in LANGUAGE_CODES:
        raise ValidationError(_("Choose a language."), code="bad_language")
    cleaned = answers_clean(list(campaign.questions.all()), answers)
    response = Response.objects.select_for_update().filter(target=target).first()
    if response is None:
        try:
            # A savepoint: a concurrent first answer for the same target makes this insert
            # fail on the one-to-one constraint, and then we update that row instead.
            with transaction.atomic():
                response = Response.objects.create(
                    target=target, answers=cleaned, language=language, submitted_at=timezone.now()
                )
        except IntegrityError:
            response = Response.objects.select_for_update().get(target=target)
            response = _update(response, cleaned, language)
    else:
        response = _update(response, cleaned, language)
    if target.status != TargetStatus.FEEDBACK:
        Target.objects.filter(pk=target.pk).update(status=TargetStatus.FEEDBACK)
        target.status = TargetStatus.FEEDBACK
    return response


def _update(response: Response, answers: dict[str, Any], language: str) -> Response:
    response.answers = answers
    response.language = language
    response.save(update_fields=["answers", "language", "updated_at"])
    return response
