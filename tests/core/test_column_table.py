"""govinfo_import_columns / govinfo_export_columns: the 第十条 table as a spreadsheet."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from tests import factories as f
from wagtail_govinfo.models import ColumnPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(setup_roles):
    fgw, tjj = f.department("fgw", "市发改委"), f.department("tjj", "市统计局")
    news = f.column(title="动态要闻", departments=[fgw])
    data = f.column(title="数据开放", departments=[])
    sub = f.column(news, title="部门动态", departments=[])
    other = f.column(title="其他栏目")
    f.column(other, title="部门动态")  # a second 部门动态: only its path is unambiguous
    return locals()


def write_xlsx(path, rows):
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return str(path)


@pytest.fixture(autouse=True)
def english():
    # Messages are asserted in English; test_messages_are_chinese checks the catalog.
    with translation.override("en"):
        yield


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue()


def test_import_sets_departments_and_gives_editors_the_right(site, tmp_path, client):
    path = write_xlsx(tmp_path / "t.xlsx", [["栏目", "提供单位"], ["数据开放", "市统计局、fgw"], ["动态要闻/部门动态", "tjj"]])
    output = run("govinfo_import_columns", path)
    assert "2 of 2 columns changed" in output
    data = ColumnPage.objects.get(pk=site["data"].pk)
    assert {d.code for d in data.responsible_departments.all()} == {"tjj", "fgw"}
    assert data.get_latest_revision().content["responsible_departments"]
    client.force_login(f.editor(site["tjj"]))
    add = reverse("wagtailadmin_pages:add", args=("wagtail_govinfo", "infopage", site["sub"].pk))
    assert client.get(add).status_code == 200


def test_bad_rows_are_each_named_and_nothing_is_written(site, tmp_path):
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [["栏目", "提供单位"], ["数据开放", "市统计局"], ["不存在", "市统计局"], ["部门动态", "tjj"], ["动态要闻", "市财政局"], ["数据开放", "fgw"]],
    )
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("govinfo_import_columns", path, stderr=err)
    message = str(exc.value) + err.getvalue()
    assert "row 3" in message and "不存在" in message
    assert "row 4" in message and "path" in message
    assert "row 5" in message and "市财政局" in message
    assert "row 6" in message and "row 2" in message
    assert "\n" not in str(exc.value)
    assert not ColumnPage.objects.get(pk=site["data"].pk).responsible_departments.exists()


def test_dry_run_writes_nothing(site, tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", [["栏目", "提供单位"], ["数据开放", "市统计局"]])
    output = run("govinfo_import_columns", path, "--dry-run")
    assert "数据开放: - -> 市统计局" in output
    assert not ColumnPage.objects.get(pk=site["data"].pk).responsible_departments.exists()


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("t.txt", b"x", "xlsx or .csv"),
        ("t.csv", "列1,列2\n".encode(), "headers"),
        ("t.xlsx", b"not a zip", "Excel"),
    ],
)
def test_unreadable_files_fail_with_one_line(site, tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=words):
        call_command("govinfo_import_columns", str(path))


def test_csv_import_and_missing_file(site, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("栏目,提供单位\n数据开放,市统计局\n", encoding="utf-8-sig")
    run("govinfo_import_columns", str(path))
    assert [d.code for d in ColumnPage.objects.get(pk=site["data"].pk).responsible_departments.all()] == ["tjj"]
    with pytest.raises(CommandError, match="not found"):
        call_command("govinfo_import_columns", str(tmp_path / "missing.xlsx"))


def test_export_round_trips(site, tmp_path):
    out = tmp_path / "cols.xlsx"
    run("govinfo_export_columns", "-o", str(out))
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0] == ("栏目", "提供单位")
    assert ("动态要闻", "市发改委") in rows
    assert ("动态要闻/部门动态", "") in rows
    # The exported file imports back without change.
    assert "0 of 5 columns would change" in run("govinfo_import_columns", "--dry-run", str(out))


def test_messages_are_chinese_in_a_chinese_admin(site, tmp_path):
    path = write_xlsx(tmp_path / "bad.xlsx", [["栏目", "提供单位"], ["不存在", "市统计局"]])
    with translation.override("zh-hans"), pytest.raises(CommandError, match="第 2 行：没有栏目 不存在"):
        call_command("govinfo_import_columns", path)
