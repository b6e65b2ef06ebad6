"""An OpenAPI 3 description of the package's own HTTP endpoints.

Hand-maintained (Wagtail's v2 endpoints, with their dynamic ``fields`` and page types, do
not lend themselves to introspection), but built from the same choices the code uses
(categories, message kinds, limits), so the enumerations cannot drift. Served by
:func:`schema_view`; ``tests/security/test_api_fuzz.py`` fuzzes a live server against it.

Mount it where the endpoints are, e.g. ``path("api/schema/", schema_view)``, with the
prefixes the site uses (defaults: ``/api/v2/`` and ``/api/govinfo/``).
"""

from django.apps import apps
from django.conf import settings
from django.http import JsonResponse

from .bounds import EARLIEST_YEAR, LATEST_YEAR, MAX_ID
from .models import InfoCategory

ERRORS = {
    "type": "object",
    "description": "400: a list of messages per query parameter or body field "
    "(request-wide problems under non_field_errors).",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _query(name, schema, description=""):
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


def _wagtail_listing_parameters(with_page_filters):
    limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or 20
    parameters = [
        _query("limit", {"type": "integer", "minimum": 0, "maximum": limit_max}),
        _query("offset", {"type": "integer", "minimum": 0, "maximum": MAX_ID}),
        _query("search", {"type": "string", "maxLength": 255}),
        _query("fields", {"type": "string", "maxLength": 255}, "e.g. * or title,body"),
    ]
    if with_page_filters:
        categories = [*InfoCategory.values, "policy_document", "interpretation_document"]
        parameters += [
            _query("type", {"type": "string", "enum": [
                "wagtailcore.Page", "wagtail_govinfo.InfoPage", "wagtail_govinfo.PolicyDocumentPage",
                "wagtail_govinfo.InterpretationPage", "wagtail_govinfo.TopicPage",
                "wagtail_govinfo.ColumnPage", "wagtail_govinfo.DisclosureIndexPage",
            ]}),
            _query("child_of", {"type": "integer", "minimum": 1, "maximum": MAX_ID}),
            _query("descendant_of", {"type": "integer", "minimum": 1, "maximum": MAX_ID}),
            _query("department", {"type": "string", "maxLength": 32}, "code of the submitting department"),
            _query("year", {"type": "string", "pattern": "^[0-9]{4}$"},
                   f"year of first publication, {EARLIEST_YEAR}–{LATEST_YEAR}"),
            _query("category", {"type": "string", "enum": categories}),
        ]
    return parameters


def _listing(with_page_filters, what):
    return {
        "get": {
            "summary": f"List {what}",
            "parameters": _wagtail_listing_parameters(with_page_filters),
            "responses": {
                "200": _json({
                    "type": "object",
                    "properties": {
                        "meta": {"type": "object", "properties": {"total_count": {"type": "integer"}}},
                        "items": {"type": "array", "items": {"type": "object"}},
                    },
                    "required": ["meta", "items"],
                }, "The items"),
                "400": _json(ERRORS, "A bad query parameter"),
            },
        }
    }


def _detail(what):
    return {
        "get": {
            "summary": f"One of the {what}",
            "parameters": [
                {"name": "id", "in": "path", "required": True,
                 "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}},
                _query("fields", {"type": "string", "maxLength": 255}),
            ],
            "responses": {
                "200": _json({"type": "object", "properties": {"id": {"type": "integer"}}}, "The item"),
                "400": _json(ERRORS, "A bad query parameter"),
                "404": _json(DETAIL, "No such item, or not public"),
            },
        }
    }


def _message_paths(prefix):
    from .interaction.models import MessageKind

    kinds = MessageKind.values
    department = {"type": "object", "nullable": True,
                  "properties": {"code": {"type": "string"}, "name": {"type": "string"}}}
    new_message = {
        "type": "object",
        "additionalProperties": False,
        "required": ["subject", "body", "sender_name", "sender_contact"],
        "properties": {
            "kind": {"type": "string", "enum": kinds},
            "subject": {"type": "string", "maxLength": 100},
            "body": {"type": "string"},
            "sender_name": {"type": "string", "maxLength": 50},
            "sender_contact": {"type": "string", "maxLength": 100},
            "department": {"type": "string", "nullable": True},
        },
    }
    return {
        f"{prefix}messages/": {
            "get": {
                "summary": "Published messages with their replies",
                "parameters": [
                    _query("kind", {"type": "string", "enum": kinds}),
                    _query("department", {"type": "string", "maxLength": 32}),
                    _query("page", {"type": "integer", "minimum": 1}),
                    _query("page_size", {"type": "integer", "minimum": 1, "maximum": 100}),
                ],
                "responses": {
                    "200": _json({
                        "type": "object",
                        "properties": {"count": {"type": "integer"},
                                       "results": {"type": "array", "items": {"type": "object"}}},
                        "required": ["count", "results"],
                    }, "A page of published messages"),
                    "400": _json(ERRORS, "A bad filter"),
                    "404": _json(DETAIL, "No such page of results"),
                },
            },
            "post": {
                "summary": "Leave a message",
                "requestBody": {"required": True, "content": {"application/json": {"schema": new_message}}},
                "responses": {
                    "201": _json({
                        "type": "object",
                        "properties": {
                            "tracking_code": {"type": "string"}, "status": {"type": "string"},
                            "received_on": {"type": "string", "format": "date"},
                            "due_on": {"type": "string", "format": "date", "nullable": True},
                        },
                        "required": ["tracking_code", "status", "received_on", "due_on"],
                    }, "Received"),
                    "400": _json(ERRORS, "A bad field, malformed or too deeply nested JSON"),
                    "415": _json(DETAIL, "Not JSON"),
                    "429": _json(DETAIL, "Too many messages from this address"),
                },
            },
        },
        f"{prefix}messages/{{tracking_code}}/": {
            "get": {
                "summary": "Where a message stands",
                "parameters": [{"name": "tracking_code", "in": "path", "required": True,
                                "schema": {"type": "string", "maxLength": 64}}],
                "responses": {
                    "200": _json({"type": "object", "properties": {
                        "tracking_code": {"type": "string"}, "status": {"type": "string"},
                        "department": department,
                    }}, "The message's status"),
                    "404": _json(DETAIL, "No message has this code"),
                },
            }
        },
    }


def build_schema(api_prefix="/api/v2/", govinfo_prefix="/api/govinfo/"):
    """The OpenAPI 3.0 document of the package's endpoints as a dict."""
    from . import __version__

    paths = {
        f"{api_prefix}pages/": _listing(True, "live pages"),
        f"{api_prefix}pages/{{id}}/": _detail("live pages"),
        f"{api_prefix}disclosure/": _listing(True, "disclosed information (第十二、十三条)"),
        f"{api_prefix}disclosure/{{id}}/": _detail("disclosed pages"),
        f"{api_prefix}documents/": _listing(False, "documents used by live pages"),
        f"{api_prefix}documents/{{id}}/": _detail("documents"),
    }
    if apps.is_installed("wagtail_govinfo.interaction"):
        paths.update(_message_paths(govinfo_prefix))
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "wagtail-govinfo",
            "version": __version__,
            "description": "Errors: docs/reference/api.md#errors. Messages follow Accept-Language.",
        },
        "paths": paths,
    }


def schema_view(request):
    return JsonResponse(build_schema(), json_dumps_params={"ensure_ascii": False})
