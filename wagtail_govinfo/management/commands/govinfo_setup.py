from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail import hooks

from wagtail_govinfo.setup import setup_roles
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = (
        "Create the role groups and their permissions, the default review workflow and the "
        "scheduled checks. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            setup_roles(stdout=self.stdout)
            for step in hooks.get_hooks("govinfo_setup"):
                step(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(_("%(command)s: done.") % {"command": "govinfo_setup"}))
