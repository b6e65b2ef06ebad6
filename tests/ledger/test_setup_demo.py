"""The ledger's steps of ``govinfo_setup`` and ``govinfo_demo``."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.signals import page_published

from tests import factories as f
from wagtail_govinfo.demo import DemoSite
from wagtail_govinfo.ledger.demo import demo_ledgers
from wagtail_govinfo.ledger.models import PublicationKind, PublicationLedgerEntry
from wagtail_govinfo.ledger.signal_handlers import _page_published

pytestmark = pytest.mark.django_db

VIEW = {"view_submissionledgerentry", "view_publicationledgerentry", "view_ledgerchain"}


def ledger_permissions(group_name):
    return set(
        Group.objects.get(name=group_name)
        .permissions.filter(content_type__app_label="wagtail_govinfo_ledger")
        .values_list("codename", flat=True)
    )


def test_setup_lets_auditors_and_the_operator_read_the_ledgers_and_nothing_more(govinfo_setup):
    assert ledger_permissions("审计") == VIEW
    assert ledger_permissions("市政数局") == VIEW
    call_command("govinfo_setup", stdout=io.StringIO())
    assert ledger_permissions("审计") == VIEW


def test_demo_step_records_pages_published_before_the_ledger_once(setup_roles):
    department = f.department("fgw", name="市发改委")
    column = f.column(departments=[department])
    page_published.disconnect(dispatch_uid="govinfo_ledger_page_published")
    try:
        early = f.info_page(column, department=department, title="台账启用前发布的信息")
    finally:
        page_published.connect(_page_published, dispatch_uid="govinfo_ledger_page_published")
    recorded = f.info_page(column, department=department, title="台账启用后发布的信息")
    draft = f.info_page(column, department=department, live=False, title="草稿")
    demo = DemoSite(root=f.site_root(), pages={"early": early, "recorded": recorded, "draft": draft, "column": column})

    demo_ledgers(io.StringIO(), demo)
    entries = list(PublicationLedgerEntry.objects.order_by("pk").values_list("title", "kind", "published_at", "remarks"))
    assert [(t, k) for t, k, _p, _r in entries] == [
        ("台账启用后发布的信息", PublicationKind.PUBLISH),
        ("台账启用前发布的信息", PublicationKind.PUBLISH),
    ]
    early.refresh_from_db()
    assert entries[1][2] == early.last_published_at and entries[1][3]

    demo_ledgers(io.StringIO(), demo)
    assert PublicationLedgerEntry.objects.count() == 2
