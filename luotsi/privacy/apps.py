from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "luotsi.privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        # Every app declares its personal data in its own `retention` module (registry in
        # luotsi/privacy/retention.py); import them all, like the admin's autodiscovery.
        from luotsi.privacy import declarations  # noqa: F401

        autodiscover_modules("retention")
        # And what it exports of a person's data (registry in luotsi/privacy/portability.py).
        autodiscover_modules("personal_data")
        # And what it erases of a person (registry in luotsi/privacy/erasure.py).
        autodiscover_modules("erasure")
