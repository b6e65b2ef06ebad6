from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wagtail_govinfo.bounds import OutOfRange, parse_date
from wagtail_govinfo.ledger.export import export_ledger
from wagtail_govinfo.ledger.ledger_time import filter_by_dates
from wagtail_govinfo.ledger.models import LEDGER_MODELS, Ledger
from wagtail_govinfo.models import Department


def _date(value, option):
    try:
        return parse_date(value)
    except OutOfRange as error:
        raise CommandError(f"{option} {value}: {error}") from None
    except ValueError:
        raise CommandError(
            _("%(option)s %(value)s is not a date; use YYYY-MM-DD.") % {"option": option, "value": value}
        ) from None


class Command(BaseCommand):
    help = (
        "Write a ledger (submission: 信息报送台账, publication: 信息发布台账) to an Excel "
        "workbook, optionally limited to a date range (Beijing time, inclusive) and one "
        "department. The export is recorded in the audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("ledger", choices=[ledger.value for ledger in Ledger])
        parser.add_argument("-o", "--output", required=True, help="The .xlsx file to write.")
        parser.add_argument("--from", dest="date_from", help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="date_to", help="Last day, YYYY-MM-DD.")
        parser.add_argument("--department", help="Short code of one department, e.g. fgw.")

    def handle(self, *args, ledger, output, date_from=None, date_to=None, department=None, **options):
        ledger = Ledger(ledger)
        model = LEDGER_MODELS[ledger]
        path = Path(output)
        if path.suffix.lower() != ".xlsx":
            raise CommandError(_("The output file must end in .xlsx: %(path)s") % {"path": output})
        if not path.parent.is_dir():
            raise CommandError(_("No such directory: %(path)s") % {"path": path.parent})
        first = _date(date_from, "--from") if date_from else None
        last = _date(date_to, "--to") if date_to else None
        if first and last and first > last:
            raise CommandError(_("--from %(first)s is after --to %(last)s.") % {"first": first, "last": last})

        queryset = filter_by_dates(model.objects.all(), model.event_time_field, first, last)
        filters = {}
        if first:
            filters[pgettext("ledger", "From")] = first.isoformat()
        if last:
            filters[pgettext("ledger", "To")] = last.isoformat()
        if department:
            found = Department.objects.filter(code=department).first()
            if found is None:
                raise CommandError(_("Unknown department code: %(code)s") % {"code": department})
            queryset = queryset.filter(department_code=found.code)
            filters[pgettext("ledger", "department")] = found.name
        try:
            with path.open("wb") as handle:
                result = export_ledger(ledger, queryset, handle, user=None, filters=filters, via="command")
        except OSError as error:
            raise CommandError(_("Cannot write %(path)s: %(error)s") % {"path": output, "error": error}) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Wrote %(rows)s entries of the %(ledger)s to %(path)s (chain head %(head)s).")
                % {"rows": result.rows, "ledger": ledger.label, "path": output, "head": result.head_hash}
            )
        )
