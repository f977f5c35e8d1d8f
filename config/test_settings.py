"""Settings for the test suite: the production settings with test-only conveniences.

The database still comes from DATABASE_URL, so `make test` runs the same suite on SQLite and
on PostgreSQL.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-key-never-used-outside-the-test-suite")
os.environ.setdefault("SECURE_COOKIES", "0")
# The test client speaks plain HTTP; the security tests turn these on where they test them.
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("TWO_FACTOR_REQUIRED_FOR_COORDINATOR", "0")
# Voters identify with the development identity provider (the real OIDC flow, in-process).
os.environ.setdefault("PB_DEV_IDENTITY_PROVIDER", "1")

from config.settings import *  # noqa: F403
from config.settings import DATABASES, TASKS

# A concrete model for testing the LocatedModel mixin.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.located_app"]  # noqa: F405

# Hashing with Argon2's full cost would make persona creation dominate the suite; the
# production list is tested in luotsi/accounts/tests/test_security.py.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS["default"]["BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise looks up static files per request instead of scanning STATIC_ROOT at start-up,
# which warns on every middleware load where collectstatic never ran.
WHITENOISE_AUTOREFRESH = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The suite's SQLite database lives in memory (shared with the live server thread).
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
# Every test client request comes from 127.0.0.1: the rate-limit test sets its own low limit.
CONCERNS_ANONYMOUS_PER_HOUR = 100_000
