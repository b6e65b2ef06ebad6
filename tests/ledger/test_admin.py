"""The ledger listings and the sign-off sheet: who sees what, filters, search, printing."""

import datetime

import pytest
from django.urls import reverse

from tests import factories as f
from wagtail_govinfo.ledger.models import PublicationLedgerEntry, SubmissionLedgerEntry
from wagtail_govinfo.models import InfoType

from .conftest import sign_off

pytestmark = pytest.mark.django_db

BEIJING = datetime.timezone(datetime.timedelta(hours=8))


def url(model, action="index", *args):
    opts = model._meta
    return reverse(f"{opts.app_label}_{opts.model_name}_modeladmin_{action}", args=args)


def listed(client, model=SubmissionLedgerEntry, **params):
    response = client.get(url(model), params)
    assert response.status_code == 200
    return sorted(e.title for e in response.context["object_list"])


@pytest.mark.parametrize("who", ["auditor", "operator"])
def test_auditors_and_the_operator_see_every_department(signed, client, who):
    client.force_login(signed[who])
    assert listed(client) == ["市发改委召开项目推进会", "市教育局部署秋季开学工作"]


@pytest.mark.parametrize("who", ["leader", "jyj_leader", "principal"])
def test_a_departments_leaders_see_their_own_department_only(signed, client, who):
    w = signed
    w["fgw_revision"].publish()
    w["jyj_revision"].publish()
    client.force_login(w[who])
    own = "市发改委召开项目推进会" if who == "leader" else "市教育局部署秋季开学工作"
    assert listed(client) == [own]
    assert listed(client, PublicationLedgerEntry) == [own]
    # Asking for the other department by its code shows nothing of it.
    other = "jyj" if who == "leader" else "fgw"
    assert listed(client, department=other) == []

    theirs = SubmissionLedgerEntry.objects.exclude(title=own).get()
    mine = SubmissionLedgerEntry.objects.get(title=own)
    assert client.get(url(SubmissionLedgerEntry, "inspect", mine.pk)).status_code == 200
    response = client.get(url(SubmissionLedgerEntry, "inspect", theirs.pk))
    assert response.status_code in (302, 403) and theirs.title not in response.content.decode()


@pytest.mark.parametrize("who", ["editor", "reviewer", "nobody"])
def test_everyone_else_is_refused(signed, client, who):
    user = f.user(roles=[], is_staff=False) if who == "nobody" else signed[who]
    if who == "nobody":
        from wagtail_govinfo.roles import staff_group

        user.groups.add(staff_group())  # may enter the admin, holds no ledger role
    client.force_login(user)
    entry = SubmissionLedgerEntry.objects.first()
    for target in (
        url(SubmissionLedgerEntry),
        url(SubmissionLedgerEntry) + "?export=xlsx",
        url(PublicationLedgerEntry),
        url(SubmissionLedgerEntry, "inspect", entry.pk),
    ):
        response = client.get(target)
        assert response.status_code in (302, 403), target
        assert "市发改委召开项目推进会" not in response.content.decode()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert url(SubmissionLedgerEntry) not in home  # no menu item either


def test_anonymous_users_are_sent_to_log_in(signed, client):
    response = client.get(url(SubmissionLedgerEntry))
    assert response.status_code == 302 and "login" in response["Location"]


def test_menu_shows_the_ledgers_to_an_auditor(signed, client):
    client.force_login(signed["auditor"])
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert url(SubmissionLedgerEntry) in home and url(PublicationLedgerEntry) in home


def test_listing_is_in_chinese(signed, client):
    client.force_login(signed["auditor"])
    html = client.get(url(SubmissionLedgerEntry)).content.decode()
    for text in ("信息报送台账", "序号", "信息名称", "保密审核人", "分管负责人", "报送时间", "导出 Excel", "审核签字单"):
        assert text in html, text


@pytest.fixture
def varied(signed):
    """More submissions: another type, another column, other dates."""
    w = signed
    other_column = f.column(departments=[w["fgw"]], title="通知公告")
    table = f.info_page(other_column, department=w["fgw"], live=False, title="市发改委价格监测表", info_type=InfoType.TABLE)
    sign_off(table, reviewer=w["reviewer"], leader=w["leader"],
             signed_at=datetime.datetime(2026, 3, 1, 23, 30, tzinfo=BEIJING))
    old = f.info_page(w["fgw_column"], department=w["fgw"], live=False, title="市发改委旧闻")
    sign_off(old, reviewer=w["reviewer"], leader=w["leader"],
             signed_at=datetime.datetime(2026, 2, 28, 23, 59, tzinfo=BEIJING))
    w["other_column"] = other_column
    return w


def test_filters(varied, client):
    w = varied
    client.force_login(w["auditor"])
    assert listed(client, department="jyj") == ["市教育局部署秋季开学工作"]
    assert listed(client, column=str(w["other_column"].pk)) == ["市发改委价格监测表"]
    assert listed(client, info_type="table") == ["市发改委价格监测表"]
    # Dates are Beijing days, both ends included.
    assert listed(client, date_from="2026-03-01", date_to="2026-03-01") == ["市发改委价格监测表"]
    assert listed(client, date_to="2026-02-28") == ["市发改委旧闻"]
    assert listed(client, department="fgw", date_from="2026-02-01", date_to="2026-03-31") == [
        "市发改委价格监测表", "市发改委旧闻",
    ]


def test_search(varied, client):
    client.force_login(varied["auditor"])
    assert listed(client, q="价格监测") == ["市发改委价格监测表"]
    assert listed(client, q="周审核") == ["市教育局部署秋季开学工作"]  # by reviewer


def test_publication_ledger_filters_by_action(signed, client):
    w = signed
    w["fgw_revision"].publish()
    w["fgw_page"].refresh_from_db()
    w["fgw_page"].unpublish()
    client.force_login(w["auditor"])
    assert listed(client, PublicationLedgerEntry, kind="unpublish") == ["市发改委召开项目推进会"]
    assert len(client.get(url(PublicationLedgerEntry)).context["object_list"]) == 2


@pytest.mark.parametrize(
    "params",
    [{"date_from": "2026-13-01"}, {"date_from": "2026-05-01", "date_to": "2026-04-01"}, {"column": "abc"},
     {"no_such_field": "1"}, {"date_from": "0001-01-01"}, {"date_to": "9999-12-31"},
     {"date_from": "0000-01-01"}, {"column": "99999999999999999999"}, {"column": "-1"}, {"column": "０１"}],
)
def test_bad_filters_get_a_clear_message(signed, client, params):
    client.force_login(signed["auditor"])
    response = client.get(url(SubmissionLedgerEntry), params, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain and response.redirect_chain[-1][0] == url(SubmissionLedgerEntry)
    messages = [str(m) for m in response.context["messages"]]
    assert messages
    export = client.get(url(SubmissionLedgerEntry), {**params, "export": "xlsx"})
    assert export.status_code == 400 and export.content.decode().strip()


def test_sign_off_sheet_shows_the_whole_sign_off_and_prints(signed, client):
    w = signed
    page = f.info_page(w["fgw_column"], department=w["fgw"], live=False, title="市发改委公布举报处理结果")
    checklist = {key: True for key in ("secrecy", "politics", "law", "rights", "source", "stability",
                                      "sensitivity", "statistics", "wording")}
    checklist["other"] = False
    revision = sign_off(
        page, reviewer=w["reviewer"], leader=w["leader"], submitter=w["editor"],
        signed_at=datetime.datetime(2026, 11, 3, 10, 30, tzinfo=BEIJING),
        reviewed_at=datetime.datetime(2026, 11, 3, 9, 5, tzinfo=BEIJING),
        checklist=checklist, findings=[{"kind": "id_number", "text": "220302198001011234", "blocking": True}],
        comment="同意报送，注意屏蔽个人信息。",
    )
    entry = SubmissionLedgerEntry.objects.get(page_key=page.pk)
    client.force_login(w["auditor"])
    response = client.get(url(SubmissionLedgerEntry, "inspect", entry.pk))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "审核签字单", entry.reference, "市发改委公布举报处理结果", "发改动态", f"{page.pk}", f"{revision.pk}",
        "王保密", "赵分管", "李信息", "2026-11-03 09:05:00", "2026-11-03 10:30:00",
        "同意报送，注意屏蔽个人信息。", "220302198001011234", entry.entry_hash, "window.print()",
    ):
        assert text in html, text
    assert html.count("☑") == 9 and html.count("☐") == 1
    # The ten items of 第十七条, in their order, with their wording.
    positions = [html.index(text) for text in (
        "是否涉密", "是否存在政治错误", "信息中的统计数据是否准确", "其他需要根据实际情况把握的信息",
    )]
    assert positions == sorted(positions)
    # Printing: its own style sheet, with print rules that hide the screen-only links.
    assert "signoff_sheet.css" in html
    from django.contrib.staticfiles import finders

    css = open(finders.find("wagtail_govinfo_ledger/css/signoff_sheet.css"), encoding="utf-8").read()
    assert "@media print" in css and ".no-print { display: none" in css
    assert 'class="no-print' in html
