"""Luotsi settings, read from typed environment variables (see `.env.example`)."""

import datetime
import importlib.util
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor  # type: ignore[import-untyped]

from config.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

# No built-in fallback: a server started without a key must fail loudly. `make run` writes a
# random development key into the ignored file `.local/secret_key` and passes SECRET_KEY_FILE.
SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY (or SECRET_KEY_FILE) is not set. `make run` creates a development key; "
        "production deployments must provide their own."
    )

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms, and luotsi.web before
    # it so that web/templates/admin/ overrides the admin's own templates.
    "modeltranslation",
    "luotsi.web",
    "luotsi.web.apps.LuotsiAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "luotsi.areas",
    "luotsi.accounts",
    "luotsi.privacy",
    "luotsi.network",
    "luotsi.events",
    "luotsi.concerns",
    "luotsi.campaigns",
    "luotsi.opportunities",
    "luotsi.officehours",
    "luotsi.subscriptions",
    "luotsi.materials",
    "luotsi.insights",
    "luotsi.budgeting",
    "luotsi.api",
    # After luotsi.accounts, whose admin registers the TOTP devices and lockouts its own way.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves collectstatic's output from the app server itself (compressed, hashed names with
    # a year's cache), so production needs no separate static file server.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "luotsi.web.nul_characters.RefuseNulCharactersMiddleware",
    "luotsi.accounts.middleware.TwoFactorSetupRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page (429).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "luotsi.web.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite (WAL) is the embedded default; PostgreSQL through DATABASE_URL in production.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'luotsi.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
# Connections live across requests (seconds; 0 closes them after each request) and are
# checked before reuse, so a restarted database or a dropped idle connection costs a reconnect,
# not an error page.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side cursors cost extra round trips for the small lists pages iterate (form
    # choices), and break behind transaction-pooling PgBouncer.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while a writer commits; IMMEDIATE takes the write lock at
        # BEGIN so concurrent writers wait (busy timeout) instead of failing with "locked".
        # synchronous=FULL syncs the WAL at every commit: an acknowledged write survives a
        # power cut or an OS crash too (NORMAL could lose the last commits; both survive a
        # killed process). scripts/crash_test.py kills the server mid-writes to check.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts --------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Axes first: it refuses a locked-out sign-in before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "luotsi.accounts.backends.RoleModelBackend",
]
# Argon2id for new and changed passwords; older PBKDF2 hashes still verify and are rehashed
# with Argon2 the next time their owner signs in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:after-login"
LOGOUT_REDIRECT_URL = "web:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

# Sign-in lockout (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords or two-factor
# codes, that e-mail address is refused from that client address for LOGIN_LOCKOUT_MINUTES.
# Locking the combination, not the account alone, means an attacker guessing passwords from
# their own address cannot lock the real person out everywhere; locking by address alone
# would shut out a whole office behind one NAT. A distributed guess is slowed by Argon2 and
# stopped by two-factor authentication.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "luotsi.accounts.lockout.username_of"
AXES_CLIENT_IP_CALLABLE = "luotsi.web.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "luotsi.accounts.lockout.locked_out"
# Data minimisation: no log of every successful sign-in; failed attempts are kept only until
# their cool-off ends. luotsi.accounts.admin shows the attempts to the coordinator (unlock
# by deleting one).
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]  # masked in logs

# Two-factor authentication (TOTP, django-otp): optional for staff; required for the
# coordinator (who sees everything) when TWO_FACTOR_REQUIRED_FOR_COORDINATOR is on.
TWO_FACTOR_REQUIRED_FOR_COORDINATOR = env_bool(
    "TWO_FACTOR_REQUIRED_FOR_COORDINATOR", default=not DEBUG
)
OTP_TOTP_ISSUER = "Luotsi"

# --- Internationalisation ------------------------------------------------------------------
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "fi")
# The languages of content and of messages to people (e-mails, answers, forms' language).
MESSAGE_LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
# The page languages: the message languages plus plain-language Finnish (selkosuomi) for the
# public pages residents need most. Its catalogue (locale/fi_X-plain) simplifies what it
# translates and falls back to standard Finnish for the rest; content falls back to "fi".
LANGUAGES = [*MESSAGE_LANGUAGES, ("fi-x-plain", _("Plain Finnish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Helsinki")
USE_I18N = True
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_LANGUAGES = ("fi", "sv", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fi", "sv", "en")

# --- Territory -------------------------------------------------------------------------------
# The city this installation serves (a folder under data/ loaded by `manage.py load_city`).
LUOTSI_CITY = env_str("LUOTSI_CITY", "helsinki")
# Residents' messages must be answered within this many working days (Finnish holidays off).
CONCERNS_ANSWER_WITHIN_WORKING_DAYS = env_int("CONCERNS_ANSWER_WITHIN_WORKING_DAYS", 10)
# Anonymous messages accepted per client address and hour (a simple guard against floods).
CONCERNS_ANONYMOUS_PER_HOUR = env_int("CONCERNS_ANONYMOUS_PER_HOUR", 10)
# Anonymous posts are counted per client, found as the sign-in lockout finds it (behind the
# TLS proxy REMOTE_ADDR is the proxy, which would put every visitor on one counter).
RATELIMIT_IP_META_KEY = "luotsi.web.client_address.client_address"
# Registrants' personal data is anonymised this many days after their event ends.
EVENTS_ANONYMISE_AFTER_DAYS = env_int("EVENTS_ANONYMISE_AFTER_DAYS", 30)
# The largest file officers may attach to an information material (PDF, audio, video), in MB.
MATERIALS_MAX_UPLOAD_MB = env_int("MATERIALS_MAX_UPLOAD_MB", 25)
# Map background tiles, e.g. https://tiles.example/{z}/{x}/{y}.png; empty shows boundaries only
# (what tests and offline installations use). MAP_ATTRIBUTION is shown on the map.
MAP_TILE_URL = env_str("MAP_TILE_URL")
MAP_ATTRIBUTION = env_str("MAP_ATTRIBUTION")

# --- Open data (/open-data/, /api/v1/open/) -------------------------------------------------
# Counts of people below this are published as null with a "suppressed" flag (small-cell
# protection, luotsi/insights/suppression.py); 5 is the usual statistical-disclosure rule.
OPEN_DATA_MIN_CELL = env_int("OPEN_DATA_MIN_CELL", 5)
# How long browsers and proxies may reuse an open-data answer (Cache-Control max-age, seconds);
# after that they revalidate with If-None-Match and usually get a 304.
OPEN_DATA_MAX_AGE = env_int("OPEN_DATA_MAX_AGE", 3600)

# --- Programme costs (/programme/costs/) -----------------------------------------------------
# What one officer costs a year, salary and overheads together, in euros, for years whose
# figure the coordinator has not set (the seed: about 100,000 € per officer per year).
PROGRAMME_COST_PER_PERSON_YEAR = env_int("PROGRAMME_COST_PER_PERSON_YEAR", 100_000)
# Seconds the programme dashboard (/programme/) reuses a period's counts before counting again
# (the page shows when it counted); 0 counts on every request. Counting a full year at Helsinki
# scale takes about two seconds on PostgreSQL (README, Performance).
PROGRAMME_DASHBOARD_CACHE_SECONDS = env_int("PROGRAMME_DASHBOARD_CACHE_SECONDS", 300)

# --- Retention of personal data (GDPR art. 5(1)(e)) ------------------------------------------
# Periods in days, acted on by `manage.py purge_expired` (run daily) and declared on the public
# records-of-processing page (/privacy/records/). Registrations use EVENTS_ANONYMISE_AFTER_DAYS.
# Residents' names, e-mails and photos on messages, counted from the message being closed or
# answered: two years, the period within which a complaint to the Parliamentary Ombudsman is
# normally examined, so the city can still show how it handled the matter.
RETENTION_MESSAGES_DAYS = env_int("RETENTION_MESSAGES_DAYS", 730)
# Network contacts with no interaction logged for this long are erased (interactions stay,
# anonymised): three years outlasts an officer's ~2-year term, so a successor inherits the
# network, without keeping people the programme no longer works with.
RETENTION_CONTACTS_INACTIVE_DAYS = env_int("RETENTION_CONTACTS_INACTIVE_DAYS", 1095)
# The district's officers are e-mailed this many days before a contact is erased, and the
# erasure waits at least this long after the warning.
RETENTION_WARNING_DAYS = env_int("RETENTION_WARNING_DAYS", 30)
# Office-hours appointments: the resident's name, e-mail and topic, counted from the meeting's
# end; like event registrations, a month leaves time for follow-ups (the meeting itself is
# already recorded as an interaction without the person's details).
RETENTION_APPOINTMENTS_DAYS = env_int("RETENTION_APPOINTMENTS_DAYS", 30)
# After voting closes plus this many days (the time to appeal), ballots are unlinked from voters.
RETENTION_PB_VOTER_KEYS_DAYS = env_int("RETENTION_PB_VOTER_KEYS_DAYS", 90)
# Subscriptions never confirmed (the link is valid 3 days): deleted after a month, long enough
# to answer "did someone subscribe me?" and to notice abuse.
RETENTION_UNCONFIRMED_SUBSCRIBERS_DAYS = env_int("RETENTION_UNCONFIRMED_SUBSCRIBERS_DAYS", 30)
# Uploaded contact lists (each row as uploaded and checked): needed for the preview and the
# import; a month later the rows are cleared (the counts stay), unconfirmed uploads deleted.
RETENTION_IMPORT_BATCHES_DAYS = env_int("RETENTION_IMPORT_BATCHES_DAYS", 30)

# --- Participatory budgeting: voter identification -----------------------------------------
# Voters need no Luotsi account: they identify with strong e-ID over OpenID Connect
# (mozilla-django-oidc; Helsinki's services use Tunnistamo in front of Suomi.fi), and Luotsi
# keeps only a keyed hash of their identifier, their age and whether they live in the city.
# The DEVELOPMENT identity provider (a form where anyone types any test identity) stands in
# for it in `make run` and the tests; the system check luotsi.B001 refuses it without DEBUG.
PB_DEV_IDENTITY_PROVIDER = env_bool("PB_DEV_IDENTITY_PROVIDER", default=DEBUG)
# Keys the hash that makes one ballot per person (HMAC-SHA-256); required in production (system
# check luotsi.B002); with DEBUG it is derived from SECRET_KEY. Never change it while a vote is
# open: people could vote again.
PB_VOTER_KEY_SECRET = env_secret("PB_VOTER_KEY_SECRET")
# Minutes an identification stays valid in the session.
PB_IDENTITY_VALID_MINUTES = env_int("PB_IDENTITY_VALID_MINUTES", 30)
# The official code of the city's municipality (Helsinki 091): a voter whose home-municipality
# claim is this code (or the city's name) lives in the city.
PB_CITY_MUNICIPALITY_CODE = env_str("PB_CITY_MUNICIPALITY_CODE", "091")
_DEV_IDP = "/budgeting/identify/dev/" if PB_DEV_IDENTITY_PROVIDER else ""
PB_OIDC_ISSUER = env_str("PB_OIDC_ISSUER")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str(
    "PB_OIDC_AUTHORIZATION_ENDPOINT", _DEV_IDP and _DEV_IDP + "authorize/"
)
OIDC_OP_TOKEN_ENDPOINT = env_str("PB_OIDC_TOKEN_ENDPOINT", _DEV_IDP and _DEV_IDP + "token/")
OIDC_OP_USER_ENDPOINT = env_str("PB_OIDC_USERINFO_ENDPOINT", _DEV_IDP and _DEV_IDP + "userinfo/")
OIDC_OP_JWKS_ENDPOINT = env_str("PB_OIDC_JWKS_ENDPOINT") or None
OIDC_RP_CLIENT_ID = env_str("PB_OIDC_CLIENT_ID", "luotsi-dev" if _DEV_IDP else "")
# The development provider signs its HS256 id_tokens with a secret derived from SECRET_KEY.
OIDC_RP_CLIENT_SECRET = env_secret("PB_OIDC_CLIENT_SECRET") or (
    "luotsi-dev-idp:" + SECRET_KEY if _DEV_IDP else ""
)
OIDC_RP_SIGN_ALGO = env_str("PB_OIDC_SIGN_ALGO", "HS256" if _DEV_IDP else "RS256")
OIDC_RP_SCOPES = env_str("PB_OIDC_SCOPES", "openid profile")
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "budgeting:identify-callback"
OIDC_TIMEOUT = 10
# The claims holding the person's identifier, birth date (ISO; taken from a Finnish identity
# code when absent) and home municipality (a code such as 091, or a name).
PB_OIDC_PERSON_ID_CLAIM = env_str("PB_OIDC_PERSON_ID_CLAIM", "national_id_num")
PB_OIDC_BIRTHDATE_CLAIM = env_str("PB_OIDC_BIRTHDATE_CLAIM", "birthdate")
PB_OIDC_MUNICIPALITY_CLAIM = env_str("PB_OIDC_MUNICIPALITY_CLAIM", "home_municipality")

# --- Static files ----------------------------------------------------------------------------
MEDIA_URL = "media/"
# Uploaded files (photos of concerns). Never served directly: views check permissions first.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Caches: one per process by default; set REDIS_URL (e.g. redis://127.0.0.1:6379/0) so that
# several server processes share rate limits and cached feeds.
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Production serves hashed, pre-compressed copies that browsers may cache for a year; with
# DEBUG (`make run`) files are served as they are. config/test_settings.py sets its own.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Source maps are fetched only by developer tools; compressing the API docs' multi-megabyte
# maps (twice: original and hashed name) would double what collectstatic spends at deploy.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
# Leaflet's files come from the django-leaflet package. The package is not an installed app:
# its admin module imports GeoDjango, which needs GDAL, and Luotsi needs no GIS libraries.
_leaflet_spec = importlib.util.find_spec("leaflet")
STATICFILES_DIRS = (
    [Path(next(iter(_leaflet_spec.submodule_search_locations)), "static")]
    if _leaflet_spec and _leaflet_spec.submodule_search_locations
    else []
)

# --- E-mail: console by default, SMTP when EMAIL_HOST is set --------------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "luotsi@localhost")
# The address people reach the site at, for links in e-mails sent outside a request.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Background tasks ------------------------------------------------------------------------
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
_task_backend = env_str("TASKS_BACKEND", "immediate")
if _task_backend not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {sorted(_TASK_BACKENDS)}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend]}}

# --- Security --------------------------------------------------------------------------------
SECURE_COOKIES = env_bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie: forms (htmx included) send the token from the page.
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# HTTPS only: plain-HTTP requests are redirected and browsers remember it (HSTS) for a year.
# Behind a TLS-terminating proxy set BEHIND_TLS_PROXY too, or every request would redirect.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# The load balancer probes /healthz over plain HTTP inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# No "preload": the browsers' preload list takes whole registered domains (the city's, e.g.
# example.fi), which is the city's decision for all its services, not this application's.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY") else None
)
# Map tiles are images from the tile server; allow exactly that origin ({s} = any subdomain).
_tile_origin = urlsplit(MAP_TILE_URL.replace("{s}", "*"))
_tile_sources = [f"{_tile_origin.scheme}://{_tile_origin.netloc}"] if MAP_TILE_URL else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_tile_sources],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- API -------------------------------------------------------------------------------------
NINJA_PAGINATION_PER_PAGE = 50

# LOG_FORMAT=json writes one JSON object a line, for a log collector (journald, Loki, ELK).
LOG_FORMAT = env_str("LOG_FORMAT", "plain")
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured("LOG_FORMAT must be plain or json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "luotsi.web.logging.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # django-axes announces its configuration at INFO on every start (each manage.py command);
    # its lockouts are logged at WARNING, which is what operators need.
    "loggers": {"axes": {"level": "WARNING"}},
}
