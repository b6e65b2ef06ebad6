from django.core.management.base import BaseCommand, CommandError

from wagtail_govinfo.bounds import OutOfRange, parse_date
from wagtail_govinfo.checkruns import label, run_checks
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = (
        "Run every staleness and deadline check now: topics without update (第二十一条), "
        "stale and empty columns, and the checks of the installed sub-apps. With --dry-run, "
        "print what would happen and change nothing. Exits non-zero if a check could not run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would happen; change nothing."
        )
        parser.add_argument(
            "--today", metavar="YYYY-MM-DD", help="Check as if today were this date (default: today)."
        )

    def handle(self, *args, dry_run=False, today=None, **options):
        day = None
        if today:
            try:
                day = parse_date(today)
            except OutOfRange as error:
                raise CommandError(f"--today {today}: {error}") from None
            except ValueError:
                raise CommandError(
                    _("--today must be a date as YYYY-MM-DD, not %(value)s.") % {"value": repr(today)}
                ) from None
        results = run_checks(day, dry_run=dry_run)
        if dry_run:
            self.stdout.write(_("Dry run: nothing was changed."))
        for result in results:
            if result.ok:
                counts = "，".join(
                    f"{label(key)} {value if isinstance(value, int) else len(value)}"
                    for key, value in result.summary.items()
                    if isinstance(value, (int, list)) and key not in ("planned", "errors")
                )
                self.stdout.write(_("%(name)s: checked (%(counts)s)") % {"name": label(result.name), "counts": counts})
            else:
                self.stdout.write(
                    self.style.ERROR(
                        _("%(name)s: NOT CHECKED: %(error)s") % {"name": label(result.name), "error": result.error}
                    )
                )
            for line in result.details:
                self.stdout.write(f"  - {line}")
        failed = [r.name for r in results if not r.ok]
        if failed:
            raise CommandError(_("Not checked: %(names)s") % {"names": "、".join(label(n) for n in failed)})
        self.stdout.write(self.style.SUCCESS(_("%(command)s: done.") % {"command": "govinfo_check"}))
