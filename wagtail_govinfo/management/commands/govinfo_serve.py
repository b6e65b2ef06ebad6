import signal
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the site with runserver and a django-q2 cluster beside it (for the demo)."

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        cluster = subprocess.Popen([sys.executable, sys.argv[0], "qcluster"])
        # A SIGTERM (e.g. from a process manager) must stop the cluster too, not orphan it.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            cluster.terminate()
            try:
                cluster.wait(timeout=10)
            except subprocess.TimeoutExpired:
                cluster.kill()
