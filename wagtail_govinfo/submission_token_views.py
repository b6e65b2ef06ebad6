"""Admin screens of the submission client tokens (第十九条): the platform operator only."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import log

from .models import Department, Role, SubmissionToken
from .roles import has_role, is_operator
from .submission_api import LOG_TOKEN_CREATED, LOG_TOKEN_REVOKED


def _operator_only(request):
    if not (request.user.is_authenticated and request.user.is_active and is_operator(request.user)):
        raise PermissionDenied


class TokenForm(forms.ModelForm):
    class Meta:
        model = SubmissionToken
        fields = ["department", "client_name", "acting_user"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(is_active=True)
        self.fields["acting_user"].queryset = get_user_model().objects.filter(
            is_active=True, govinfo_roles__role=Role.EDITOR
        ).distinct().order_by("username")

    def clean(self):
        cleaned = super().clean()
        department, user = cleaned.get("department"), cleaned.get("acting_user")
        if department and user and not has_role(user, department, Role.EDITOR):
            self.add_error("acting_user", _("Choose an editor of %(department)s.") % {"department": department.name})
        return cleaned


def index(request):
    _operator_only(request)
    return TemplateResponse(
        request,
        "wagtail_govinfo/submission_tokens/index.html",
        {
            "tokens": SubmissionToken.objects.select_related("department", "acting_user"),
            "page_title": _("Submission clients"),
            "header_icon": "key",
        },
    )


@require_http_methods(["GET", "POST"])
def create(request):
    _operator_only(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, raw = SubmissionToken.issue(created_by=request.user, **form.cleaned_data)
        log(instance=token, action=LOG_TOKEN_CREATED, user=request.user,
            data={"department": token.department.code, "client": token.client_name, "prefix": token.prefix})
        return TemplateResponse(
            request,
            "wagtail_govinfo/submission_tokens/created.html",
            {"token": token, "raw": raw, "page_title": _("Token created"), "header_icon": "key"},
        )
    return TemplateResponse(
        request,
        "wagtail_govinfo/submission_tokens/form.html",
        {"form": form, "page_title": _("New submission client"), "header_icon": "key"},
    )


@require_POST
def revoke(request, pk):
    _operator_only(request)
    token = get_object_or_404(SubmissionToken, pk=pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log(instance=token, action=LOG_TOKEN_REVOKED, user=request.user,
            data={"department": token.department.code, "client": token.client_name, "prefix": token.prefix})
        messages.success(request, _("Token of %(client)s revoked.") % {"client": token.client_name})
    return redirect("govinfo_articles:submission_tokens")


class SubmissionTokensMenuItem(MenuItem):
    def __init__(self):
        super().__init__(
            gettext_lazy("Submission clients"),
            reverse("govinfo_articles:submission_tokens"),
            name="govinfo-submission-tokens",
            icon_name="key",
            order=264,
        )

    def is_shown(self, request):
        return request.user.is_active and is_operator(request.user)
