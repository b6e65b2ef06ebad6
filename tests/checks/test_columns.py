"""Stale and empty columns: thresholds by kind, per-column override, forecast, bounded queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from tests import factories as f
from tests.checks.conftest import D, at, travel
from wagtail_govinfo.models import ColumnKind, ColumnState, ColumnStatus
from wagtail_govinfo.staleness import check_columns

pytestmark = pytest.mark.django_db


def states(day, forecast=7):
    return {
        s.column.title: s.state(day, forecast)
        for s in ColumnStatus.objects.select_related("column")
    }


@pytest.fixture
def columns(setup_roles):
    """Columns of several kinds, each last updated 2026-11-02 10:00 unless empty."""
    with travel(at(2026, 11, 2)):
        dept = f.department("fgw")
        made = {
            "news": f.column(kind=ColumnKind.NEWS, title="动态要闻", departments=[dept]),
            "notice": f.column(kind=ColumnKind.NOTICE, title="通知公告", departments=[dept]),
            "profile": f.column(kind=ColumnKind.CITY_PROFILE, title="市情概况", departments=[dept]),
            "services": f.column(kind=ColumnKind.SERVICES, title="网上办事", departments=[dept]),
            "override": f.column(kind=ColumnKind.NEWS, title="部门动态", stale_after_days=3, departments=[dept]),
            "empty": f.column(kind=ColumnKind.NEWS, title="空栏目", departments=[dept]),
        }
        for key in ("news", "notice", "profile", "services", "override"):
            f.info_page(made[key], department=dept)
    return made


def test_thresholds_by_kind_and_per_column_override(columns, run):
    run(D(2026, 11, 16))  # 14 days after the last update: not yet more than 14
    assert states(D(2026, 11, 16), forecast=0) == {
        "动态要闻": ColumnState.OK,
        "通知公告": ColumnState.OK,
        "市情概况": ColumnState.OK,
        "网上办事": ColumnState.NOT_TRACKED,  # no threshold for this kind
        "部门动态": ColumnState.STALE,  # its own 3 days
        "空栏目": ColumnState.EMPTY,
    }
    status = ColumnStatus.objects.get(column=columns["news"])
    assert status.threshold_days == 14 and status.stale_on == D(2026, 11, 17)
    assert ColumnStatus.objects.get(column=columns["notice"]).threshold_days == 183
    assert ColumnStatus.objects.get(column=columns["profile"]).stale_on == D(2027, 11, 3)
    assert states(D(2026, 11, 17), forecast=0)["动态要闻"] == ColumnState.STALE


def test_the_settings_change_the_thresholds(columns, run):
    with override_settings(WAGTAIL_GOVINFO={"COLUMN_STALE_DAYS": {"news": 2, "services": 30}}):
        run(D(2026, 11, 5))
    assert states(D(2026, 11, 5), forecast=0)["动态要闻"] == ColumnState.STALE
    assert ColumnStatus.objects.get(column=columns["services"]).threshold_days == 30
    assert ColumnStatus.objects.get(column=columns["notice"]).threshold_days == 183  # default kept


def test_forecast_of_columns_becoming_stale(columns, run):
    result = run(D(2026, 11, 10))
    # 动态要闻 becomes stale on 11-17, within the 7 days after 11-10.
    assert states(D(2026, 11, 10))["动态要闻"] == ColumnState.DUE_SOON
    assert states(D(2026, 11, 9))["动态要闻"] == ColumnState.OK
    summary = result["columns"].summary
    assert (summary["due_soon"], summary["stale"], summary["empty"]) == (1, 1, 1)
    assert any("动态要闻" in line for line in result["columns"].details)


def test_empty_columns_and_unpublished_content(columns, run):
    draft = f.info_page(columns["empty"], live=False)
    run(D(2026, 11, 3))
    assert states(D(2026, 11, 3))["空栏目"] == ColumnState.EMPTY
    f.publish(draft)
    run(D(2026, 11, 3))
    assert states(D(2026, 11, 3))["空栏目"] == ColumnState.OK
    # A column holding only a sub-column with content is not empty; the empty sub-column is.
    parent = f.column(kind=ColumnKind.NEWS, title="父栏目")
    child = f.column(parent, kind=ColumnKind.NEWS, title="子栏目")
    run(D(2026, 11, 3))
    assert states(D(2026, 11, 3))["父栏目"] == ColumnState.EMPTY
    f.info_page(child)
    run(D(2026, 11, 3))
    assert states(D(2026, 11, 3))["父栏目"] == states(D(2026, 11, 3))["子栏目"] == ColumnState.OK


def test_unchanged_columns_are_not_rewritten(columns, run):
    run(D(2026, 11, 3))
    first = dict(ColumnStatus.objects.values_list("pk", "changed_at"))
    result = run(D(2026, 11, 20))
    assert dict(ColumnStatus.objects.values_list("pk", "changed_at")) == first
    assert (result["columns"].summary["created"], result["columns"].summary["updated"]) == (0, 0)


def test_columns_no_longer_live_lose_their_status(columns, run):
    run(D(2026, 11, 3))
    columns["news"].unpublish()
    result = run(D(2026, 11, 3))
    assert result["columns"].summary["removed"] == 1
    assert not ColumnStatus.objects.filter(column=columns["news"]).exists()


def test_queries_do_not_grow_with_the_number_of_columns(columns):
    check_columns(D(2026, 11, 3))
    with CaptureQueriesContext(connection) as small:
        check_columns(D(2026, 11, 4))
    for _ in range(15):
        column = f.column(kind=ColumnKind.NOTICE)
        f.info_page(column)
    check_columns(D(2026, 11, 3))
    with CaptureQueriesContext(connection) as large:
        check_columns(D(2026, 11, 4))
    assert len(large) == len(small) <= 4
