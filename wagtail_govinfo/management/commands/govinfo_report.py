from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wagtail_govinfo.reporting import PeriodError
from wagtail_govinfo.reports import build_workbook
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = (
        "Write the report of 第二十八条 to an Excel file: 'quarterly' (the publication report, "
        "通报) or 'monthly' (the interaction check). The period defaults to the last complete "
        "quarter or month. The file is the one the schedule stores."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["quarterly", "monthly"])
        parser.add_argument("--period", help="2026Q3 for a quarter, 2026-10 for a month.")
        parser.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="File to write.")

    def handle(self, *args, kind, period=None, output, **options):
        path = Path(output)
        if path.suffix.lower() != ".xlsx":
            raise CommandError(_("The output must be an .xlsx file, not %(name)s.") % {"name": path.name})
        if not path.parent.exists():
            raise CommandError(_("The folder %(name)s does not exist.") % {"name": path.parent})
        try:
            built, content, summary = build_workbook(kind, period)
        except PeriodError as exc:
            raise CommandError(str(exc))
        path.write_bytes(content)
        what = _("quarterly report") if kind == "quarterly" else _("monthly check")
        self.stdout.write(
            self.style.SUCCESS(
                _("govinfo_report: %(what)s %(period)s written to %(path)s.")
                % {"what": what, "period": built.label, "path": path}
            )
        )
