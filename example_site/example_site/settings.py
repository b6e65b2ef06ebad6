"""Settings of the example site: the installed configuration of wagtail-govinfo.

``DATABASE_URL`` selects the database (default: SQLite beside this project);
``REDIS_URL`` switches django-q2 from the ORM broker to Redis.
"""

import os
from pathlib import Path

import dj_database_url

from wagtail_govinfo.locale_overrides import LOCALE_DIR as LOCALE_OVERRIDES_DIR

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "example-site-not-secret")
DEBUG = os.environ.get("DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

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
    "wagtail.users",
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
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

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
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
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
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

WAGTAIL_SITE_NAME = "四平市人民政府网站"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# No external avatar host (unreachable from many government networks).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "json", "pdf", "pptx", "txt", "xls", "xlsx", "xml", "zip"]

# The demo writes e-mails to files (one per message) instead of sending them.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "sent_emails"))
DEFAULT_FROM_EMAIL = "noreply@gov.example.cn"

# django-q2: the ORM broker by default, Redis when REDIS_URL is set.
Q_CLUSTER = {
    "name": "govinfo",
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": 300,
    "retry": 360,
    "max_attempts": 1,
    "catch_up": False,
    "label": "计划任务",
    # Warnings and errors only: the demo's terminal is not a log.
    "log_level": os.environ.get("Q_LOG_LEVEL", "WARNING"),
}
if os.environ.get("REDIS_URL"):
    Q_CLUSTER["redis"] = os.environ["REDIS_URL"]
else:
    Q_CLUSTER["orm"] = "default"

WAGTAIL_GOVINFO = {}

# The review workflow publishes the revision its last step signed, for leaders without
# general publish rights (see docs/integrators/workflow.md).
WAGTAIL_FINISH_WORKFLOW_ACTION = "wagtail_govinfo.workflows.publishing.publish_signed_revision"

# The citizen message endpoint's rate limit is WAGTAIL_GOVINFO["MESSAGE_RATE_LIMIT_PER_HOUR"].
# Behind a reverse proxy, set "NUM_PROXIES" here so the client address is read from
# X-Forwarded-For (otherwise that header is ignored).
REST_FRAMEWORK = {}
