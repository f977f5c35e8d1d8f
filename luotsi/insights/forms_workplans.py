"""Forms of the work-plan pages. Field errors are translated and name the field (the shared
form_errors.html lists them with the field's label)."""

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from luotsi.accounts.models import User
from luotsi.budgeting.models import Workspace
from luotsi.campaigns.models import Campaign
from luotsi.events.models import Event
from luotsi.insights.models import GoalIndicator, WorkPlan, WorkPlanGoal
from luotsi.insights.periods import EARLIEST_YEAR
from luotsi.insights.selectors_workplans import link_choices


class PlanYearForm(forms.Form):
    """The coordinator's ?year= on the list of plans."""

    year = forms.IntegerField(label=_("Year"), required=False, min_value=EARLIEST_YEAR)

    def clean_year(self) -> int | None:
        year: int | None = self.cleaned_data.get("year")
        if year is not None and year > timezone.localdate().year + 1:
            raise forms.ValidationError(_("Choose a year no later than next year."))
        return year

    def year_or_default(self) -> int:
        if self.is_valid() and self.cleaned_data.get("year"):
            return int(self.cleaned_data["year"])
        return timezone.localdate().year


class EventChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        event: Event = obj
        return f"{timezone.localtime(event.start):%Y-%m-%d} {event.title}"


class WorkspaceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        workspace: Workspace = obj
        return str(workspace.plan)


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.year)


class PlanCreateForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    copy_goals_from = PlanChoiceField(
        label=_("Copy the goals of an earlier plan"),
        queryset=WorkPlan.objects.none(),
        required=False,
        empty_label=_("No, start with no goals"),
        help_text=_(
            "Titles, indicators and targets are copied; values and linked activities are not."
        ),
    )

    def __init__(self, *args: Any, officer: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        taken = set(WorkPlan.objects.filter(officer=officer).values_list("year", flat=True))
        years = [y for y in (this_year, this_year + 1) if y not in taken]
        year_field = cast(forms.TypedChoiceField, self.fields["year"])
        year_field.choices = [(y, str(y)) for y in years]
        copy_field = cast(forms.ModelChoiceField, self.fields["copy_goals_from"])
        copy_field.queryset = WorkPlan.objects.filter(officer=officer).order_by("-year")
        self.available = bool(years)


class InitiativesForm(forms.ModelForm):
    class Meta:
        model = WorkPlan
        fields = ["initiatives"]
        widgets = {"initiatives": forms.Textarea(attrs={"rows": 10})}


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    indicator = forms.ChoiceField(
        label=_("Indicator"),
        choices=GoalIndicator.choices,
        help_text=_(
            "Events held and attendance count over the linked events, and campaign coverage "
            "over the linked campaigns, when there are any; otherwise, and for the other "
            "indicators, over all your work in the plan's year."
        ),
    )
    target = forms.IntegerField(
        label=pgettext_lazy("goal", "Target"),
        min_value=1,
        max_value=1_000_000,
        help_text=_("For campaign coverage, a percentage (1–100)."),
    )
    manual_value = forms.IntegerField(
        label=_("Value so far"),
        required=False,
        min_value=0,
        max_value=1_000_000,
        help_text=_("Only for goals recorded by hand."),
    )
    events = EventChoiceField(
        label=_("Linked events"),
        queryset=Event.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    campaigns = forms.ModelMultipleChoiceField(
        label=_("Linked campaigns"),
        queryset=Campaign.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    workspaces = WorkspaceChoiceField(
        label=_("Linked co-production workspaces"),
        queryset=Workspace.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        user: User,
        plan: WorkPlan,
        goal: WorkPlanGoal | None = None,
        **kwargs: Any,
    ) -> None:
        if goal is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": goal.title,
                "description": goal.description,
                "indicator": goal.indicator,
                "target": goal.target,
                "manual_value": goal.manual_value,
                "events": list(goal.events.values_list("pk", flat=True)),
                "campaigns": list(goal.campaigns.values_list("pk", flat=True)),
                "workspaces": list(goal.workspaces.values_list("pk", flat=True)),
            }
        super().__init__(*args, **kwargs)
        for name, queryset in link_choices(user, plan.year, keep=goal).items():
            field = cast(forms.ModelMultipleChoiceField, self.fields[name])
            field.queryset = queryset
            if not queryset.exists():
                field.help_text = _("You have none to link in this year.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        indicator, target = cleaned.get("indicator"), cleaned.get("target")
        if indicator == GoalIndicator.CAMPAIGN_COVERAGE and target is not None and target > 100:
            self.add_error("target", _("A share of campaign targets is at most 100 (%)."))
        return cleaned

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data.get("description") or "",
            "indicator": data["indicator"],
            "target": data["target"],
            "manual_value": data.get("manual_value"),
            "events": list(data.get("events") or []),
            "campaigns": list(data.get("campaigns") or []),
            "workspaces": list(data.get("workspaces") or []),
        }
