"""Every Excel export is set up to print: A4 landscape, one page wide, the header row on
every page, a page header with the title, filters and export time."""

import re
import shutil
import subprocess

import openpyxl
import pytest
from django.core.management import call_command

from .test_export import ledger, run_export  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def assert_prints(sheet, title, header_row=1):
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize in (9, "9")  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    # xlsxwriter leaves out fitToWidth when it is 1 (the default)
    assert int(sheet.page_setup.fitToWidth or 1) == 1 and int(sheet.page_setup.fitToHeight) == 0
    assert sheet.print_title_rows.replace("$", "") == f"{header_row}:{header_row}"
    assert title in sheet.oddHeader.center.text
    assert "导出时间" in sheet.oddHeader.right.text


def test_an_exported_ledger_prints_one_page_wide_with_its_header(ledger, tmp_path):  # noqa: F811
    target = tmp_path / "报送台账.xlsx"
    run_export("submission", "-o", str(target), "--department", "fgw")
    sheet = openpyxl.load_workbook(target).worksheets[0]
    assert_prints(sheet, "信息报送台账")
    assert "fgw" in sheet.oddHeader.left.text or "市发改委" in sheet.oddHeader.left.text


def test_reports_and_the_column_table_print_too(ledger, tmp_path):  # noqa: F811
    report = tmp_path / "通报.xlsx"
    call_command("govinfo_report", "quarterly", "--period", "2026Q1", "-o", str(report), stdout=open("/dev/null", "w"))
    for sheet in openpyxl.load_workbook(report).worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows
    columns = tmp_path / "栏目.xlsx"
    call_command("govinfo_export_columns", "-o", str(columns), stdout=open("/dev/null", "w"))
    assert_prints(openpyxl.load_workbook(columns).worksheets[0], "栏目")


def test_libreoffice_prints_an_exported_ledger_one_page_wide(ledger, tmp_path):  # noqa: F811
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed: apt-get install -y libreoffice-calc-nogui")
    target = tmp_path / "ledger.xlsx"
    run_export("submission", "-o", str(target))
    subprocess.run(
        [office, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(target)],
        check=True, capture_output=True, timeout=120,
    )
    pdf = (tmp_path / "ledger.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    # A handful of rows: one page wide and one page long (portrait printing needed 8).
    # The workbook's second sheet (export information) prints on its own page.
    assert 1 <= pages <= 2, pages
    boxes = {m for m in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf)}
    assert all(float(w) > float(h) for w, h in boxes), boxes  # landscape
