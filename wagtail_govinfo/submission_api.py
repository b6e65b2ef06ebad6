"""Submission API for the departments' clients (多媒体报送系统, 第十九条).

``/api/govinfo/submissions/`` (JSON in, JSON out), authenticated by a client token
(``Authorization: Token <key>``) that the platform operator issues per department and
client in the admin and can revoke. A token acts as the department editor it names,
with exactly that editor's rights: it creates drafts of information pages in columns
the department may submit to, updates them, submits them to the review workflow and
reads where they stand. There is no way to publish: only the review workflow does.

* ``GET  columns/``               the columns the token may submit to
* ``POST pages/``                 create a draft (``column`` and the page's fields)
* ``GET  pages/<id>/``            status and outcome of the review
* ``PATCH pages/<id>/``           update the draft (a new revision)
* ``POST pages/<id>/submit/``     submit the latest revision for review

A bad payload answers ``400`` with a message per field and writes nothing. Every call,
accepted or refused, is in the audit log (``wagtail_govinfo.submission_api.call``).
Calls are limited to ``SUBMISSION_API_RATE_PER_MINUTE`` per token.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers, status
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView
from wagtail.log_actions import log
from wagtail.models import Page, TaskState, WorkflowState

from .api_errors import GovInfoErrorsMixin
from .conf import govinfo_settings
from .models import ColumnPage, InfoCategory, InfoPage, InfoType, Role, SubmissionToken
from .roles import editor_departments_for, has_role

LOG_CALL = "wagtail_govinfo.submission_api.call"
LOG_TOKEN_CREATED = "wagtail_govinfo.submission_token.created"
LOG_TOKEN_REVOKED = "wagtail_govinfo.submission_token.revoked"
LOG_ACTIONS = [
    (LOG_CALL, gettext_lazy("Submission API call"), gettext_lazy("Submission API called")),
    (LOG_TOKEN_CREATED, gettext_lazy("Create submission client token"), gettext_lazy("Submission client token created")),
    (LOG_TOKEN_REVOKED, gettext_lazy("Revoke submission client token"), gettext_lazy("Submission client token revoked")),
]


# ---------------------------------------------------------------------------
# Authentication and rate limit


class SubmissionTokenAuthentication(BaseAuthentication):
    keyword = b"token"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(_("Give the token as: Authorization: Token <key>."))
        token = SubmissionToken.authenticate(parts[1].decode(errors="replace"))
        if token is None:
            raise AuthenticationFailed(_("Unknown token."))
        if not token.active:
            log(instance=token, action=LOG_CALL, user=None, data={
                "method": request.method, "path": request.path, "status": 401, "refused": "revoked",
                "client": token.client_name, "department": token.department.code,
            })
            raise AuthenticationFailed(_("This token has been revoked."))
        user = token.acting_user
        if not user.is_active or not has_role(user, token.department, Role.EDITOR):
            raise AuthenticationFailed(_("The token's user is no longer an editor of its department."))
        SubmissionToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return user, token

    def authenticate_header(self, request):
        return "Token"


class SubmissionRateThrottle(SimpleRateThrottle):
    scope = "govinfo_submissions"

    def get_rate(self):
        return f"{govinfo_settings.SUBMISSION_API_RATE_PER_MINUTE}/min"

    def get_cache_key(self, request, view):
        token = request.auth
        if not isinstance(token, SubmissionToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.pk}


# ---------------------------------------------------------------------------
# Payloads


MAX_ATTACHMENTS = 10


class AttachmentSerializer(serializers.Serializer):
    """A file sent with the page, as base64; it becomes a document in the body."""

    filename = serializers.CharField(max_length=100)
    title = serializers.CharField(max_length=255, required=False, allow_blank=True)
    content_base64 = serializers.CharField()

    def validate_filename(self, value):
        import os

        from django.conf import settings

        name = os.path.basename(value.replace("\\", "/"))
        extension = os.path.splitext(name)[1].lower().lstrip(".")
        allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
        if not extension or (allowed and extension not in [e.lower() for e in allowed]):
            raise ValidationError(_("This kind of file is not accepted."))
        return name

    def validate_content_base64(self, value):
        import base64
        import binascii

        try:
            data = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError(_("Not valid base64."))
        if not data:
            raise ValidationError(_("The file is empty."))
        return data


class PageFieldsSerializer(serializers.Serializer):
    """The fields of an information page a client may send (all of them on create)."""

    title = serializers.CharField(max_length=255)
    info_type = serializers.ChoiceField(choices=InfoType.choices, required=False)
    category = serializers.ChoiceField(choices=InfoCategory.choices, required=False)
    source_author = serializers.CharField(max_length=200)
    written_on = serializers.DateField()
    summary = serializers.CharField(required=False, allow_blank=True)
    body = serializers.CharField(required=False, allow_blank=True, help_text="HTML paragraphs")
    undertaking_unit = serializers.CharField(max_length=200, required=False, allow_blank=True)
    remarks = serializers.CharField(required=False, allow_blank=True)
    attachments = AttachmentSerializer(many=True, required=False, max_length=MAX_ATTACHMENTS)

    def validate(self, attrs):
        unknown = set(self.initial_data) - set(self.fields) - {"column"}
        if unknown:
            raise ValidationError(
                {name: [_("Unknown field. Publication happens only through the review.")
                        if name in ("live", "publish", "go_live_at") else _("Unknown field.")]
                 for name in sorted(unknown)}
            )
        return attrs


class NewPageSerializer(PageFieldsSerializer):
    column = serializers.IntegerField()


# ---------------------------------------------------------------------------
# Status


def page_status(page):
    """Where ``page`` stands: its review steps and their outcome."""
    page = InfoPage.objects.get(pk=page.pk)
    workflow_state = (
        WorkflowState.objects.for_instance(page)
        .order_by("-created_at", "-pk")
        .first()
    )
    steps, outcome = [], "draft"
    if workflow_state is not None:
        for state in TaskState.objects.filter(workflow_state=workflow_state).order_by("started_at", "pk").specific():
            steps.append({
                "step": state.task.name,
                "status": state.status,
                "revision": state.revision_id,
                "finished_at": state.finished_at.isoformat() if state.finished_at else None,
                "by": getattr(state, "finished_by_name", "") or "",
                "reason": getattr(state, "reason", "") or (state.comment if state.status == "rejected" else ""),
            })
        outcome = {
            WorkflowState.STATUS_IN_PROGRESS: "in_review",
            WorkflowState.STATUS_NEEDS_CHANGES: "returned",
            WorkflowState.STATUS_APPROVED: "signed",
            WorkflowState.STATUS_CANCELLED: "draft",
        }.get(workflow_state.status, workflow_state.status)
    returned = next((s for s in reversed(steps) if s["status"] == TaskState.STATUS_REJECTED), None)
    if page.live and not page.has_unpublished_changes:
        outcome = "published"
    current = workflow_state.current_task_state if workflow_state and outcome == "in_review" else None
    return {
        "id": page.pk,
        "title": page.get_latest_revision_as_object().title,
        "column": page.get_parent().pk,
        "department": page.submitting_department.code if page.submitting_department else None,
        "live": page.live,
        "published_at": page.last_published_at.isoformat() if page.last_published_at else None,
        "latest_revision": page.latest_revision_id,
        "outcome": outcome,  # draft, in_review, returned, signed, published
        "current_step": current.task.name if current else None,
        "returned_reason": returned["reason"] if outcome == "returned" and returned else None,
        "steps": steps,
    }


# ---------------------------------------------------------------------------
# Views


class SubmissionAPIView(GovInfoErrorsMixin, APIView):
    authentication_classes = [SubmissionTokenAuthentication]
    permission_classes = []
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    throttle_classes = [SubmissionRateThrottle]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not isinstance(request.auth, SubmissionToken):
            raise AuthenticationFailed(_("Give a submission client token: Authorization: Token <key>."))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        token = getattr(request, "auth", None) if hasattr(request, "_authenticator") else None
        if isinstance(token, SubmissionToken):
            log(
                instance=token,
                action=LOG_CALL,
                user=token.acting_user,
                data={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "page": kwargs.get("pk"),
                    "client": token.client_name,
                    "department": token.department.code,
                },
            )
        return response

    @property
    def token(self):
        return self.request.auth

    def allowed_columns(self):
        """Live columns under which the token's editor may add information pages for its department."""
        user, department = self.request.user, self.token.department
        columns = []
        for column in ColumnPage.objects.live().order_by("path"):
            if not InfoPage.can_create_at(column):
                continue
            if not column.permissions_for_user(user).can_add_subpage():
                continue
            if not editor_departments_for(user, column).filter(pk=department.pk).exists():
                continue
            columns.append(column)
        return columns

    def own_page(self, pk):
        page = get_object_or_404(InfoPage, pk=pk)
        if page.submitting_department_id != self.token.department_id or not page.permissions_for_user(
            self.request.user
        ).can_edit():
            raise PermissionDenied(_("This page is not one your department may edit."))
        return page


class ColumnsView(SubmissionAPIView):
    def get(self, request):
        return Response([
            {"id": c.pk, "title": c.title, "column_kind": c.column_kind, "url_path": c.url_path}
            for c in self.allowed_columns()
        ])


def _apply(page, data):
    for name in ("title", "info_type", "category", "source_author", "written_on", "summary",
                 "undertaking_unit", "remarks"):
        if name in data:
            setattr(page, name, data[name])
    if "body" in data:
        page.body = [("rich_text", data["body"])] if data["body"] else []


def _attach(page, attachments, user):
    """Store each attachment as a document and add it to the page's body."""
    if not attachments:
        return
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    Document = get_document_model()
    blocks = [(block.block_type, block.value) for block in page.body]
    for item in attachments:
        document = Document(
            title=item.get("title") or item["filename"],
            file=ContentFile(item["content_base64"], name=item["filename"]),
            collection=Collection.get_first_root_node(),
            uploaded_by_user=user,
        )
        document.save()
        blocks.append(("document", document))
    page.body = blocks


def _check_rules(page, department):
    """The admin form's rules that are not the model's own (第八条), then the model's."""
    from .leaders import category_refusal

    errors = {}
    refusal = category_refusal(page.category, department)
    if refusal:
        errors["category"] = [refusal]
    try:
        page.full_clean(exclude=["path", "depth", "numchild", "url_path", "draft_title", "content_type",
                                 "locale", "translation_key", "live_revision", "latest_revision"])
    except DjangoValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


class PagesView(SubmissionAPIView):
    def post(self, request):
        serializer = NewPageSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        column = ColumnPage.objects.filter(pk=data["column"]).first()
        if column is None or column.pk not in {c.pk for c in self.allowed_columns()}:
            raise PermissionDenied(_("Your department may not submit to this column."))
        department = self.token.department
        page = InfoPage(
            submitting_department=department, owner=request.user, live=False,
            info_type=InfoType.TEXT, category=InfoCategory.DEPARTMENT_NEWS,
        )
        _apply(page, data)
        page.slug = f"api-{timezone.now():%Y%m%d%H%M%S%f}"
        with transaction.atomic():
            column = Page.objects.select_for_update().get(pk=column.pk).specific
            _check_rules(page, department)
            _attach(page, data.get("attachments"), request.user)
            column.add_child(instance=page)
            page.save_revision(user=request.user, log_action=True)
        return Response(page_status(page), status=status.HTTP_201_CREATED)


class PageView(SubmissionAPIView):
    def get(self, request, pk):
        page = get_object_or_404(InfoPage, pk=pk)
        if page.submitting_department_id != self.token.department_id:
            raise PermissionDenied(_("This page is not one your department submitted."))
        return Response(page_status(page))

    def patch(self, request, pk):
        page = self.own_page(pk)
        serializer = PageFieldsSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        draft = page.get_latest_revision_as_object()
        _apply(draft, serializer.validated_data)
        with transaction.atomic():
            _check_rules(draft, self.token.department)
            _attach(draft, serializer.validated_data.get("attachments"), request.user)
            draft.save_revision(user=request.user, log_action=True)
        return Response(page_status(page))


class SubmitView(SubmissionAPIView):
    def post(self, request, pk):
        page = self.own_page(pk)
        workflow_state = page.current_workflow_state
        if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
            return Response({"page": [_("This page is already in review.")]}, status=status.HTTP_409_CONFLICT)
        if not page.permissions_for_user(request.user).can_submit_for_moderation():
            raise PermissionDenied(_("This page cannot be submitted now."))
        with transaction.atomic():
            if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
                workflow_state.resume(request.user)
            else:
                workflow = page.get_workflow()
                if workflow is None:
                    raise ValidationError({"page": [_("No review workflow applies to this page.")]})
                workflow.start(page, request.user)
        return Response(page_status(page), status=status.HTTP_202_ACCEPTED)


class PublishView(SubmissionAPIView):
    """There is no publication by API: say so clearly."""

    def post(self, request, pk):
        raise PermissionDenied(
            _("Publication happens only through the review workflow (confidentiality review and sign-off).")
        )

