"""Settings of wagtail-govinfo, read lazily from ``settings.WAGTAIL_GOVINFO``.

Every key is optional. ``govinfo_settings.KEY`` returns the project's value or the
default below; the cache is dropped on ``setting_changed`` so ``override_settings``
works in tests. Wrong values are reported by the system checks in ``checks.py``.
"""

from django.conf import settings
from django.core.signals import setting_changed

#: Each default, with what it means. ``docs/reference/settings.md`` mirrors this dict.
DEFAULTS = {
    # Name of the site-wide group of the platform operator (市政数局).
    "OPERATOR_GROUP": "市政数局",
    # Name of the site-wide read-only group of auditors (审计).
    "AUDITOR_GROUP": "审计",
    # Name of the group every department member joins to reach the Wagtail admin.
    "STAFF_GROUP": "政府网站工作人员",
    # Name of a department's editors group; ``{code}`` is the department's short code.
    "EDITOR_GROUP_FORMAT": "信息员-{code}",
    # Separation of duties (第十六、二十条): author, confidentiality reviewer and
    # signing leader must be three different people. Small departments may relax it.
    "SEPARATION_OF_DUTIES": True,
    # Emergency publication (紧急发布): the platform operator may publish a page before
    # its review and sign-off, with a written reason; the screening still blocks secrecy
    # markings and unmasked personal data, and both steps follow at once. False: off.
    "EMERGENCY_PUBLICATION": True,
    # Name of the default workflow created by ``govinfo_setup``.
    "WORKFLOW_NAME": "政府网站信息发布流程",
    # Sensitive-word / typo lists loaded into the dictionary by ``govinfo_setup``:
    # paths of .txt (one word a line, ``wrong→right`` for typos) or .xlsx word lists,
    # in the format of ``govinfo_import_words`` (see screening/wordlists.py); an item
    # ``{"path": ..., "typos": True}`` declares a typo list.
    "DICTIONARY_SOURCES": [],
    # Longest a process keeps its compiled screening dictionary. Changes through the
    # model are seen at once (a version in Django's cache); this bounds the others.
    "DICTIONARY_CACHE_SECONDS": 300,
    # Allow-list of ordinary government vocabulary for the screening (a path or a list
    # of paths of UTF-8 files, one word a line). None: the list shipped with the package
    # (derived from public government texts by scripts/derive_allow_list.py); [] for none.
    # Its words are refused by the word-list import, and a listed word is not reported
    # where it is part of a longer allow-listed word of the text.
    "SCREENING_ALLOW_LIST": None,
    # Topics (第二十一条): warn after this many days without update, revoke after that many.
    "TOPIC_WARNING_DAYS": 5,
    "TOPIC_REVOKE_DAYS": 7,
    # Days before a column becomes stale that the forecast reports it.
    "STALE_FORECAST_DAYS": 7,
    # Staleness threshold in days per column kind (national inspection indicators);
    # a column can override it in the admin. Kinds missing here are never stale.
    "COLUMN_STALE_DAYS": {
        "news": 14,
        "notice": 183,
        "policy": 183,
        "city_profile": 365,
        "interaction": 92,
    },
    # Interaction (第十八条): working days within which a simple consultation is answered.
    "MESSAGE_REPLY_WORKING_DAYS": 5,
    # Largest citizen message body accepted by the public endpoint, in characters.
    "MESSAGE_MAX_LENGTH": 2000,
    # Public message endpoint rate limit: messages per client address per hour.
    "MESSAGE_RATE_LIMIT_PER_HOUR": 5,
    # Hour (Asia/Shanghai) at which the daily checks are scheduled.
    "DAILY_CHECK_HOUR": 1,
    # Attachments (附件): documents and images are served to the public only while the
    # live version of some page or snippet uses them; staff who may choose or change one
    # can see it before. Needs WAGTAILDOCS_SERVE_METHOD "serve_view" (or "redirect" to a
    # private storage) and MEDIA_URL answered by the package's image view (checks E020,
    # E021), see docs/integrators/attachments.md. False: Wagtail's default.
    "ATTACHMENT_PRIVACY": True,
    # Seconds a browser or CDN may reuse a public image file (Cache-Control: public,
    # max-age). After an unpublication a cached copy can be seen that long. Images seen
    # only because the requester is staff are never cached (private, no-store).
    "IMAGE_CACHE_SECONDS": 300,
    # Text extraction for screening: largest file read (bytes), pages of a PDF, characters
    # kept, wall-clock seconds and memory (MB) of the extraction process. A file beyond a
    # limit is shown to the reviewer as not (fully) machine-checked.
    "ATTACHMENT_MAX_BYTES": 20 * 1024 * 1024,
    "ATTACHMENT_MAX_PAGES": 300,
    "ATTACHMENT_MAX_CHARS": 500_000,
    "ATTACHMENT_TIMEOUT_SECONDS": 20,
    "ATTACHMENT_MEMORY_MB": 1024,
    # Address that notification e-mails are sent from (None: DEFAULT_FROM_EMAIL).
    "FROM_EMAIL": None,
    # Leader profiles (第八条): code of the department whose editors keep them (市政府办公室).
    "LEADER_DEPARTMENT": "szfb",
    # Codes of the departments that may file important-meeting and leader-activity
    # information (重要会议、领导动态, 第八条). None: the ``LEADER_DEPARTMENT`` only.
    "LEADER_INFO_DEPARTMENTS": None,
    # Out-of-scope publication requests (第二十三条): days of notice between filing and
    # the wanted publication date, unless the information is urgent (紧急信息).
    "SCOPE_REQUEST_NOTICE_DAYS": 5,
    # Submission API (第十九条): calls one client token may make per minute.
    "SUBMISSION_API_RATE_PER_MINUTE": 60,
    # Attempts to deliver one stored e-mail (outbox.py) before it is left for an operator.
    "OUTBOX_MAX_ATTEMPTS": 5,
    # Alias in Django's STORAGES of the private storage holding stored reports: never
    # served under MEDIA_URL, read only through the permission-checked download views.
    # When the alias is missing, reports fall back to the default storage (warning W020).
    "PRIVATE_STORAGE": "govinfo_private",
    # Key of the ledgers' keyed hash (HMAC-SHA256), from the environment, never from the
    # database. None: entries are chained with plain SHA-256 (see docs/integrators/ledger-witness.md).
    "LEDGER_HMAC_KEY": None,
    # File to which every ledger export and verification appends the chain head
    # (one JSON line each): a witness outside the database. None: the audit log only.
    "LEDGER_WITNESS_FILE": None,
}


class GovInfoSettings:
    def __init__(self, defaults):
        self.defaults = defaults
        self._cache = {}

    @property
    def user_settings(self):
        value = getattr(settings, "WAGTAIL_GOVINFO", None)
        return value if isinstance(value, dict) else {}

    def __getattr__(self, name):
        if name not in self.defaults:
            raise AttributeError(f"Invalid WAGTAIL_GOVINFO setting: {name!r}")
        if name not in self._cache:
            value = self.user_settings.get(name, self.defaults[name])
            if isinstance(self.defaults[name], dict) and isinstance(value, dict):
                # Dict settings extend the default rather than replace it.
                value = {**self.defaults[name], **value}
            self._cache[name] = value
        return self._cache[name]

    def reload(self):
        self._cache = {}


govinfo_settings = GovInfoSettings(DEFAULTS)


def _reload(*, setting, **kwargs):
    if setting == "WAGTAIL_GOVINFO":
        govinfo_settings.reload()


setting_changed.connect(_reload, dispatch_uid="wagtail_govinfo_reload_settings")
