"""Out-of-scope publication requests (第二十三条) through the admin views."""

import datetime
import io

import openpyxl
import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, ModelLogEntry

from tests import factories as f
from tests.core.test_permissions import add_url, post_data
from wagtail_govinfo.models import InfoPage, ScopeRequest, ScopeRequestStatus
from wagtail_govinfo.reports import build_workbook
from wagtail_govinfo.tasks import run_daily_checks

from .conftest import home

pytestmark = pytest.mark.django_db

LIST = reverse("govinfo_articles:scope_requests")
NEW = reverse("govinfo_articles:scope_request_create")


def today():
    return timezone.localdate()


def days(n):
    return (today() + datetime.timedelta(days=n)).isoformat()


@pytest.fixture
def column(city):
    """A column the 市政府办公室 is responsible for, the 市发改委 is not."""
    return f.column(departments=[city.office], title="通知公告")


def request_data(city, column, **extra):
    return {
        "department": city.bureau.pk,
        "column": column.pk,
        "title": "关于全市停水的紧急通知",
        "description": "因管网抢修，部分区域停水。",
        "wanted_on": days(5),
        "reason": "涉及全市群众生活，需要在通知公告栏目发布。",
        "urgent_reason": "",
        **extra,
    }


def file(client, city, column, **extra):
    client.force_login(city.bureau_editor)
    return client.post(NEW, request_data(city, column, **extra))


def decide(client, user, scope_request, decision, reason=""):
    client.force_login(user)
    url = reverse("govinfo_articles:scope_request", args=[scope_request.pk])
    return client.post(url, {"decision": decision, "reason": reason})


def test_a_date_four_days_ahead_is_refused_and_the_earliest_date_named(client, city, column):
    response = file(client, city, column, wanted_on=days(4))
    assert response.status_code == 200
    errors = response.context["form"].errors["wanted_on"]
    assert days(5) in errors[0]
    assert "5" in errors[0]
    assert days(5) in response.content.decode()
    assert not ScopeRequest.objects.exists()


@override_settings(WAGTAIL_GOVINFO={"SCOPE_REQUEST_NOTICE_DAYS": 10})
def test_the_notice_is_a_setting(client, city, column):
    response = file(client, city, column, wanted_on=days(9))
    assert days(10) in response.context["form"].errors["wanted_on"][0]
    assert file(client, city, column, wanted_on=days(10)).status_code == 302


def test_an_urgent_request_needs_a_reason(client, city, column):
    response = file(client, city, column, wanted_on=days(1), urgent="on")
    assert response.status_code == 200
    assert "urgent_reason" in response.context["form"].errors
    assert not ScopeRequest.objects.exists()
    response = file(client, city, column, wanted_on=days(1), urgent="on", urgent_reason="今晚停水")
    assert response.status_code == 302
    assert ScopeRequest.objects.get().urgent


def test_a_request_in_the_past_or_for_an_own_column_is_refused(client, city, column):
    response = file(client, city, column, wanted_on=days(-1), urgent="on", urgent_reason="急")
    assert "wanted_on" in response.context["form"].errors
    own = f.column(departments=[city.bureau])
    response = file(client, city, own)
    assert "column" in response.context["form"].errors
    assert not ScopeRequest.objects.exists()


def test_the_approval_chain_and_its_effect_on_permissions(client, city, column):
    # Before any request, the bureau cannot add in the office's column.
    client.force_login(city.bureau_editor)
    assert client.get(add_url(column)).status_code in (302, 403)

    assert file(client, city, column).status_code == 302
    scope_request = ScopeRequest.objects.get()
    assert scope_request.status == ScopeRequestStatus.FILED
    assert scope_request.filed_by == city.bureau_editor

    # Neither the filer, nor the operator, nor another department's leader can approve it.
    for user in (city.bureau_editor, city.operator, city.office_leader):
        decide(client, user, scope_request, "approve")
        assert ScopeRequest.objects.get().status == ScopeRequestStatus.FILED
    # The department's principal approves (审定).
    assert decide(client, city.bureau_principal, scope_request, "approve").status_code == 302
    scope_request.refresh_from_db()
    assert scope_request.status == ScopeRequestStatus.APPROVED and scope_request.approved_by == city.bureau_principal
    assert not scope_request.is_late
    client.force_login(city.bureau_editor)
    assert client.get(add_url(column)).status_code in (302, 403)

    # The operator must give a reason to decline; here it accepts.
    response = decide(client, city.operator, scope_request, "refuse")
    assert "reason" in response.context["form"].errors
    assert decide(client, city.operator, scope_request, "approve", "同意发布").status_code == 302
    scope_request.refresh_from_db()
    assert scope_request.status == ScopeRequestStatus.ACCEPTED

    # The bureau's editor may now create the page there and submit it to the normal review.
    client.force_login(city.bureau_editor)
    assert client.get(add_url(column)).status_code == 200
    response = client.post(add_url(column), {**post_data(city.bureau, title="停水通知"), "action-submit": "1"})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = InfoPage.objects.get(title="停水通知")
    assert page.submitting_department == city.bureau and not page.live
    assert page.current_workflow_task.specific_class.__name__ == "ConfidentialityReviewTask"
    scope_request.refresh_from_db()
    assert scope_request.page_id == page.pk
    # Only "add": the bureau cannot edit the office's pages in that column.
    office_page = f.info_page(column, department=city.office, title="办公室信息")
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(office_page.pk,)), post_data(city.bureau, title="改过")
    )
    assert response.status_code in (302, 403)
    assert InfoPage.objects.get(pk=office_page.pk).get_latest_revision().content["title"] == "办公室信息"

    # Every step is in the audit log.
    actions = list(
        ModelLogEntry.objects.for_instance(scope_request).order_by("timestamp", "pk").values_list("action", flat=True)
    )
    assert actions == [
        "wagtail_govinfo.scope_request.filed",
        "wagtail_govinfo.scope_request.approved",
        "wagtail_govinfo.scope_request.accepted",
        "wagtail_govinfo.scope_request.page_created",
    ]

    # The right ends after the date: the daily check expires the request.
    after = scope_request.wanted_on + datetime.timedelta(days=1)
    assert run_daily_checks(today=after.isoformat())["scope_requests"] == "ok"
    scope_request.refresh_from_db()
    assert scope_request.status == ScopeRequestStatus.EXPIRED
    assert not GroupPagePermission.objects.filter(page=column, group__name="信息员-fgw").exists()
    assert client.get(add_url(column)).status_code in (302, 403)
    assert ModelLogEntry.objects.filter(action="wagtail_govinfo.scope_request.expired").count() == 1


def test_declined_requests_give_no_right(client, city, column):
    file(client, city, column)
    scope_request = ScopeRequest.objects.get()
    decide(client, city.bureau_leader, scope_request, "approve")
    decide(client, city.operator, scope_request, "refuse", "不属于通知公告范围")
    scope_request.refresh_from_db()
    assert scope_request.status == ScopeRequestStatus.DECLINED
    assert scope_request.decision_reason == "不属于通知公告范围"
    client.force_login(city.bureau_editor)
    assert client.get(add_url(column)).status_code in (302, 403)
    assert ModelLogEntry.objects.filter(action="wagtail_govinfo.scope_request.declined").exists()


def test_the_department_can_refuse_with_a_reason(client, city, column):
    file(client, city, column)
    scope_request = ScopeRequest.objects.get()
    assert "reason" in decide(client, city.bureau_leader, scope_request, "refuse").context["form"].errors
    decide(client, city.bureau_leader, scope_request, "refuse", "无需发布")
    assert ScopeRequest.objects.get().status == ScopeRequestStatus.DECLINED
    # Nothing left for the operator to decide.
    decide(client, city.operator, scope_request, "approve")
    assert ScopeRequest.objects.get().status == ScopeRequestStatus.DECLINED


def test_an_expired_right_is_refused_even_before_the_daily_check(client, city, column):
    from wagtail_govinfo.permissions import sync_page_permissions

    scope_request = ScopeRequest.objects.create(
        department=city.bureau, column=column, title="旧申请", wanted_on=today(), reason="r",
        status=ScopeRequestStatus.ACCEPTED,
    )
    sync_page_permissions(type(column).objects.get(pk=column.pk))
    client.force_login(city.bureau_editor)
    assert client.get(add_url(column)).status_code == 200
    ScopeRequest.objects.filter(pk=scope_request.pk).update(wanted_on=today() - datetime.timedelta(days=1))
    # The group permission is still there until the daily check, but the department is
    # no longer one the editor may submit for in that column.
    response = client.post(add_url(column), post_data(city.bureau, title="过期后"))
    assert response.status_code in (200, 302, 403)
    assert not InfoPage.objects.filter(title="过期后").exists()


def test_screens_by_role(client, city, column):
    file(client, city, column)
    scope_request = ScopeRequest.objects.get()
    detail = reverse("govinfo_articles:scope_request", args=[scope_request.pk])
    for user in (city.bureau_editor, city.bureau_leader, city.bureau_principal, city.operator, city.auditor):
        assert LIST in home(client, user)
        assert client.get(LIST).status_code == 200
        assert client.get(detail).status_code == 200
    html = home(client, city.bureau_editor)
    client.force_login(city.bureau_editor)
    assert "超范围发布申请" in client.get(LIST).content.decode()
    # Reviewers do not file or decide requests; other departments do not see this one.
    assert LIST not in home(client, city.bureau_reviewer)
    assert client.get(LIST).status_code == 302
    client.force_login(city.office_editor)
    assert client.get(detail).status_code == 404
    for user in (city.bureau_leader, city.operator, city.auditor, city.bureau_reviewer):
        client.force_login(user)
        assert client.get(NEW).status_code == 302
    assert html


def test_quarterly_report_counts_urgent_and_late_requests(client, city, column):
    file(client, city, column, wanted_on=days(1), urgent="on", urgent_reason="急")
    file(client, city, column, wanted_on=days(6), title="普通申请")
    late = ScopeRequest.objects.get(title="普通申请")
    # Approved by the department with only 4 days left: late.
    ScopeRequest.objects.filter(pk=late.pk).update(
        status=ScopeRequestStatus.APPROVED, approved_at=timezone.now() + datetime.timedelta(days=2)
    )
    quarter = (today().month - 1) // 3 + 1
    _period, content, summary = build_workbook("quarterly", f"{today().year}Q{quarter}", today=today())
    assert summary["scope_requests"] == 2
    assert summary["scope_requests_urgent"] == 1
    assert summary["scope_requests_late"] == 1
    book = openpyxl.load_workbook(io.BytesIO(content))
    rows = [r for r in book.worksheets[-1].iter_rows(values_only=True)]
    assert ("市发改委", 2, 1, 1, 0) in rows
