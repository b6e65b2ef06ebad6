"""An OpenAPI 3 description of the package's own HTTP endpoints.

Hand-maintained (Wagtail's v2 endpoints, with their dynamic ``fields`` and page types, do
not lend themselves to introspection), but built from the same choices the code uses
(categories, message kinds, limits; the submission API's payloads from its serializers),
so the enumerations cannot drift. Served by :func:`schema_view`;
``tests/security/test_api_fuzz.py`` fuzzes a live server against the read endpoints and
``tests/articles/test_submission_api_schema.py`` checks the submission API against it.

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


SUBMISSION_SECURITY = "submissionToken"
SUBMISSION_ERRORS = {
    "type": "object",
    "description": "400: a list of messages per body field, nothing written. The messages about "
    "attachments are, for a bad item, an object keyed by the item's index: "
    '`{"attachments": [{"0": {"content_base64": ["..."]}}]}`. Request-wide problems '
    "(malformed JSON) under non_field_errors.",
    "additionalProperties": {"type": "array", "items": {"oneOf": [
        {"type": "string"},
        {"type": "object", "additionalProperties": {
            "type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}},
        }},
    ]}},
}


def _serializer_properties(serializer):
    """JSON schema properties and required names of a DRF serializer's fields.

    Covers the field kinds the submission payloads use; built from the serializer, so a
    choice, a limit or a required field cannot drift from what the view accepts.
    """
    from rest_framework import serializers

    properties, required = {}, []
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.ListSerializer):
            item, item_required = _serializer_properties(field.child)
            schema = {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "properties": item, "required": item_required,
            }}
            if field.max_length is not None:
                schema["maxItems"] = field.max_length
        elif isinstance(field, serializers.ChoiceField):
            schema = {"type": "string", "enum": list(field.choices)}
        elif isinstance(field, serializers.IntegerField):
            schema = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
        elif isinstance(field, serializers.DateField):
            schema = {"type": "string", "format": "date"}
        elif isinstance(field, serializers.CharField):
            schema = {"type": "string"}
            if field.max_length is not None:
                schema["maxLength"] = field.max_length
            if not field.allow_blank:
                schema["minLength"] = 1
        else:  # pragma: no cover - a new field kind must be described here
            raise TypeError(f"No schema for {type(field).__name__} ({name})")
        if field.help_text:
            schema["description"] = str(field.help_text)
        properties[name] = schema
        if field.required:
            required.append(name)
    return properties, required


def _submission_paths(prefix):
    """The submission API for the departments' clients (第十九条, ``submission_api``)."""
    from . import submission_api as api

    outcomes = ["draft", "in_review", "returned", "signed", "published"]
    step = {
        "type": "object",
        "properties": {
            "step": {"type": "string"}, "status": {"type": "string"},
            "revision": {"type": "integer", "nullable": True},
            "finished_at": {"type": "string", "format": "date-time", "nullable": True},
            "by": {"type": "string"}, "reason": {"type": "string"},
        },
        "required": ["step", "status", "revision", "finished_at", "by", "reason"],
    }
    page_status = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"}, "title": {"type": "string"}, "column": {"type": "integer"},
            "department": {"type": "string", "nullable": True}, "live": {"type": "boolean"},
            "published_at": {"type": "string", "format": "date-time", "nullable": True},
            "latest_revision": {"type": "integer", "nullable": True},
            "outcome": {"type": "string", "enum": outcomes},
            "current_step": {"type": "string", "nullable": True},
            "returned_reason": {"type": "string", "nullable": True},
            "steps": {"type": "array", "items": step},
        },
        "required": ["id", "title", "column", "department", "live", "published_at", "latest_revision",
                     "outcome", "current_step", "returned_reason", "steps"],
    }
    new_properties, new_required = _serializer_properties(api.NewPageSerializer())
    new_page = {"type": "object", "additionalProperties": False,
                "properties": new_properties, "required": new_required}
    fields_properties, _required = _serializer_properties(api.PageFieldsSerializer())
    changes = {"type": "object", "additionalProperties": False, "properties": fields_properties}
    page_id = {"name": "id", "in": "path", "required": True,
               "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}}
    security = [{SUBMISSION_SECURITY: []}]
    refused = {
        "401": _json(DETAIL, "No token, an unknown or revoked one, or its user is no longer an editor"),
        "403": _json(DETAIL, "Not allowed for this token's department"),
        "429": _json(DETAIL, "Too many calls with this token (SUBMISSION_API_RATE_PER_MINUTE)"),
    }
    on_page = {**refused, "404": _json(DETAIL, "No information page has this id")}
    with_body = {**on_page, "400": _json(SUBMISSION_ERRORS, "A bad field; nothing written"),
                 "415": _json(DETAIL, "Not JSON")}

    def operation(summary, responses, **extra):
        return {"summary": summary, "tags": ["submissions"], "security": security,
                "responses": responses, **extra}

    return {
        f"{prefix}submissions/columns/": {
            "get": operation("The columns this token may submit to", {
                "200": _json({"type": "array", "items": {
                    "type": "object",
                    "properties": {"id": {"type": "integer"}, "title": {"type": "string"},
                                   "column_kind": {"type": "string"}, "url_path": {"type": "string"}},
                    "required": ["id", "title", "column_kind", "url_path"],
                }}, "The columns"),
                **refused,
            }),
        },
        f"{prefix}submissions/pages/": {
            "post": operation(
                "Create a draft information page in a column",
                {"201": _json(page_status, "Created as a draft"),
                 "400": with_body["400"], "415": with_body["415"], **refused},
                requestBody={"required": True, "content": {"application/json": {"schema": new_page}}},
            ),
        },
        f"{prefix}submissions/pages/{{id}}/": {
            "parameters": [page_id],
            "get": operation("Status and outcome of the review", {
                "200": _json(page_status, "Where the page stands"), **on_page,
            }),
            "patch": operation(
                "Change fields of the draft (a new revision)",
                {"200": _json(page_status, "Saved as a new revision"), **with_body},
                requestBody={"required": True, "content": {"application/json": {"schema": changes}}},
            ),
        },
        f"{prefix}submissions/pages/{{id}}/submit/": {
            "parameters": [page_id],
            "post": operation("Submit the latest revision for review (or resubmit a returned page)", {
                "202": _json(page_status, "In review"),
                "400": _json(SUBMISSION_ERRORS, "No review workflow applies to this page"),
                "409": _json(ERRORS, "Already in review"),
                **on_page,
            }),
        },
        f"{prefix}submissions/pages/{{id}}/publish/": {
            "parameters": [page_id],
            "post": operation("Does not publish: publication happens only through the review", {
                **refused, "403": _json(DETAIL, "Always"),
            }),
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
        f"{api_prefix}images/": _listing(False, "images used by live pages and snippets"),
        f"{api_prefix}images/{{id}}/": _detail("images"),
    }
    paths.update(_submission_paths(govinfo_prefix))
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
        "components": {"securitySchemes": {SUBMISSION_SECURITY: {
            "type": "apiKey", "in": "header", "name": "Authorization",
            "description": "A submission client token issued by the platform operator, sent as "
            "`Authorization: Token <key>` (docs/integrators/submission-api.md).",
        }}},
    }


def schema_view(request):
    return JsonResponse(build_schema(), json_dumps_params={"ensure_ascii": False})
