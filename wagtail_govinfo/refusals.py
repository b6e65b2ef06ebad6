"""A refusal says why, in one sentence (issue 10).

When an admin view raises ``PermissionDenied``, Wagtail's ``require_admin_access`` answers
with the message "Sorry, you do not have permission to access this area." and a redirect to
the dashboard; a user whose roles all sit in deactivated departments gets "You do not have
permission to access the admin." on the login page. Neither says why. Wagtail keeps the
exception to itself and has no hook there, so :class:`RefusalReasonMiddleware` looks at the
response: when it carries one of those two generic messages, it replaces the message with the
reason that applies to the user and the page of the refused request, e.g.

    栏目「通知公告」属于市水利局，你所在部门无权在此栏目发布信息。

It decides nothing: the refusal has already happened, the middleware only words it. When no
reason is found the generic message stays. Put it after
``django.contrib.messages.middleware.MessageMiddleware`` in ``MIDDLEWARE``.
"""

import logging

from django.contrib import messages as django_messages
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.admin import messages as wagtail_messages

from .models.departments import Department, DepartmentRole, Role

logger = logging.getLogger(__name__)

#: Wagtail's generic messages (msgids of ``wagtail.admin``).
GENERIC_AREA = "Sorry, you do not have permission to access this area."
GENERIC_ADMIN = "You do not have permission to access the admin."

#: URL keyword arguments of Wagtail's page views that name the page concerned.
PAGE_KWARGS = ("page_id", "parent_page_id", "pk")
#: Views that add a page under the named one.
ADDING_VIEWS = {"wagtailadmin_pages:add", "wagtailadmin_pages:add_subpage"}
#: Views of a workflow step (the reviewer's).
WORKFLOW_VIEWS = {
    "wagtailadmin_pages:workflow_action",
    "wagtailadmin_pages:collect_workflow_action_data",
    "wagtailadmin_pages:workflow_preview",
    "wagtailadmin_pages:confirm_workflow_cancellation",
}


def _translations(msgid, request):
    """``msgid`` as it may have been queued (in the active language or the user's), each
    text mapped to its language."""
    languages = {translation.get_language()}
    user = getattr(request, "user", None)
    profile = getattr(user, "wagtail_userprofile", None) if user is not None else None
    preferred = getattr(profile, "get_preferred_language", None)
    if callable(preferred):
        try:
            languages.add(preferred())
        except Exception:  # noqa: BLE001  (no profile row: the default language)
            pass
    texts = {msgid: "en"}
    for language in filter(None, languages):
        with translation.override(language):
            texts[_(msgid)] = language
    return texts


def _names(departments):
    return "、".join(d.name for d in departments)


def _role_label(role):
    return str(Role(role).label)


def _user_roles(user):
    return list(DepartmentRole.objects.filter(user=user).select_related("department"))


def _responsible(page):
    """(the nearest column or topic at or above ``page`` naming departments, their ids)."""
    for ancestor in reversed(list(page.get_ancestors(inclusive=True).specific())):
        ids_of = getattr(ancestor, "responsible_department_ids", None)
        if ids_of is not None:
            ids = ids_of()
            if ids:
                return ancestor, ids
    return None, set()


def _kind_word(page):
    from .models.pages import AbstractTopicPage

    return _("Topic") if isinstance(page, AbstractTopicPage) else _("Column")


def _submitting_department(page):
    revision = getattr(page, "latest_revision", None)
    content = getattr(revision, "content", None)
    department_id = None
    if isinstance(content, dict):
        department_id = content.get("submitting_department")
    if department_id is None:
        department_id = getattr(page, "submitting_department_id", None)
    return Department.objects.filter(pk=department_id).first() if department_id else None


def account_reason(user):
    """Why ``user`` (no role in an active department) is refused everything, or None."""
    roles = _user_roles(user)
    if any(r.department.is_active for r in roles):
        return None
    inactive = sorted({r.department for r in roles}, key=lambda d: d.name)
    if inactive:
        return _(
            "Your department %(departments)s has been deactivated, so your account cannot "
            "work in the admin; ask the platform operator if this is a mistake."
        ) % {"departments": _names(inactive)}
    return _(
        "You hold no role in any department yet; ask the platform operator to assign you one "
        "under Department roles."
    )


def _workflow_reason(user, page, roles):
    state = getattr(page, "current_workflow_task_state", None)
    if state is None:
        return None
    task = state.task.specific
    role = getattr(task, "role", None)
    department = _submitting_department(page)
    if role is None or department is None:
        return None
    if any(r.department_id == department.pk and r.role == role for r in roles):
        return None  # holds the role: refused for another reason
    if not department.is_active:
        return _(
            "“%(title)s” was submitted by %(department)s, which has been deactivated: its "
            "review cannot be done now."
        ) % {"title": page.title, "department": department.name}
    return _(
        "“%(title)s” is at the step “%(step)s” of %(department)s: only the %(role)s of "
        "%(department)s can open it, and you are not one."
    ) % {"title": page.title, "step": task.name, "department": department.name, "role": _role_label(role)}


def page_reason(user, page, view_name):
    """Why ``user`` may not do ``view_name`` on ``page`` (specific), in one sentence, or None."""
    from .roles import is_operator

    if is_operator(user):
        return None
    roles = _user_roles(user)
    active = [r for r in roles if r.department.is_active]
    editor_of = {r.department_id for r in active if r.role == Role.EDITOR}
    adding = view_name in ADDING_VIEWS

    if view_name in WORKFLOW_VIEWS or (not adding and not editor_of):
        reason = _workflow_reason(user, page, active)
        if reason:
            return reason

    column, responsible = _responsible(page if adding else page.get_parent() or page)
    if column is None and not adding:
        column, responsible = _responsible(page)

    # The column (or topic) itself is the operator's.
    from .models.pages import AbstractColumnPage

    if not adding and isinstance(page, AbstractColumnPage):
        return _(
            "The column “%(title)s” itself is maintained by the platform operator; you can add "
            "information under it."
        ) % {"title": page.title}

    if not editor_of:
        from .roles import is_auditor

        if not active and is_auditor(user):
            return _("Auditors read and export the records; they do not add or change information.")
        held = sorted({_role_label(r.role) for r in active})
        if held:
            return _(
                "You are %(roles)s, not an editor: only an editor of the responsible department "
                "can add or change information here."
            ) % {"roles": "、".join(held)}
        return None

    if column is not None and not (set(responsible) & editor_of):
        owners = Department.objects.filter(pk__in=responsible).order_by("name")
        inactive = [d for d in owners if not d.is_active]
        values = {"kind": _kind_word(column), "title": column.title, "departments": _names(owners)}
        if inactive and len(inactive) == len(owners):
            return _(
                "%(kind)s “%(title)s” belongs to %(departments)s, which has been deactivated: "
                "nobody can publish in it until the platform operator assigns it again."
            ) % values
        if adding:
            return _(
                "%(kind)s “%(title)s” belongs to %(departments)s; your department may not "
                "publish information in it."
            ) % values
        return _(
            "%(kind)s “%(title)s” belongs to %(departments)s; your department may not change "
            "its information."
        ) % values

    if not adding and getattr(page, "owner_id", None) not in (None, user.pk):
        department = _submitting_department(page)
        if department is not None and department.pk not in editor_of:
            return _(
                "“%(title)s” was submitted by %(department)s; only its editors can change it."
            ) % {"title": page.title, "department": department.name}
    return None


def _page_of(match):
    from wagtail.models import Page

    for key in PAGE_KWARGS:
        value = match.kwargs.get(key)
        if value is not None:
            try:
                return Page.objects.filter(pk=int(value)).first()
            except (TypeError, ValueError):
                return None
    return None


def refusal_reason(request, generic):
    """The specific reason for the refusal of ``request`` (one of the generic messages)."""
    user = request.user
    if not user.is_authenticated:
        return None
    from .roles import is_auditor, is_operator

    # The operator and auditors work site-wide without a department role.
    site_wide = user.is_superuser or is_operator(user) or is_auditor(user)
    reason = None if site_wide else account_reason(user)
    if reason or generic == GENERIC_ADMIN:
        return reason
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    page = _page_of(match) if match.view_name.startswith("wagtailadmin_") else None
    if page is None:
        return None
    return page_reason(user, page.specific, match.view_name)


class RefusalReasonMiddleware:
    """Replace Wagtail's generic refusal message with the reason (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in (301, 302, 303):
            try:
                self.explain(request)
            except Exception:  # noqa: BLE001  (the wording must never break the refusal)
                logger.exception("Could not explain a refusal")
        return response

    def explain(self, request):
        storage = getattr(request, "_messages", None)
        queued = getattr(storage, "_queued_messages", None)
        if not queued:
            return
        for generic in (GENERIC_AREA, GENERIC_ADMIN):
            texts = _translations(generic, request)
            hits = [m for m in queued if m.level == django_messages.ERROR and str(m.message).strip() in texts]
            if not hits:
                continue
            with translation.override(texts[str(hits[0].message).strip()]):
                reason = refusal_reason(request, generic)
                for message in hits if reason else ():
                    # As Wagtail's messages are: rendered (and escaped) by its template.
                    message.message = wagtail_messages.render(str(reason), None)
            return
