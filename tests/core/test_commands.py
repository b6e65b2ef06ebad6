"""govinfo_setup and govinfo_demo: idempotent, and the demo is usable as printed."""

import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from wagtail_govinfo.models import ColumnKind, ColumnPage, Department, InfoPage

pytestmark = pytest.mark.django_db


def snapshot():
    """Row counts of every model of the package, Wagtail and auth (what a rerun must not change)."""
    labels = {"wagtail_govinfo", "wagtail_govinfo_workflows", "wagtail_govinfo_ledger",
              "wagtail_govinfo_interaction", "wagtailcore", "auth", "django_q"}
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label in labels and not m._meta.proxy
    }


def run(name, *args):
    out = io.StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def test_setup_twice_changes_nothing():
    run("govinfo_setup")
    first = snapshot()
    run("govinfo_setup")
    assert snapshot() == first
    assert Group.objects.filter(name__in=["市政数局", "审计", "政府网站工作人员"]).count() == 3


def test_demo_twice_changes_nothing_and_prints_the_accounts():
    run("govinfo_setup")
    output = run("govinfo_demo")
    first = snapshot()
    again = run("govinfo_demo")
    assert snapshot() == first
    for username in ("editor", "reviewer", "leader", "principal", "operator", "auditor"):
        assert username in output and username in again
    assert "govinfo-demo" in output


def test_demo_covers_departments_columns_and_page_types():
    run("govinfo_setup")
    run("govinfo_demo")
    for name in ("市政府办公室", "市发改委", "市统计局", "市卫健委", "市政数局"):
        assert Department.objects.filter(name=name).exists()
    assert set(ColumnPage.objects.values_list("column_kind", flat=True)) == set(ColumnKind.values) - {"other"} | {"other"}
    profile = ColumnPage.objects.get(column_kind=ColumnKind.CITY_PROFILE)
    assert profile.responsible_departments.count() == 18  # the providers named in 第十条
    for model in ("InfoPage", "PolicyDocumentPage", "InterpretationPage", "TopicPage", "DisclosureIndexPage"):
        assert apps.get_model("wagtail_govinfo", model).objects.exists(), model
    policy = apps.get_model("wagtail_govinfo", "PolicyDocumentPage").objects.get()
    assert len(policy.interpretations) == 2


def test_demo_editor_sees_only_the_columns_of_their_department(client):
    run("govinfo_setup")
    run("govinfo_demo")
    assert client.login(username="editor", password="govinfo-demo")
    fgw = Department.objects.get(code="fgw")
    for column in ColumnPage.objects.all():
        url = reverse("wagtailadmin_pages:add", args=("wagtail_govinfo", "infopage", column.pk))
        allowed = client.get(url).status_code == 200
        # The editor of 市发改委 may add exactly where 市发改委 is responsible (info pages fit there).
        ours = fgw in column.responsible_departments.all() and InfoPage.can_create_at(column)
        assert allowed == ours, column.title
    editors_group = Group.objects.get(name="信息员-fgw")
    assert GroupPagePermission.objects.filter(group=editors_group).exists()


def test_demo_admin_reads_chinese(client):
    run("govinfo_setup")
    run("govinfo_demo")
    client.login(username="operator", password="govinfo-demo")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "仪表板" in html or "控制面板" in html or "页面" in html
    html = client.get(reverse("govinfo_departments:index")).content.decode()
    assert "部门" in html


@pytest.mark.parametrize("name", ["govinfo_setup", "govinfo_demo"])
def test_commands_have_help(name):
    from django.core.management import load_command_class

    text = load_command_class("wagtail_govinfo", name).create_parser("manage.py", name).format_help()
    assert "changes nothing" in text


def test_serve_links_use_the_address_served():
    from wagtail_govinfo.management.commands.govinfo_serve import base_url_for

    assert base_url_for("127.0.0.1:8765") == "http://127.0.0.1:8765"
    assert base_url_for("8001") == "http://127.0.0.1:8001"
    assert base_url_for("0.0.0.0:9000") == "http://127.0.0.1:9000"
