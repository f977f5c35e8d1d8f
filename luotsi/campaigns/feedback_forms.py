"""Forms of the feedback part: the targets' answer form (built from the campaign's questions,
in the language active when it is made) and the officers' question form."""

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from luotsi.campaigns.feedback import TEXT_ANSWER_MAX, option_name
from luotsi.campaigns.models import Question, QuestionKind

YES, NO = "yes", "no"


def field_name(question: Question) -> str:
    return f"q_{question.pk}"


def _field(question: Question, language: str) -> forms.Field:
    label = question.text
    options = [
        (str(choice.get("key")), option_name(choice, language)) for choice in question.choices
    ]
    field: forms.Field
    if question.kind == QuestionKind.TEXT:
        field = forms.CharField(
            max_length=TEXT_ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 4})
        )
    elif question.kind == QuestionKind.CHOICE:
        field = forms.ChoiceField(choices=options, widget=forms.RadioSelect)
    elif question.kind == QuestionKind.MULTI:
        field = forms.MultipleChoiceField(choices=options, widget=forms.CheckboxSelectMultiple)
    else:
        field = forms.ChoiceField(
            choices=[(YES, _("Yes")), (NO, _("No"))], widget=forms.RadioSelect
        )
    field.label = label
    field.required = question.required
    if not question.required:
        field.help_text = _("Optional")
    return field


def _initial(question: Question, value: Any) -> Any:
    if question.kind == QuestionKind.YES_NO and isinstance(value, bool):
        return YES if value else NO
    return value


class FeedbackForm(forms.Form):
    """One field per question, named `q_<question id>`. Make it inside the respondent's
    language (`translation.override`): labels and options are fixed when it is made."""

    def __init__(
        self,
        *args: Any,
        questions: Iterable[Question],
        language: str,
        answers: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        answers = answers or {}
        for question in self.questions:
            name = field_name(question)
            self.fields[name] = _field(question, language)
            if str(question.pk) in answers:
                self.initial[name] = _initial(question, answers[str(question.pk)])

    def answers(self) -> dict[str, Any]:
        """The cleaned values keyed by question id, as `response_save` takes them."""
        return {
            str(question.pk): self.cleaned_data.get(field_name(question))
            for question in self.questions
        }

    def add_answer_errors(self, error: ValidationError) -> None:
        """Show the service's errors (keyed by question id) next to their questions."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, messages in error.message_dict.items():
            name = f"q_{key}"
            self.add_error(name if name in self.fields else None, messages)


def parse_options(text: str) -> list[dict[str, Any]]:
    """One option a line, its names separated by "|": Finnish | Swedish | English."""
    options = []
    for line in text.splitlines():
        if not line.strip():
            continue
        names = [part.strip() for part in line.split("|")] + ["", ""]
        options.append({"name": {"fi": names[0], "sv": names[1], "en": names[2]}})
    return options


class QuestionForm(forms.Form):
    text_fi = forms.CharField(label=_("Question in Finnish"), max_length=300)
    text_sv = forms.CharField(label=_("Question in Swedish"), max_length=300, required=False)
    text_en = forms.CharField(label=_("Question in English"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Answer type"), choices=QuestionKind.choices)
    options = forms.CharField(
        label=_("Options (list questions only)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One option a line; the names in Finnish, Swedish and English separated by |, "
            "for example: Aamulla | På morgonen | In the morning"
        ),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        options = parse_options(cleaned.get("options", ""))
        if kind in (QuestionKind.CHOICE, QuestionKind.MULTI) and len(options) < 2:
            self.add_error("options", _("A list question needs at least two options."))
        cleaned["choices"] = options if kind in (QuestionKind.CHOICE, QuestionKind.MULTI) else []
        return cleaned

    def add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, messages in error.message_dict.items():
            name = "options" if key == "choices" else key
            self.add_error(name if name in self.fields else None, messages)
