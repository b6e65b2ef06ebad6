import xlsxwriter
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_govinfo import column_table
from wagtail_govinfo.cell_text import cell_text
from wagtail_govinfo.printing import set_up_for_print


class Command(BaseCommand):
    help = "Export the 第十条 table of which department provides which column (headers 栏目, 提供单位)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="The .xlsx file to write.")

    def handle(self, *args, output, **options):
        if not output.lower().endswith(".xlsx"):
            raise CommandError(_("The output must be an .xlsx file, not %(name)s.") % {"name": output})
        try:
            workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
        except OSError as exc:
            raise CommandError(_("Cannot write %(name)s: %(error)s") % {"name": output, "error": exc}) from exc
        sheet = workbook.add_worksheet("栏目")
        sheet.freeze_panes(1, 0)
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, 1, 60)
        sheet.write_row(0, 0, [column_table.COLUMN_HEADER, column_table.DEPARTMENTS_HEADER])
        set_up_for_print(sheet, title=_("Columns and their providing departments (article 10)"))
        count = 0
        for count, (path, departments) in enumerate(column_table.export_rows(), start=1):
            sheet.write_string(count, 0, cell_text(path))
            sheet.write_string(count, 1, cell_text(departments))
        workbook.close()
        self.stdout.write(self.style.SUCCESS(_("%(count)d columns written to %(name)s.") % {"count": count, "name": output}))
