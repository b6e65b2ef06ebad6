"""Settings of the example site: the installed configuration of wagtail-govinfo.

Chosen by environment variables (docs/integrators/production.md):

* ``DEBUG=1`` for a local demo (``make demo`` sets it); off otherwise, and then
  ``SECRET_KEY`` is required;
* ``DATABASE_URL`` selects the database (default: SQLite beside this project);
* ``REDIS_URL`` makes Redis Django's cache (shared by every web process, so the
  message rate limit counts across them) and django-q2's broker (acknowledged, so a
  killed worker's task is handed out again);
* ``HTTPS=1`` (the default when DEBUG is off): secure cookies, HSTS, redirect to https;
  ``BEHIND_PROXY=1``: trust ``X-Forwarded-Proto`` from the reverse proxy;
* ``MEDIA_ROOT``, ``STATIC_ROOT``, ``PRIVATE_ROOT`` (stored reports, never served); the
  files under ``MEDIA_URL`` are always answered by Django (images once published, see
  urls.py), never by a web server reading ``MEDIA_ROOT``;
* ``GOVINFO_LEDGER_KEY`` (the ledgers' HMAC key), ``GOVINFO_LEDGER_WITNESS_FILE``.
"""

import importlib.util
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from wagtail_govinfo.locale_overrides import LOCALE_DIR as LOCALE_OVERRIDES_DIR

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if os.environ.get("GOVINFO_KEYLESS_COMMAND") == "1":
        # manage.py's code-only commands (makemigrations …): nothing is signed or served.
        SECRET_KEY = secrets.token_urlsafe(50)
    elif DEBUG:
        SECRET_KEY = "example-site-not-secret"
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the site needs its own secret key: "
            "export SECRET_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or run with DEBUG=1 for a local demo."
        )
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# HTTPS: on by default in production; off for a demo and for `make prod` on loopback.
HTTPS = env_flag("HTTPS", not DEBUG)
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_flag("HSTS_PRELOAD", True)
if env_flag("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

INSTALLED_APPS = [
    # wagtail-govinfo: the core first, then its sub-apps; all above the wagtail apps so
    # that locale_overrides' Chinese for Wagtail's strings wins (Django's catalog order).
    "wagtail_govinfo.locale_overrides",
    "wagtail_govinfo",
    "wagtail_govinfo.workflows",
    "wagtail_govinfo.ledger",
    "wagtail_govinfo.interaction",
    # What they need.
    "wagtail_modeladmin",
    "import_export",
    "django_q",
    "wagtail.api.v2",
    "rest_framework",
    # Wagtail.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail_govinfo.users_apps.GovInfoUsersAppConfig",  # wagtail.users with the operator's limits
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    # Wagtail's "2 minutes ago" comes from humanize: its Chinese needs the app installed.
    "django.contrib.humanize",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After MessageMiddleware: Wagtail's generic refusal message becomes the reason.
    "wagtail_govinfo.refusals.RefusalReasonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: a lost database connection becomes a 503, and the next request reconnects.
    "wagtail_govinfo.middleware.DatabaseUnavailableMiddleware",
]
# Static files from the application server (compressed, cached forever by their hashed
# names) when whitenoise is installed (the `prod` extra) and DEBUG is off.
WHITENOISE = not DEBUG and importlib.util.find_spec("whitenoise") is not None
if WHITENOISE:
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "example_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

WSGI_APPLICATION = "example_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the qcluster write to the same SQLite file. Immediate transactions
    # take the write lock when they begin, so a writer waits (up to "timeout" seconds)
    # instead of failing with "database is locked" when it upgrades a read to a write;
    # WAL lets readers go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Shanghai"
# The account page offers these time zones (not the whole world, in English).
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]
USE_I18N = True
# Wagtail's JavaScript catalog reads only wagtail.admin and LOCALE_PATHS.
LOCALE_PATHS = [LOCALE_OVERRIDES_DIR]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Private files (stored reports): outside MEDIA_ROOT, without a URL, handed out only by
# the permission-checked download views that record each download.
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", BASE_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if WHITENOISE
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
    "govinfo_private": {
        "BACKEND": "wagtail_govinfo.private_files.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_ROOT},
    },
}
# Documents through Wagtail's view (privacy and collection permissions apply), never as
# files under MEDIA_URL: the media route serves published images only (urls.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"

WAGTAIL_SITE_NAME = "四平市人民政府网站"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Absolute URLs in API responses (detail_url, download_url): the address the site is served at.
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
# No external avatar host (unreachable from many government networks).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents go through Wagtail's serve view, where wagtail-govinfo refuses attachments of
# unpublished content (docs/integrators/attachments.md); never serve MEDIA_ROOT/documents.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "json", "pdf", "pptx", "txt", "xls", "xlsx", "xml", "zip"]

# E-mails go to files (one per message) unless EMAIL_BACKEND says otherwise, e.g.
# django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "sent_emails"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = "noreply@gov.example.cn"

# django-q2: the ORM broker by default, Redis when REDIS_URL is set. A task not
# acknowledged within `retry` seconds (its worker was killed) is handed out again, up to
# `max_attempts` times; `timeout` < `retry` stops a slow task before that; failed tasks
# are retried too (`ack_failures` off). Every job of the package is idempotent.
Q_CLUSTER = {
    "name": "govinfo",
    # The queue's name (several sites on one Redis); "name" is the signing salt.
    "cluster_name": os.environ.get("Q_CLUSTER_NAME", "govinfo"),
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": int(os.environ.get("Q_TIMEOUT", "300")),
    "retry": int(os.environ.get("Q_RETRY", "360")),
    "max_attempts": int(os.environ.get("Q_MAX_ATTEMPTS", "3")),
    "ack_failures": False,
    "catch_up": False,
    "label": "计划任务",
    # Warnings and errors only: the demo's terminal is not a log.
    "log_level": os.environ.get("Q_LOG_LEVEL", "WARNING"),
}
REDIS_URL = os.environ.get("REDIS_URL")
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
    Q_CLUSTER["broker_class"] = "wagtail_govinfo.queue_broker.AcknowledgedRedis"
    # One cache for every process: the message rate limit, the dictionary version.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "govinfo",
        }
    }
else:
    Q_CLUSTER["orm"] = "default"

WAGTAIL_GOVINFO = {
    # The ledgers' keyed hash: the key lives in the environment, never in the database.
    "LEDGER_HMAC_KEY": os.environ.get("GOVINFO_LEDGER_KEY") or None,
    "LEDGER_WITNESS_FILE": os.environ.get("GOVINFO_LEDGER_WITNESS_FILE") or None,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The review workflow publishes the revision its last step signed, for leaders without
# general publish rights (see docs/integrators/workflow.md).
WAGTAIL_FINISH_WORKFLOW_ACTION = "wagtail_govinfo.workflows.publishing.publish_signed_revision"
# The drafting department's re-check (第十二条) sits between the two steps: tie every
# approval to the latest revision, as docs/integrators/workflow.md asks for extra steps.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True

# The citizen message endpoint's rate limit is WAGTAIL_GOVINFO["MESSAGE_RATE_LIMIT_PER_HOUR"].
# Behind a reverse proxy, set "NUM_PROXIES" here so the client address is read from
# X-Forwarded-For (otherwise that header is ignored).
REST_FRAMEWORK = {}
