"""Admin side of the publication gate: 撤稿 with a reason, and the hooks that keep the
admin from offering what the gate refuses (publish, unpublish without a reason,
publishing copies, editors creating columns or topics).

The checks that matter are server-side (``publication.py``, ``withdrawal.py``); these
hooks only keep the admin honest about what it offers and explain a refusal.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.models import Page

from .publication import requires_sign_off
from .roles import is_operator
from .withdrawal import can_withdraw, withdraw_page

#: Page types only the platform operator creates (第二十四条): the site's structure.
STRUCTURE_MODELS = ("columnpage", "topicpage", "disclosureindexpage")


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": gettext_lazy("A reason is required.")},
    )


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    page = get_object_or_404(Page, pk=pk).specific
    if not can_withdraw(request.user, page):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            withdraw_page(page, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("“%(title)s” was withdrawn and is offline.") % {"title": page.title})
            return redirect(_edit_url(page))
    return TemplateResponse(
        request,
        "wagtail_govinfo/withdraw.html",
        {
            "page": page,
            "form": form,
            "page_title": _("Withdraw “%(title)s”") % {"title": page.title},
            "action_url": reverse("govinfo_checks:withdraw", args=[page.pk]),
            "cancel_url": _edit_url(page),
        },
        status=400 if request.method == "POST" else 200,
    )


def header_buttons(page, user, view_name, next_url=None):
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
    if page.live and can_withdraw(user, specific):
        yield Button(
            _("Withdraw (撤稿)"),
            url=reverse("govinfo_checks:withdraw", args=[page.pk]),
            icon_name="cross",
            priority=80,
        )


# ---------------------------------------------------------------------------
# Hooks


def _gated_page(context_or_page):
    page = context_or_page
    if isinstance(context_or_page, dict):
        page = context_or_page.get("page")
    if page is None:
        return False
    page = getattr(page, "specific_deferred", page)
    return requires_sign_off(page)


def hide_publish_items(menu_items, request, context):
    """``construct_page_action_menu``: no publish or unpublish on a gated page, for anyone."""
    page = context.get("page")
    if page is None and context.get("view") == "create":
        page = _new_page(request)
    if page is None or not _gated_page(page):
        return
    menu_items[:] = [item for item in menu_items if item.name not in ("action-publish", "action-unpublish")]


def hide_snippet_publish_items(menu_items, request, context):
    """``construct_snippet_action_menu``: the same for snippets under the review."""
    model = context.get("model")
    instance = context.get("instance")
    obj = instance if instance is not None else (model() if model is not None else None)
    if obj is None or not requires_sign_off(obj):
        return
    menu_items[:] = [item for item in menu_items if item.name not in ("action-publish", "action-unpublish")]


def _new_page(request):
    """An empty instance of the page type being created (the create view's menu has none)."""
    from django.contrib.contenttypes.models import ContentType

    kwargs = getattr(getattr(request, "resolver_match", None), "kwargs", {}) or {}
    try:
        model = ContentType.objects.get_by_natural_key(
            kwargs["content_type_app_name"], kwargs["content_type_model_name"]
        ).model_class()
    except (KeyError, ContentType.DoesNotExist):
        return None
    return model() if model is not None else None


def refuse_publish_on_edit(request, page):
    """``before_edit_page``: a POST asking to publish a gated page is refused with a message
    (Wagtail would otherwise save a draft silently)."""
    if request.method == "POST" and request.POST.get("action-publish") and requires_sign_off(page.specific):
        messages.error(
            request,
            _("Pages are published by the review workflow: submit the page for the "
              "confidentiality review and the leader's sign-off."),
        )
        return redirect(_edit_url(page))
    return None


def refuse_create(request, parent_page, page_class):
    """``before_create_page``: columns and topics come from the operator; a new content
    page is never published directly."""
    if page_class._meta.app_label == "wagtail_govinfo" and page_class._meta.model_name in STRUCTURE_MODELS:
        if not is_operator(request.user):
            messages.error(request, _("Only the platform operator creates columns and topics."))
            return redirect(reverse("wagtailadmin_explore", args=[parent_page.pk]))
    if request.method == "POST" and request.POST.get("action-publish") and hasattr(page_class, "requires_sign_off"):
        if page_class._meta.model_name != "topicpage" or request.POST.get("submitting_department"):
            messages.error(
                request,
                _("Pages are published by the review workflow: save the page and submit it "
                  "for the confidentiality review and the leader's sign-off."),
            )
            return redirect(reverse("wagtailadmin_pages:add", args=[
                page_class._meta.app_label, page_class._meta.model_name, parent_page.pk
            ]))
    return None


def refuse_publishing_copies(request, page):
    """``before_copy_page``: copies of content are drafts; they go live through the workflow.
    An alias (a live mirror of the page) is refused for the same reason."""
    if request.method != "POST":
        return None
    if request.POST.get("publish_copies"):
        subtree = page.get_descendants(inclusive=True) if request.POST.get("copy_subpages") else Page.objects.filter(pk=page.pk)
        if any(requires_sign_off(p) for p in subtree.live().specific()):
            messages.error(
                request,
                _("Copies of content pages cannot be published directly: copy without "
                  "publishing and submit the copies for review."),
            )
            return redirect(_edit_url(page))
    if request.POST.get("alias"):
        from .forms import subtree_holds_gated_content

        if subtree_holds_gated_content(page):
            messages.error(
                request,
                _("Content pages cannot be aliased: an alias would publish the content a second "
                  "time without review. Copy the page and submit the copy for review."),
            )
            return redirect(_edit_url(page))
    return None


# ---------------------------------------------------------------------------
# Bulk actions of the page listing: publishing and unpublishing are not offered. The listing
# mixes the operator's structure with content under the gate, and a bulk action cannot ask
# for a review or for a reason (撤稿). A request posted to their URLs anyway is refused with
# a message.


class _RefusedBulkAction:
    """Answers every request with ``refusal`` and a redirect back to the listing."""

    offered = False  # left out of the listing by ``hide_unoffered_bulk_actions``
    refusal = ""

    def dispatch(self, request, *args, **kwargs):
        messages.error(request, str(self.refusal))
        return redirect(self.back_url())

    def back_url(self):
        from wagtail.admin.utils import get_valid_next_url_from_request

        next_url = get_valid_next_url_from_request(self.request)
        if next_url:
            return next_url
        parent = self.request.GET.get("childOf", "")
        if parent.isdigit() and Page.objects.filter(pk=parent).exists():
            return reverse("wagtailadmin_explore", args=[parent])
        return reverse("wagtailadmin_home")


def _bulk_action_classes():
    from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
    from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction

    class RefusedPublishBulkAction(_RefusedBulkAction, PublishBulkAction):
        refusal = gettext_lazy(
            "Pages are not published in bulk: a content page goes online only after the "
            "confidentiality review and the responsible leader's sign-off. Submit each page "
            "for review; the platform operator publishes a column from its own edit page."
        )

    class RefusedUnpublishBulkAction(_RefusedBulkAction, UnpublishBulkAction):
        refusal = gettext_lazy(
            "Pages are not unpublished in bulk: a published content page is taken offline by "
            "withdrawal (撤稿) with a reason, one page at a time."
        )

    return [RefusedPublishBulkAction, RefusedUnpublishBulkAction]


def register_bulk_actions():
    """``register_bulk_action`` entries that replace Wagtail's page publish and unpublish
    (registered after Wagtail's, so the registry keeps these for the same action type)."""
    from wagtail import hooks

    for action_class in _bulk_action_classes():
        hooks.register("register_bulk_action", action_class, order=100)


def hide_unoffered_bulk_actions():
    """Leave actions marked ``offered = False`` out of the bulk action bar of every listing.

    Wagtail builds the bar from every registered action and has no hook to drop one; its
    URL must stay registered to answer with the refusal instead of a bare 404. So the
    registry's listing method is wrapped once, on the registry instance."""
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry as registry

    if getattr(registry, "_govinfo_filtered", False):
        return
    listed = registry.get_bulk_actions_for_model

    def get_bulk_actions_for_model(app_label, model_name):
        return [action for action in listed(app_label, model_name) if getattr(action, "offered", True)]

    registry.get_bulk_actions_for_model = get_bulk_actions_for_model
    registry._govinfo_filtered = True


# ---------------------------------------------------------------------------
# Home panel: where leaders and principals find 撤稿 (they cannot open the editor of a
# published page).


class WithdrawablePagesPanel(Component):
    name = "govinfo_withdrawable_pages"
    template_name = "wagtail_govinfo/panels/withdrawable.html"
    order = 107
    LIMIT = 20

    def __init__(self, department_ids):
        self.department_ids = department_ids

    def get_context_data(self, parent_context):
        from .models import CONTENT_PAGE_MODELS

        rows = []
        for model in CONTENT_PAGE_MODELS:
            rows.extend(
                model.objects.live()
                .filter(submitting_department_id__in=self.department_ids)
                .order_by("-last_published_at")[: self.LIMIT]
            )
        rows.sort(key=lambda p: p.last_published_at or p.first_published_at, reverse=True)
        return {"rows": [(p, reverse("govinfo_checks:withdraw", args=[p.pk])) for p in rows[: self.LIMIT]]}


def construct_panels(request, panels):
    from .models import DepartmentRole, Role

    department_ids = list(
        DepartmentRole.objects.filter(
            user=request.user, role__in=[Role.LEADER, Role.PRINCIPAL], department__is_active=True
        ).values_list("department_id", flat=True)
    )
    if department_ids:
        panels.append(WithdrawablePagesPanel(department_ids))
