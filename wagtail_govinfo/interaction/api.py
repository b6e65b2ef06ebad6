"""The public message endpoints (``/api/govinfo/messages/``), for a separate front end.

* ``POST messages/`` leaves a message (JSON only) and answers ``201`` with its
  tracking code; nothing is public before moderation (先审后发).
* ``GET messages/`` lists published messages with their replies (masked text).
* ``GET messages/<tracking_code>/`` tells the sender where their message stands.

These views take no session or token authentication (``authentication_classes = []``):
the request is anonymous whoever sends it, so Django's CSRF protection, which guards
cookie-authenticated requests, has nothing to protect and DRF does not apply it. The
endpoint is protected instead by its rate limit per client address, its size limit
and the moderation of everything it receives.
"""

import json

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from wagtail_govinfo.api_errors import GovInfoErrorsMixin
from wagtail_govinfo.conf import govinfo_settings
from wagtail_govinfo.models import Department

from . import handling
from .models import CitizenMessage, MessageKind, normalise_tracking_code
from .serializers import MessageStatusSerializer, NewMessageSerializer, PublishedMessageSerializer, is_clean_text


class MessageRateThrottle(SimpleRateThrottle):
    """``MESSAGE_RATE_LIMIT_PER_HOUR`` new messages per client address per hour.

    The address is ``REMOTE_ADDR`` unless ``REST_FRAMEWORK["NUM_PROXIES"]`` says how
    many trusted proxies add ``X-Forwarded-For``: a header the client writes itself
    must not choose its own rate-limit bucket. Counts live in Django's default
    cache, which must be shared by all web processes (e.g. Redis) in production.
    """

    scope = "govinfo_messages"

    def get_rate(self):
        return f"{govinfo_settings.MESSAGE_RATE_LIMIT_PER_HOUR}/hour"

    def get_ident(self, request):
        if api_settings.NUM_PROXIES is None:
            return request.META.get("REMOTE_ADDR")
        return super().get_ident(request)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class MessagePagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


#: The deepest nesting of arrays and objects accepted in a request body (a message is flat).
MAX_JSON_DEPTH = 4


def request_size_limit():
    # A generous bound on the raw request (a Chinese character is three bytes in
    # UTF-8, more when \u-escaped); the body's own limit is checked per field.
    return 16 * govinfo_settings.MESSAGE_MAX_LENGTH + 8192


def json_depth_exceeds(text, limit):
    """Whether JSON ``text`` nests arrays/objects deeper than ``limit`` (scanned before
    parsing, so a deeply nested body never reaches the recursive parser)."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth -= 1
    return False


class BoundedJSONParser(JSONParser):
    """JSON with limits: size, nesting depth; anything else is a 400, never a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = request_size_limit()
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise ParseError(_("The request is too large."))
        try:
            text = raw.decode((parser_context or {}).get("encoding") or "utf-8")
        except UnicodeDecodeError:
            raise ParseError(_("The request is not valid UTF-8.")) from None
        if json_depth_exceeds(text, MAX_JSON_DEPTH):
            raise ParseError(_("The JSON is nested too deeply."))
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            raise ParseError(_("The request is not valid JSON.")) from None


class PublicAPIView(GovInfoErrorsMixin, APIView):
    authentication_classes = []  # anonymous by design: see the module docstring
    permission_classes = []
    renderer_classes = [JSONRenderer]
    parser_classes = [BoundedJSONParser]  # anything else answers 415


class MessageListView(PublicAPIView):
    def get_throttles(self):
        return [MessageRateThrottle()] if self.request.method == "POST" else []

    def post(self, request):
        self._check_size(request)
        serializer = NewMessageSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        message = handling.receive(
            kind=data["kind"],
            subject=data["subject"],
            body=data["body"],
            sender_name=data["sender_name"],
            sender_contact=data["sender_contact"],
            requested_department=data.get("department"),
        )
        return Response(
            {
                "tracking_code": message.tracking_code,
                "status": message.public_status.value,
                "received_on": message.received_on.isoformat(),
                "due_on": message.due_date.isoformat() if message.due_date else None,
            },
            status=status.HTTP_201_CREATED,
        )

    def _check_size(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > request_size_limit():
            raise ValidationError({"body": [_("The request is too large.")]})

    def get(self, request):
        queryset = CitizenMessage.objects.published().select_related("department").order_by(
            "-published_at", "-pk"
        )
        check_query_text(request.query_params)
        if kind := request.query_params.get("kind"):
            if kind not in MessageKind.values:
                raise ValidationError(
                    {"kind": [_("Use one of: %(values)s") % {"values": ", ".join(MessageKind.values)}]}
                )
            queryset = queryset.filter(kind=kind)
        if code := request.query_params.get("department"):
            if not Department.objects.filter(code=code).exists():
                message = _("No department has the code “%(code)s”.") % {"code": code}
                raise ValidationError({"department": [message]})
            queryset = queryset.filter(department__code=code)
        paginator = MessagePagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(PublishedMessageSerializer(page, many=True).data)


def check_query_text(params):
    errors = {}
    for name, value in params.items():
        if len(value) > 100:
            errors[name] = [_("At most %(limit)d characters.") % {"limit": 100}]
        elif not is_clean_text(value, single_line=True):
            errors[name] = [_("Control characters are not allowed.")]
    if errors:
        raise ValidationError(errors)


class MessageStatusView(PublicAPIView):
    def get(self, request, tracking_code):
        code = normalise_tracking_code(tracking_code)
        message = (
            CitizenMessage.objects.select_related("department").filter(tracking_code=code).first()
            if code
            else None
        )
        if message is None:
            raise Http404(_("No message has this tracking code."))
        return Response(MessageStatusSerializer(message).data)
