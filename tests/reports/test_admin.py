"""Stored reports in the admin: listed and downloadable by the operator and auditors only."""

import io

import openpyxl
import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests import factories as f
from wagtail_govinfo.reports import build_and_store

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(setup_roles):
    return build_and_store("monthly", "2026-10")


def test_operator_and_auditor_list_and_download(report, client):
    for user in (f.user(operator=True), f.user(auditor=True)):
        client.force_login(user)
        listing = client.get(reverse("govinfo_checks:reports"))
        assert listing.status_code == 200
        html = listing.content.decode()
        assert "2026-10" in html
        download_url = reverse("govinfo_checks:report_download", args=[report.pk])
        assert download_url in html
        response = client.get(download_url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert 'filename="monthly-2026-10.xlsx"' in response["Content-Disposition"]
        book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        assert len(book.worksheets) == 2
    # Each download is in the audit log (第二十六条).
    assert ModelLogEntry.objects.filter(action="wagtail_govinfo.report_downloaded").count() == 2


def test_menu_item_only_for_operator_and_auditor(report, client):
    url = reverse("govinfo_checks:reports")
    client.force_login(f.user(auditor=True))
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(f.editor(f.department()))
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_others_are_refused(report, client):
    list_url = reverse("govinfo_checks:reports")
    download_url = reverse("govinfo_checks:report_download", args=[report.pk])
    response = client.get(download_url)
    assert response.status_code == 302 and "/login/" in response.url  # anonymous
    client.force_login(f.editor(f.department()))
    for url in (list_url, download_url):
        response = client.get(url)
        assert response.status_code == 302 and response.url == "/admin/"
    assert not ModelLogEntry.objects.filter(action="wagtail_govinfo.report_downloaded").exists()


def test_missing_report_is_404(report, client):
    client.force_login(f.user(operator=True))
    assert client.get(reverse("govinfo_checks:report_download", args=[report.pk + 99])).status_code == 404


def test_the_operator_builds_a_report_for_a_chosen_period(setup_roles, client):
    from django.contrib.messages import get_messages

    from wagtail_govinfo.models import Report

    url = reverse("govinfo_checks:reports")
    operator, auditor = f.user(operator=True), f.user(auditor=True)
    client.force_login(operator)
    assert "data-govinfo-generate-report" in client.get(url).content.decode()
    response = client.post(url, {"kind": "quarterly", "period": "2026Q2"})
    assert response.status_code == 302
    assert Report.objects.filter(kind="quarterly", period="2026Q2").exists()
    assert any("2026Q2" in str(m) for m in get_messages(response.wsgi_request))

    response = client.post(url, {"kind": "monthly", "period": "2026-13"})
    assert response.status_code == 302 and not Report.objects.filter(kind="monthly").exists()
    assert [m.level_tag for m in get_messages(response.wsgi_request)][-1] == "error"

    # Auditors read reports; they do not build them.
    client.force_login(auditor)
    assert "data-govinfo-generate-report" not in client.get(url).content.decode()
    client.post(url, {"kind": "monthly", "period": "2026-10"})
    assert not Report.objects.filter(kind="monthly").exists()


def test_the_reports_menu_item_has_its_own_name(setup_roles, client):
    client.force_login(f.user(operator=True))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    # The sidebar is built from JSON, where Chinese is \u-escaped.
    import json

    assert json.dumps("第二十八条报告")[1:-1] in html
