"""Small factories for departments, users with roles, and page trees."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from wagtail_govinfo.models import (
    ColumnKind,
    ColumnPage,
    Department,
    DepartmentRole,
    InfoPage,
    Role,
    TopicPage,
)
from wagtail_govinfo.roles import auditor_group, operator_group

PASSWORD = "pw"
_seq = itertools.count(1)


def department(code=None, name=None, **kwargs):
    n = next(_seq)
    code = code or f"d{n}"
    return Department.objects.get_or_create(code=code, defaults={"name": name or f"部门{code}", **kwargs})[0]


def user(username=None, *, roles=(), operator=False, auditor=False, **kwargs):
    """A user; ``roles`` is a list of ``(department, Role)`` pairs."""
    username = username or f"user{next(_seq)}"
    kwargs.setdefault("email", f"{username}@example.cn")
    u = get_user_model().objects.create_user(username=username, password=PASSWORD, **kwargs)
    for dept, role in roles:
        DepartmentRole.objects.create(user=u, department=dept, role=role)
    if operator:
        u.groups.add(operator_group())
    if auditor:
        u.groups.add(auditor_group())
    return u


def editor(dept, **kw):
    return user(roles=[(dept, Role.EDITOR)], **kw)


def reviewer(dept, **kw):
    return user(roles=[(dept, Role.REVIEWER)], **kw)


def leader(dept, **kw):
    return user(roles=[(dept, Role.LEADER)], **kw)


def site_root():
    return Site.objects.get(is_default_site=True).root_page.specific


def publish(page, *, submitter=None):
    """Publish ``page`` the way the site does.

    Content under the publication gate goes through the real review workflow: it is
    submitted, a confidentiality reviewer of its submitting department approves it and
    a responsible leader signs it off; the workflow's finish action publishes the signed
    revision. A page without a submitting department gets its column's (or a new one).
    Structure (columns, listings, a topic without a department) is published directly.
    """
    from wagtail_govinfo.publication import requires_sign_off

    page = page.specific
    if not requires_sign_off(page):
        page.save_revision().publish()
        page.refresh_from_db()
        return page
    if page.submitting_department_id is None:
        page.submitting_department = _department_for(page)
        page.save(update_fields=["submitting_department"])
    run_review(page, submitter=submitter)
    page.refresh_from_db()
    assert page.live and page.live_revision_id == page.latest_revision_id, "the workflow did not publish"
    return page


def _department_for(page):
    from wagtail_govinfo.roles import _responsible_ids

    ids = _responsible_ids(page.get_parent()) or ()
    return Department.objects.filter(pk__in=ids).order_by("pk").first() or department()


def signers(dept):
    """The confidentiality reviewer and the leader who sign for ``dept`` in the factories
    (their own accounts, so separation of duties holds for any author)."""
    reviewer_ = get_user_model().objects.filter(username=f"gate-reviewer-{dept.code}").first()
    if reviewer_ is None:
        reviewer_ = reviewer(dept, username=f"gate-reviewer-{dept.code}", email="")
    leader_ = get_user_model().objects.filter(username=f"gate-leader-{dept.code}").first()
    if leader_ is None:
        leader_ = leader(dept, username=f"gate-leader-{dept.code}", email="")
    return reviewer_, leader_


def record_approvals(revision, *, reviewer, leader, submitter=None, at=None):
    """Record that both steps approved ``revision`` (as the workflow stores it: approved
    task states with the revision's fingerprint), without running the workflow or
    sending signals: for tests that announce the sign-off themselves and publish later."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import TaskState, WorkflowState

    from wagtail_govinfo.workflows.findings import fingerprint
    from wagtail_govinfo.workflows.models import ConfidentialityReviewTaskState, LeaderSignOffTaskState
    from wagtail_govinfo.workflows.setup import default_workflow

    workflow = default_workflow()[0]
    review_task, sign_task = [wt.task.specific for wt in workflow.workflow_tasks.order_by("sort_order")][:2]
    page = revision.content_object
    at = at or timezone.now()
    state = WorkflowState.objects.create(
        workflow=workflow,
        content_type=ContentType.objects.get_for_model(page),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=str(page.pk),
        status=WorkflowState.STATUS_APPROVED,
        requested_by=submitter,
    )
    printed = fingerprint(revision)
    review = ConfidentialityReviewTaskState.objects.create(
        workflow_state=state, revision=revision, task=review_task, status=TaskState.STATUS_APPROVED,
        finished_by=reviewer, finished_at=at, content_fingerprint=printed,
    )
    sign = LeaderSignOffTaskState.objects.create(
        workflow_state=state, revision=revision, task=sign_task, status=TaskState.STATUS_APPROVED,
        finished_by=leader, finished_at=at, content_fingerprint=printed, confidentiality_review=review,
    )
    state.current_task_state = sign
    state.save(update_fields=["current_task_state"])
    return state


def run_review(page, *, submitter=None, comment="同意发布。"):
    """Submit the newest content of ``page`` and have both steps approve it, through the
    tasks' own ``on_action`` (what the admin's action views call). Returns the workflow state."""
    from wagtail_govinfo.workflows.demo import review_and_publish

    from django.core import mail

    page = page.specific
    page.save_revision(user=submitter)
    reviewer_, leader_ = signers(page.submitting_department)
    # Setting data up is not what a test observes: the steps' notifications of this
    # review stay out of the test's outbox.
    outbox = list(getattr(mail, "outbox", []))
    try:
        return review_and_publish(page, submitter=submitter, reviewer=reviewer_, leader=leader_, comment=comment)
    finally:
        if hasattr(mail, "outbox"):
            mail.outbox[:] = outbox


def column(parent=None, *, departments=(), kind=ColumnKind.NEWS, title=None, **kwargs):
    n = next(_seq)
    page = ColumnPage(title=title or f"栏目{n}", slug=f"column-{n}", column_kind=kind, **kwargs)
    (parent or site_root()).add_child(instance=page)
    page.responsible_departments.set(departments)
    return publish(page)


def topic(parent, *, owners=(), title=None, **kwargs):
    n = next(_seq)
    page = TopicPage(title=title or f"专题{n}", slug=f"topic-{n}", live=False, **kwargs)
    parent.add_child(instance=page)
    page.owner_departments.set(owners)
    return publish(page)


def info_page(parent, *, department=None, live=True, title=None, body="<p>正文</p>", **kwargs):
    n = next(_seq)
    page = InfoPage(
        title=title or f"信息{n}",
        slug=f"info-{n}",
        source_author="作者",
        written_on=datetime.date(2026, 11, 1),
        submitting_department=department,
        body=[("rich_text", body)],
        live=False,
        **kwargs,
    )
    parent.add_child(instance=page)
    if live:
        return publish(page)
    page.save_revision()
    return page


def root_page():
    return Page.get_first_root_node()


def ensure_wagtail_initial_data():
    """Recreate what Wagtail's migrations create (locale, root collection, root page and a
    default site): a transactional test flushes every table, migration data included."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale

    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if not Page.objects.exists():
        root = Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(instance=Page(title="Home", slug="home"))
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
