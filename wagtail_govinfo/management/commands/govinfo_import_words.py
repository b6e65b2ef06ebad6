from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_govinfo.screening.wordlists import (
    CREATE,
    UNCHANGED,
    UPDATE,
    WordListError,
    format_error,
    import_word_list,
)


class Command(BaseCommand):
    help = (
        "Import sensitive words and typo pairs into the screening dictionary from a plain-text "
        "list (one word a line, 'wrong→right' for a typo, optional tab- or comma-separated "
        "severity and category) or an .xlsx workbook (columns 词语, 类型, 正确写法, 级别, 分类). "
        "A list with any bad row is refused as a whole. Importing the same list again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the word list (.txt or .xlsx)")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the list and say what would change; write nothing"
        )

    def handle(self, *args, file, dry_run, **options):
        try:
            with open(file, "rb") as fh:
                data = fh.read()
        except OSError as e:
            raise CommandError(_("Cannot read %(name)s: %(error)s") % {"name": file, "error": e.strerror or e})
        try:
            _plan, counts = import_word_list(file, data, dry_run=dry_run)
        except WordListError as e:
            for error in e.errors:
                self.stderr.write(f"{file}: {format_error(error)}")
            raise CommandError(
                f"{file}: {len(e.errors)} bad row(s), nothing imported (first: {format_error(e.errors[0])})"
            )
        prefix = "Dry run, nothing written: would import" if dry_run else "Imported"
        self.stdout.write(
            f"{prefix} {file}: {counts[CREATE]} new, {counts[UPDATE]} updated, "
            f"{counts[UNCHANGED]} unchanged."
        )
