"""The JSON API under /api/v1/: assembles the apps' Ninja routers."""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from luotsi.accounts.api import router as accounts_router
from luotsi.api import errors
from luotsi.api.auth import ApiTokenAuth, SessionAuth
from luotsi.api.docs import ServerRenderedDocs
from luotsi.api.parsers import JSONObjectParser
from luotsi.areas.api import router as areas_router
from luotsi.budgeting.api import router as budgeting_router
from luotsi.events.api import router as events_router
from luotsi.insights.api import router as insights_router
from luotsi.insights.open_data_api import router as open_data_router
from luotsi.materials.api import router as materials_router
from luotsi.network.api import router as network_router

api = NinjaAPI(
    title="Luotsi API",
    version="1",
    description=str(
        _("Luotsi's JSON API. Errors are JSON with a message and the fields at fault.")
    ),
    urls_namespace="api",
    auth=[ApiTokenAuth(), SessionAuth()],
    docs_url="/docs",
    docs=ServerRenderedDocs(),
    parser=JSONObjectParser(),
)
errors.install(api)
api.add_router("/", accounts_router, tags=["accounts"])
api.add_router("/", areas_router)
api.add_router("/", network_router)
api.add_router("/", events_router)
api.add_router("/", insights_router)
api.add_router("/", open_data_router)
api.add_router("/", materials_router)
api.add_router("/", budgeting_router)
