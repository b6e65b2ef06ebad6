"""A lost database connection answered as "unavailable", not as a crash.

When PostgreSQL restarts, fails over, or a connection is terminated, the request that
meets it raises ``OperationalError`` or ``InterfaceError``. This middleware answers it
with a 503 (JSON for the API, a plain page for the admin), with ``Retry-After``, and
closes the broken connections so the next request opens fresh ones. Put it last in
``MIDDLEWARE`` (it only handles exceptions raised by views). Set
``CONN_HEALTH_CHECKS = True`` as well, so a connection that died between two requests
is replaced before it is used.

A database error while an editor saves a page (the admin's create and edit forms, and
their autosave) must not lose what they typed: those POSTs run in one transaction, so a
failure leaves nothing behind (no page without its revision), and the form is shown
again with everything that was posted and a message to save again, as a validation
error would. A 503 page there would throw the typed text away.
"""

import logging
import sys

from django.contrib import messages
from django.db import InterfaceError, OperationalError, connections, transaction
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


# The admin's page forms (Wagtail's URL names) whose POSTs keep what was typed.
PAGE_FORM_VIEWS = ("wagtailadmin_pages:add", "wagtailadmin_pages:edit")


def page_form_view_name(request):
    match = getattr(request, "resolver_match", None)
    if request.method == "POST" and match is not None and match.view_name in PAGE_FORM_VIEWS:
        return match.view_name
    return None


def render_if_deferred(response):
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    return response


class KeepWhatWasTypedMixin:
    """A page form view that, where it would save, shows the posted form again instead."""

    def form_valid(self, form):
        message = _(
            "The page was not saved: the database was busy. What you typed is still below; "
            "save again in a moment."
        )
        if self.expects_json_response:  # autosave: the form in the browser keeps its content
            return JsonResponse(
                {"success": False, "error_code": "database_unavailable", "error_message": message}, status=503
            )
        messages.error(self.request, message)
        self.has_unsaved_changes = True
        if not hasattr(self, "errors_debug"):
            self.errors_debug = None
        response = self.render_to_response(self.get_context_data())
        response.status_code = 503
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


def keep_what_was_typed(request, view_name, view_args, view_kwargs):
    """Answer the failed POST with its page form, filled with what was posted."""
    from wagtail.admin.auth import require_admin_access
    from wagtail.admin.views.pages.create import CreateView
    from wagtail.admin.views.pages.edit import EditView

    base = CreateView if view_name == "wagtailadmin_pages:add" else EditView
    view_class = type(f"KeepWhatWasTyped{base.__name__}", (KeepWhatWasTypedMixin, base), {})
    # Messages queued by the failed attempt ("page created") did not happen: drop them.
    list(messages.get_messages(request))
    return render_if_deferred(require_admin_access(view_class.as_view())(request, *view_args, **view_kwargs))


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_name = page_form_view_name(request)
        if view_name is None:
            return None
        committed = []
        response = None
        try:
            with transaction.atomic():
                # Runs first once the transaction commits: an error raised after that (by a
                # later on-commit callback) must not make a saved page look unsaved, or
                # saving "again" would create it twice.
                transaction.on_commit(lambda: committed.append(True))
                response = view_func(request, *view_args, **view_kwargs)
            # Rendered after the transaction (not to hold SQLite's write lock meanwhile) but
            # here, so that a database error while rendering also keeps the typed form.
            return render_if_deferred(response)
        except DATABASE_ERRORS as exception:
            if committed and response is not None:
                logger.error("Database error after a page was saved (%s): %s", request.path, exception)
                drop_broken_connections()
                return render_if_deferred(response)
            logger.error("Database unavailable while saving a page (%s): %s", request.path, exception)
            drop_broken_connections()
            try:
                return keep_what_was_typed(request, view_name, view_args, view_kwargs)
            except DATABASE_ERRORS:  # the database is down, not busy: nothing to show the form with
                drop_broken_connections()
                return unavailable_response(request)

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
