from django.core.management.base import BaseCommand, CommandError

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
            for line in exc.errors[1:]:
                self.stderr.write(line)
            raise CommandError(exc.errors[0] if len(exc.errors) == 1 else
                               f"{exc.errors[0]} (and {len(exc.errors) - 1} more; nothing written)")
        changed = [c for c in changes if c.changed]
        for change in changed:
            before = "、".join(d.name for d in change.before) or "-"
            after = "、".join(d.name for d in change.departments)
            self.stdout.write(f"{change.column.title}: {before} -> {after}")
        if dry_run:
            self.stdout.write(f"Dry run: {len(changed)} of {len(changes)} columns would change.")
            return
        column_table.apply(changes)
        self.stdout.write(self.style.SUCCESS(f"{len(changed)} of {len(changes)} columns changed."))
