"""Fixtures for the ledger tests: two departments with columns, pages and people, and a
helper that signs a page off the way the workflow announces it (the core signal)."""

import datetime

import pytest
from django.utils import timezone

from tests import factories as f
from wagtail_govinfo import signals
from wagtail_govinfo.ledger.setup import setup_ledgers
from wagtail_govinfo.models import Role

CHECKLIST_KEYS = (
    "secrecy", "politics", "law", "rights", "source", "stability", "sensitivity",
    "statistics", "wording", "other",
)


def sign_off(page, *, reviewer, leader, submitter=None, signed_at=None, reviewed_at=None,
             checklist=None, findings=(), comment="同意报送。", department=None, revision=None,
             record=True):
    """Send ``submission_signed_off`` for a new revision of ``page``; return the revision."""
    revision = revision or page.save_revision(user=submitter)
    signed_at = signed_at or timezone.now()
    signals.submission_signed_off.send(
        sender=object,
        page=page,
        revision=revision,
        submitter=submitter,
        reviewer=reviewer,
        leader=leader,
        reviewed_at=reviewed_at or signed_at - datetime.timedelta(hours=1),
        signed_at=signed_at,
        checklist=checklist if checklist is not None else {key: True for key in CHECKLIST_KEYS},
        findings=list(findings),
        comment=comment,
        department=department if department is not None else page.submitting_department,
    )
    if record:  # the approvals the publication gate checks
        f.record_approvals(revision, reviewer=reviewer, leader=leader, submitter=submitter, at=signed_at)
    return revision


@pytest.fixture
def world(setup_roles):
    """Two departments (市发改委 fgw, 市教育局 jyj), a column each, and their people."""
    setup_ledgers()
    fgw = f.department("fgw", name="市发改委")
    jyj = f.department("jyj", name="市教育局")
    w = {
        "fgw": fgw,
        "jyj": jyj,
        "fgw_column": f.column(departments=[fgw], title="发改动态"),
        "jyj_column": f.column(departments=[jyj], title="教育动态"),
        "editor": f.editor(fgw, first_name="信息", last_name="李"),
        "reviewer": f.reviewer(fgw, first_name="保密", last_name="王"),
        "leader": f.leader(fgw, first_name="分管", last_name="赵"),
        "jyj_editor": f.editor(jyj, first_name="教育", last_name="孙"),
        "jyj_reviewer": f.reviewer(jyj, first_name="审核", last_name="周"),
        "jyj_leader": f.leader(jyj, first_name="领导", last_name="吴"),
        "auditor": f.user("auditor1", auditor=True),
        "operator": f.user("operator1", operator=True),
        "principal": f.user("principal1", roles=[(jyj, Role.PRINCIPAL)]),
    }
    return w


@pytest.fixture
def signed(world):
    """One signed-off (not yet published) page in each department."""
    w = world
    w["fgw_page"] = f.info_page(w["fgw_column"], department=w["fgw"], live=False, title="市发改委召开项目推进会")
    w["jyj_page"] = f.info_page(w["jyj_column"], department=w["jyj"], live=False, title="市教育局部署秋季开学工作")
    w["fgw_revision"] = sign_off(
        w["fgw_page"], reviewer=w["reviewer"], leader=w["leader"], submitter=w["editor"]
    )
    w["jyj_revision"] = sign_off(
        w["jyj_page"], reviewer=w["jyj_reviewer"], leader=w["jyj_leader"], submitter=w["jyj_editor"]
    )
    return w
