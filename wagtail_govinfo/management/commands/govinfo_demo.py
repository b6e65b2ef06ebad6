from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail import hooks

from wagtail_govinfo import demo


class Command(BaseCommand):
    help = (
        "Load a demo site: the departments of 第十条, columns with their responsible departments, "
        "one user per role (passwords printed), and pages of every type. Running it again "
        "changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password", default=demo.DEFAULT_PASSWORD, help="Password of every demo account."
        )

    def handle(self, *args, password, **options):
        with transaction.atomic():
            site = demo.build(password=password)
            for step in hooks.get_hooks("govinfo_demo"):
                step(stdout=self.stdout, demo=site)
        groups = {"operator": _("platform operator (市政数局)"), "auditor": _("auditor")}
        self.stdout.write(_("Demo accounts (username / password / role):"))
        for username, display, dept, roles, group in demo.USERS:
            what = "、".join(str(r.label) for r in roles) or groups.get(group, group)
            where = f" @ {site.departments[dept].name}" if dept else ""
            self.stdout.write(f"  {username:<12} {password:<14} {display} {what}{where}")
        superuser = _("superuser")
        self.stdout.write(f"  {'admin':<12} {password:<14} {superuser}")
        self.stdout.write(self.style.SUCCESS(_("%(command)s: done.") % {"command": "govinfo_demo"}))
