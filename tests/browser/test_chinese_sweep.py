"""Every page of every role's journey reads Chinese (zh-hans): the demo site in headless
Chromium, each page's visible text checked for English words outside a short allow-list."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page

from tests.browser.conftest import login
from wagtail_govinfo.demo import DEFAULT_PASSWORD
from wagtail_govinfo.models import ColumnPage, InfoPage, TopicPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Words that may stay: product and format names, codes, the demo's usernames and e-mails.
ALLOWED = {
    "wagtail", "api", "excel", "xlsx", "csv", "txt", "pdf", "json", "url", "id", "ok", "ctrl", "django",
    "editor", "reviewer", "leader", "principal", "operator", "auditor", "admin", "edu", "gov",
    "example", "cn", "http", "https", "www", "html", "sha", "utc", "q", "fgw", "jyj", "szfb",
    "zsj", "tjj", "slj", "dfz", "tdq", "hzkfq", "kjj", "gxj", "mw", "zrzyj", "sthjj", "zjj",
    "jtj", "nyncj", "swj", "wglj", "wjw", "ybj", "lyj", "tw", "govinfo", "demo", "localhost",
    "english",  # the language chooser names the language in itself
}
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def english_words(text):
    text = re.sub(r"\S+@\S+|https?://\S+|/[\w/.-]+", " ", text)  # e-mails, URLs, paths
    return sorted({w for w in WORD.findall(text) if w.lower().strip("'’-") not in ALLOWED})


def journey_urls():
    news = ColumnPage.objects.get(slug="news")
    topics = ColumnPage.objects.get(slug="topics")
    in_review = InfoPage.objects.filter(title__contains="重点项目申报").first()
    awaiting = InfoPage.objects.filter(title__contains="民营经济").first()
    returned = InfoPage.objects.filter(title__contains="价格举报").first()
    root = Page.objects.get(depth=2)
    topic = TopicPage.objects.get(slug="flood-season-2026")
    common = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[root.pk]),
        reverse("wagtailadmin_explore", args=[news.pk]),
        reverse("wagtailadmin_explore", args=[topics.pk]),
        reverse("wagtailadmin_account"),
    ]
    return {
        "editor": common + [
            reverse("wagtailadmin_pages:add", args=["wagtail_govinfo", "infopage", news.pk]),
            reverse("wagtailadmin_pages:edit", args=[returned.pk]),
            reverse("wagtailadmin_pages:edit", args=[in_review.pk]),
            reverse("wagtailadmin_pages:history", args=[returned.pk]),
        ],
        "reviewer": common + [
            reverse("wagtailadmin_pages:edit", args=[in_review.pk]),
            reverse("wagtailadmin_pages:workflow_history", args=[in_review.pk]),
        ],
        "leader": common + [reverse("wagtailadmin_pages:edit", args=[awaiting.pk])],
        "principal": common,
        "operator": common + [
            reverse("govinfo_checks:reports"),
            reverse("wagtailadmin_pages:edit", args=[topic.pk]),
            "/admin/govinfo_departments/",
            "/admin/govinfo_departments/new/",
            "/admin/govinfo_department_roles/",
            "/admin/govinfo_department_roles/new/",
            "/admin/govinfo_sensitive_words/",
            "/admin/govinfo_sensitive_words/import/",
            "/admin/govinfo_allow_list/",
            "/admin/govinfo_allow_list/new/",
            "/admin/govinfo_messages/",
            "/admin/wagtail_govinfo_ledger/submissionledgerentry/",
            "/admin/wagtail_govinfo_ledger/publicationledgerentry/",
        ],
        "auditor": common + [
            reverse("govinfo_checks:reports"),
            "/admin/wagtail_govinfo_ledger/submissionledgerentry/",
            "/admin/wagtail_govinfo_ledger/publicationledgerentry/",
        ],
    }


def test_every_page_of_every_journey_reads_chinese(live_server, new_page, artifacts):
    quiet = io.StringIO()
    call_command("govinfo_setup", stdout=quiet)
    call_command("govinfo_demo", stdout=quiet)
    found = {}
    for role, urls in journey_urls().items():
        new_page.context.clear_cookies()
        login(new_page, live_server, role, DEFAULT_PASSWORD)
        for url in urls:
            response = new_page.goto(live_server.url + url)
            assert response.status < 500, f"{role} {url}: {response.status}"
            words = english_words(new_page.inner_text("body"))
            if words:
                found[f"{role} {url}"] = words
    assert found == {}, "\n".join(f"{where}: {words}" for where, words in found.items())
