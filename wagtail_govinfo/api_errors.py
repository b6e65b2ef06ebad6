"""The one error format of the package's HTTP endpoints (``docs/reference/api.md``).

* ``400``: ``{"<parameter or field>": ["message", …], …}``, a list of messages per
  query parameter or body field; a problem with the request as a whole (malformed JSON,
  a body too large or too deeply nested) under ``"non_field_errors"``.
* Any other error status (``404``, ``405``, ``406``, ``415``, ``429``):
  ``{"detail": "message"}``.

Messages are in the request's language (``Accept-Language``, through Django's
``LocaleMiddleware``), Wagtail's own API messages included: its English messages
(``limit cannot be higher than 20`` …) are recognised here and given again, translated,
under the parameter they are about.
"""

import re

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from wagtail.api.v2.utils import BadRequestError

from .bounds import MAX_ID

NON_FIELD = "non_field_errors"


def _wagtail_messages():
    """(pattern of Wagtail's English message, parameter, translated message) in order."""
    return [
        (r"offset must be a positive integer", "offset", _("Give a whole number, 0 or more.")),
        (r"limit must be a positive integer", "limit", _("Give a whole number, 0 or more.")),
        (r"limit cannot be higher than (?P<max>\d+)", "limit", _("Give at most %(max)s.")),
        (
            r"query parameter is not an operation or a recognised field: (?P<names>.+)",
            "{names}",
            _("Unknown query parameter."),
        ),
        (r"unknown fields: (?P<names>.+)", "fields", _("Unknown fields: %(names)s.")),
        (r"'(?P<name>[^']+)' does not support nested fields", "fields", _("%(name)s has no nested fields.")),
        (r"fields error: (?P<error>.*)", "fields", _("This list of fields cannot be read.")),
        (
            r"field filter error\. '(?P<value>.*)' is not a valid value for (?P<field>\w+) \(.*\)",
            "{field}",
            _("Not a valid value."),
        ),
        (r"field filter error\. null characters are not allowed for (?P<field>\w+)", "{field}",
         _("Control characters are not allowed.")),
        (r"random ordering cannot be combined with other fields", "order",
         _("Random order cannot be combined with other fields.")),
        (r"random ordering with offset is not supported", "order", _("Random order cannot be used with offset.")),
        (r"cannot order by '(?P<field>[^']*)' \((unknown|invalid) field\)", "order",
         _("Cannot order by %(field)s.")),
        (r"cannot order by '(?P<field>[^']*)' while searching.*", "order",
         _("Cannot order by %(field)s while searching.")),
        (r"search is disabled", "search", _("Search is not available here.")),
        (r"filtering by tag with a search query is not supported", "search",
         _("Search cannot be combined with a tag filter.")),
        (r"cannot filter by '(?P<field>[^']*)' while searching.*", "{field}",
         _("This filter cannot be combined with search.")),
        (r"search_operator.*", "search_operator", _("Use “and” or “or”.")),
        (r"child_of must be a positive integer", "child_of", _("Give the id of a page.")),
        (r"parent page doesn't exist", "child_of", _("No page has this id.")),
        (r"ancestor_of must be a positive integer", "ancestor_of", _("Give the id of a page.")),
        (r"descendant page doesn't exist", "ancestor_of", _("No page has this id.")),
        (r"descendant_of must be a positive integer", "descendant_of", _("Give the id of a page.")),
        (r"ancestor page doesn't exist", "descendant_of", _("No page has this id.")),
        (r"filtering by descendant_of with child_of is not supported", "descendant_of",
         _("descendant_of cannot be combined with child_of.")),
        (r"translation_of must be a positive integer", "translation_of", _("Give the id of a page.")),
        (r"translation_of page doesn't exist", "translation_of", _("No page has this id.")),
        (r"type doesn't exist", "type", _("No such page type.")),
        (r".*locale.*", "locale", _("No such locale.")),
        (r".*format.*", "format", _("Not a valid format.")),
    ]


def translate_wagtail_error(message):
    """Wagtail's ``BadRequestError`` text as ``{parameter: [translated message]}``."""
    message = str(message)
    for pattern, field, text in _wagtail_messages():
        match = re.fullmatch(pattern, message, flags=re.DOTALL)
        if match:
            groups = match.groupdict()
            fields = [name.strip() for name in field.format(**groups).split(",")] if "{" in field else [field]
            translated = text % groups if "%(" in text else text
            return {name: [translated] for name in fields}
    return {NON_FIELD: [message]}


def field_errors(detail):
    """A DRF error ``detail`` as ``{field: [messages]}`` (lists everywhere)."""
    if isinstance(detail, dict):
        return {key: value if isinstance(value, list) else [value] for key, value in detail.items()}
    if isinstance(detail, list):
        return {NON_FIELD: detail}
    return {NON_FIELD: [detail]}


def exception_handler(exc, context):
    """DRF's exception handler, giving the package's one format (see the module docstring)."""
    if isinstance(exc, BadRequestError):
        return Response(translate_wagtail_error(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        message = str(exc) if exc.args and isinstance(exc.args[0], str) else ""
        return Response({"detail": message or _("Not found.")}, status=status.HTTP_404_NOT_FOUND)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if response.status_code == status.HTTP_400_BAD_REQUEST:
        data = exc.detail if isinstance(exc, exceptions.APIException) else response.data
        if isinstance(exc, exceptions.ParseError):
            data = {NON_FIELD: [exc.detail]}
        response.data = field_errors(data)
    elif isinstance(response.data, dict) and "detail" not in response.data:
        response.data = {"detail": " ".join(str(v) for v in response.data.values())}
    return response


class GovInfoErrorsMixin:
    """For the package's API views (DRF ``APIView`` or Wagtail ``BaseAPIViewSet``)."""

    def get_exception_handler(self):
        return exception_handler

    def handle_exception(self, exc):
        # Wagtail's BaseAPIViewSet answers BadRequestError and Http404 itself, with
        # ``{"message": …}``: give them to the package's handler instead.
        if isinstance(exc, (BadRequestError, Http404)):
            response = exception_handler(exc, self.get_exception_handler_context())
            return response
        return super().handle_exception(exc)


NUMBER = re.compile(r"[+-]?\d+")


def number_too_large(value):
    """A query value written as a whole number larger than a database id can hold."""
    return bool(NUMBER.fullmatch(value)) and abs(int(value)) > MAX_ID
