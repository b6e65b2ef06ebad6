import os
import signal

from django.apps import AppConfig
from django.db.models.signals import post_save


def inject(sender, instance, created, **kwargs):
    action = os.environ.get("GOVINFO_FAULT_ACTION")
    marker = os.environ.get("GOVINFO_FAULT_MARKER")
    if not created or not action or instance.action != action or not marker:
        return
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return  # once
    os.write(fd, str(os.getpid()).encode())
    os.close(fd)
    if os.environ.get("GOVINFO_FAULT") == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif os.environ.get("GOVINFO_FAULT") == "terminate":
        import psycopg
        from django.db import connection

        pid = connection.connection.info.backend_pid
        params = connection.get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        params.pop("prepare_threshold", None)
        params.pop("server_side_binding", None)
        with psycopg.connect(**params, autocommit=True) as other:
            other.execute("SELECT pg_terminate_backend(%s)", [pid])


class KillAppConfig(AppConfig):
    name = "tests.faults.killapp"
    label = "govinfo_faults_killapp"

    def ready(self):
        from wagtail.models import ModelLogEntry, PageLogEntry

        for model in (ModelLogEntry, PageLogEntry):
            post_save.connect(inject, sender=model, dispatch_uid=f"govinfo_fault_{model.__name__}")
