"""A lost database connection answered as "unavailable", not as a crash.

When PostgreSQL restarts, fails over, or a connection is terminated, the request that
meets it raises ``OperationalError`` or ``InterfaceError``. This middleware answers it
with a 503 (JSON for the API, a plain page for the admin), with ``Retry-After``, and
closes the broken connections so the next request opens fresh ones. Put it last in
``MIDDLEWARE`` (it only handles exceptions raised by views). Set
``CONN_HEALTH_CHECKS = True`` as well, so a connection that died between two requests
is replaced before it is used.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
DATABASE_ERRORS = (OperationalError, InterfaceError)


def wants_json(request):
    accept = request.headers.get("Accept", "")
    return request.path.startswith("/api/") or (
        "application/json" in accept and "text/html" not in accept
    )


def unavailable_response(request):
    message = _("The service is temporarily unavailable. Please try again in a moment.")
    if wants_json(request):
        response = JsonResponse({"detail": message}, status=503, json_dumps_params={"ensure_ascii": False})
    else:
        title = _("Temporarily unavailable")
        response = HttpResponse(
            f'<!doctype html><html><head><meta charset="utf-8"><title>{escape(title)}</title></head>'
            f"<body><h1>{escape(title)}</h1><p>{escape(message)}</p></body></html>",
            status=503,
            content_type="text/html; charset=utf-8",
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def drop_broken_connections():
    """Close the connections that no longer work, so the next request opens new ones.

    Django does the same when the request finishes; doing it here also covers servers
    that reuse the thread before that. A connection inside an atomic block (a test's
    transaction, ``ATOMIC_REQUESTS``) is left to its owner.
    """
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:
            continue
        try:
            connection.close_if_unusable_or_obsolete()
        except Exception:  # closing a dead connection may fail too
            logger.debug("Could not close connection %s", connection.alias, exc_info=True)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.error("Database unavailable during %s %s: %s", request.method, request.path, exception)
        drop_broken_connections()
        return unavailable_response(request)


def server_error(request, *args, **kwargs):
    """``handler500`` that answers a database error raised outside a view as a 503."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        drop_broken_connections()
        return unavailable_response(request)
    from django.views.defaults import server_error as default_server_error

    return default_server_error(request, *args, **kwargs)
