from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    default = True
    name = "luotsi.web"
    verbose_name = _("Web pages")


class LuotsiAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "luotsi.web.admin_site.LuotsiAdminSite"
