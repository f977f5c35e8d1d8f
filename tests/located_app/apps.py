from django.apps import AppConfig


class LocatedAppConfig(AppConfig):
    """A test-only app with one concrete LocatedModel (installed by config/test_settings)."""

    name = "tests.located_app"
    label = "located_app"
