import io
import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


def base_url_for(addrport):
    """``http://host:port`` for runserver's ``addrport`` ("8000", "host:port")."""
    host, _sep, port = addrport.rpartition(":")
    host = host or "127.0.0.1"
    if host in ("0.0.0.0", "::", "[::]"):
        host = "127.0.0.1"
    return f"http://{host}:{port}"


class Command(BaseCommand):
    help = (
        "Serve the site with runserver and a django-q2 cluster beside it (for the demo). "
        "Links in e-mails use the address served, unless WAGTAILADMIN_BASE_URL is set."
    )

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        base_url = os.environ.get("WAGTAILADMIN_BASE_URL") or base_url_for(addrport)
        # The server (this process) and the cluster both write links into e-mails.
        settings.WAGTAILADMIN_BASE_URL = base_url
        env = {**os.environ, "WAGTAILADMIN_BASE_URL": base_url}
        self.stdout.write(self.summary(base_url))
        cluster = subprocess.Popen([sys.executable, sys.argv[0], "qcluster"], env=env)
        # A SIGTERM (e.g. from a process manager) must stop the cluster too, not orphan it.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            # runserver's English banner is replaced by the summary above.
            call_command("runserver", addrport, use_reloader=False, stdout=io.StringIO())
        finally:
            cluster.terminate()
            try:
                cluster.wait(timeout=10)
            except subprocess.TimeoutExpired:
                cluster.kill()

    def summary(self, base_url):
        lines = [
            "",
            _("Admin: %(url)s (log in with a demo account above)") % {"url": f"{base_url}/admin/"},
            _("API: %(url)s") % {"url": f"{base_url}/api/v2/pages/"},
        ]
        if settings.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend":
            lines.append(
                _("E-mails are not sent: each is written to a file in %(path)s.")
                % {"path": settings.EMAIL_FILE_PATH}
            )
        lines.append(
            _(
                "A django-q2 cluster runs beside the server: within a minute it runs the daily "
                "checks (the demo topic “2026年防汛专题” is revoked), then the checks and reports "
                "on their schedules. Ctrl-C stops both."
            )
        )
        return "\n".join(lines)
