from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetingConfig(AppConfig):
    name = "luotsi.budgeting"
    verbose_name = _("Participatory budgeting")

    def ready(self) -> None:
        from luotsi.budgeting.identity import checks  # noqa: F401 - registers the checks
