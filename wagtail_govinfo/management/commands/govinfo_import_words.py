from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_govinfo.screening.wordlists import (
    CREATE,
    UNCHANGED,
    UPDATE,
    WordListError,
    describe_report,
    format_error,
    import_word_list,
)


class Command(BaseCommand):
    help = (
        "Import sensitive words (and, with --typos, typo pairs) into the screening dictionary "
        "from a plain-text list (one word a line or several separated by commas; optional "
        "tab-separated severity and category) or an .xlsx workbook (columns 词语, 类型, 正确写法, "
        "级别, 分类). Lists are read as teams download them: duplicates are merged, "
        "comma-separated lines split, 'A=>B' replacement rules read as the word A; single "
        "characters, entries that normalisation changes and ordinary vocabulary (the allow-list) "
        "are refused and counted. A list with a bad row is refused as a whole. Importing the same "
        "list again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the word list (.txt or .xlsx)")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the list and say what would change; write nothing"
        )
        parser.add_argument(
            "--typos",
            action="store_true",
            help="the file is a typo list: 'wrong→right' (or =>, ->) lines are typo pairs",
        )
        parser.add_argument(
            "--show-refused", action="store_true", help="list every refused entry with its line and reason"
        )

    def handle(self, *args, file, dry_run, typos, show_refused, **options):
        try:
            with open(file, "rb") as fh:
                data = fh.read()
        except OSError as e:
            raise CommandError(_("Cannot read %(name)s: %(error)s") % {"name": file, "error": e.strerror or e})
        try:
            _plan, counts = import_word_list(file, data, dry_run=dry_run, typos=typos)
        except WordListError as e:
            for error in e.errors:
                self.stderr.write(f"{file}: {format_error(error)}")
            raise CommandError(
                _("%(file)s: %(count)s bad row(s), nothing imported (first: %(first)s)")
                % {"file": file, "count": len(e.errors), "first": format_error(e.errors[0])}
            )
        report = counts["report"]
        if show_refused:
            for refusal in report.refused:
                self.stdout.write(
                    _("%(file)s: line %(line)s: “%(word)s” refused: %(reason)s")
                    % {"file": file, "line": refusal.line, "word": refusal.word, "reason": refusal.label}
                )
        self.stdout.write(f"{file}: {describe_report(report)}")
        values = {
            "file": file, "created": counts[CREATE], "updated": counts[UPDATE], "unchanged": counts[UNCHANGED],
        }
        if dry_run:
            line = _("Dry run, nothing written: would import %(file)s: %(created)s new, %(updated)s updated, "
                     "%(unchanged)s unchanged.")
        else:
            line = _("Imported %(file)s: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
        self.stdout.write(line % values)
