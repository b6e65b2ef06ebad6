from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_govinfo import column_table


class Command(BaseCommand):
    help = (
        "Import the 第十条 table of which department provides which column from an .xlsx or .csv "
        "file with the headers 栏目 and 提供单位. A bad file names each bad row and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Show the changes, write nothing.")

    def handle(self, *args, file, dry_run, **options):
        try:
            changes = column_table.plan(file)
        except column_table.ColumnTableError as exc:
            # Every bad row on stderr; the first (with a count) as the one-line error.
            for line in exc.errors[1:]:
                self.stderr.write(line)
            if len(exc.errors) == 1:
                raise CommandError(exc.errors[0]) from None
            raise CommandError(
                _("%(first)s (and %(more)d more; nothing written)")
                % {"first": exc.errors[0], "more": len(exc.errors) - 1}
            ) from None
        changed = [c for c in changes if c.changed]
        for change in changed:
            before = "、".join(d.name for d in change.before) or "-"
            after = "、".join(d.name for d in change.departments)
            self.stdout.write(f"{change.column.title}: {before} -> {after}")
        counts = {"changed": len(changed), "total": len(changes)}
        if dry_run:
            self.stdout.write(_("Dry run: %(changed)d of %(total)d columns would change.") % counts)
            return
        column_table.apply(changes)
        self.stdout.write(self.style.SUCCESS(_("%(changed)d of %(total)d columns changed.") % counts))
