"""Settings every map on the site shares (background tiles are optional: see README)."""

from django.conf import settings


def map_settings() -> dict[str, str]:
    return {"tile_url": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION}
