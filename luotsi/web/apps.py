from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    default = True
    name = "luotsi.web"
    verbose_name = _("Web pages")

    def ready(self) -> None:
        # Django knows no name for the plain-Finnish tag; without this the language switcher
        # would offer "suomi" twice (get_language_info falls back to the generic "fi").
        from django.conf.locale import LANG_INFO

        from luotsi.web.languages import PLAIN_FINNISH

        LANG_INFO.setdefault(
            PLAIN_FINNISH,
            {
                "bidi": False,
                "code": PLAIN_FINNISH,
                "name": "Plain Finnish",
                "name_local": "selkosuomi",
            },
        )


class LuotsiAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "luotsi.web.admin_site.LuotsiAdminSite"
