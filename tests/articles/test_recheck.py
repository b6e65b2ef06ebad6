"""The drafting department's 复核 of an interpretation, and its policy document first (第十二条)."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from tests import factories as f
from wagtail_govinfo.checklist import CHECKLIST_KEYS
from wagtail_govinfo.models import InterpretationPage, PolicyDocumentPage
from wagtail_govinfo.workflows.setup import default_workflow

from .conftest import XHR

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(city):
    policies = f.column(kind="policy", departments=[city.office])
    interpretations = f.column(kind="interpretation", departments=[city.bureau, city.office])
    document = PolicyDocumentPage(
        title="关于促进消费的若干措施", slug="measures", issuing_authority="市人民政府办公室",
        published_on=datetime.date(2026, 11, 20), document_number="政办发〔2026〕9号",
        submitting_department=city.office, live=False,
    )
    policies.add_child(instance=document)
    document.save_revision()
    return {"policies": policies, "interpretations": interpretations, "document": document}


def submit_interpretation(client, editor, column, document, department, drafting, title="《若干措施》解读"):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("wagtail_govinfo", "interpretationpage", column.pk))
    data = {
        "title": title, "slug": f"i-{abs(hash(title)) % 10000}", "policy_document": document.pk,
        "drafting_department": drafting.pk if drafting else "", "form": "text", "body-count": "0",
        "submitting_department": department.pk, "undertaking_unit": "", "remarks": "", "action-submit": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return InterpretationPage.objects.get(title=title)


def step(page):
    page = type(page).objects.get(pk=page.pk)
    state = page.current_workflow_task_state
    return state.task.specific_class.__name__ if state else None


def act(client, user, page, action, data):
    client.force_login(user)
    page = type(page).objects.get(pk=page.pk)
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))
    return client.post(url, {"state_id": state.pk, **data}, **XHR)


def review(client, user, page):
    return act(client, user, page, "approve", {"checklist": list(CHECKLIST_KEYS)})


def confirm(client, user, page):
    return act(client, user, page, "approve", {"confirm": "on"})


def test_setup_puts_the_recheck_between_review_and_sign_off(city):
    workflow, _ = default_workflow()
    default_workflow()  # idempotent
    names = [t.specific_class.__name__ for t in workflow.tasks]
    assert names == ["ConfidentialityReviewTask", "DraftingRecheckTask", "LeaderSignOffTask"]


def test_an_interpretation_drafted_by_another_department_waits_for_its_recheck(client, city, tree):
    f.publish(tree["document"])
    page = submit_interpretation(
        client, city.bureau_editor, tree["interpretations"], tree["document"], city.bureau, city.office
    )
    assert step(page) == "ConfidentialityReviewTask"
    assert review(client, city.bureau_reviewer, page).json()["step"] == "success"
    # Now the drafting department re-checks: not the submitting department's reviewer.
    assert step(page) == "DraftingRecheckTask"
    assert confirm(client, city.bureau_reviewer, page).status_code == 403
    assert confirm(client, city.bureau_leader, page).status_code == 403
    assert step(page) == "DraftingRecheckTask"
    assert confirm(client, city.office_reviewer, page).json()["step"] == "success"
    assert step(page) == "LeaderSignOffTask"
    assert confirm(client, city.bureau_leader, page).json()["step"] == "success"
    page = InterpretationPage.objects.get(pk=page.pk)
    assert page.live
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert "wagtail_govinfo.drafting_rechecked" in actions
    # The document lists its interpretation, in the API and the disclosure listing.
    data = client.get(f"/api/v2/pages/{tree['document'].pk}/").json()
    assert [i["id"] for i in data["interpretations"]] == [page.pk]
    listing = client.get(
        "/api/v2/disclosure/?type=wagtail_govinfo.PolicyDocumentPage&fields=interpretations"
    ).json()
    assert [i["id"] for i in listing["items"][0]["interpretations"]] == [page.pk]


def test_the_recheck_is_revision_bound_and_returned_with_a_reason(client, city, tree):
    f.publish(tree["document"])
    page = submit_interpretation(
        client, city.bureau_editor, tree["interpretations"], tree["document"], city.bureau, city.office
    )
    review(client, city.bureau_reviewer, page)
    assert step(page) == "DraftingRecheckTask"
    # A form shown for another version is refused.
    response = act(client, city.office_reviewer, page, "approve", {"confirm": "on", "fingerprint": "0" * 64})
    assert step(page) == "DraftingRecheckTask"
    assert act(client, city.office_reviewer, page, "reject", {"reason": "与原文第三条不一致"}).json()["step"] == "success"
    page = InterpretationPage.objects.get(pk=page.pk)
    assert page.current_workflow_state.status == "needs_changes"
    assert response.status_code in (200, 403)


def test_no_recheck_when_the_submitting_department_drafted_it(client, city, tree):
    f.publish(tree["document"])
    page = submit_interpretation(
        client, city.bureau_editor, tree["interpretations"], tree["document"], city.bureau, city.bureau
    )
    review(client, city.bureau_reviewer, page)
    assert step(page) == "LeaderSignOffTask"
    entry = PageLogEntry.objects.get(page=page, action="wagtail_govinfo.drafting_recheck_skipped")
    assert entry.data["reason"] == "由报送单位自行起草，无需复核。"


def test_other_pages_skip_the_recheck(client, city):
    from tests.workflows.conftest import submit_new_page

    column = f.column(departments=[city.bureau])
    page = submit_new_page(client, city.bureau_editor, column, city.bureau)
    review(client, city.bureau_reviewer, page)
    assert step(page) == "LeaderSignOffTask"
    assert PageLogEntry.objects.filter(page=page, action="wagtail_govinfo.drafting_recheck_skipped").exists()


def test_an_interpretation_cannot_go_live_before_its_policy_document(client, city, tree):
    page = submit_interpretation(
        client, city.bureau_editor, tree["interpretations"], tree["document"], city.bureau, city.bureau
    )
    review(client, city.bureau_reviewer, page)
    response = confirm(client, city.bureau_leader, page)
    assert response.status_code == 200
    html = response.json()["html"]
    assert "关于促进消费的若干措施" in html and "第十二条" in html
    assert not InterpretationPage.objects.get(pk=page.pk).live
    assert step(page) == "LeaderSignOffTask"
    # Once the document is published, the sign-off goes through.
    f.publish(tree["document"])
    assert confirm(client, city.bureau_leader, page).json()["step"] == "success"
    assert InterpretationPage.objects.get(pk=page.pk).live


def test_the_operator_cannot_publish_it_directly_before_the_document(client, city, tree):
    page = InterpretationPage(
        title="草稿解读", slug="draft", policy_document=tree["document"], submitting_department=city.office,
        drafting_department=city.office, live=False,
    )
    tree["interpretations"].add_child(instance=page)
    page.save_revision()
    client.force_login(city.operator)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        {"title": "草稿解读", "slug": "draft", "policy_document": tree["document"].pk,
         "drafting_department": city.office.pk, "form": "text", "body-count": "0",
         "submitting_department": city.office.pk, "undertaking_unit": "", "remarks": "", "action-publish": "1"},
    )
    assert response.status_code == 302
    assert not InterpretationPage.objects.get(pk=page.pk).live


def test_a_missing_reapproval_setting_is_reported():
    from django.core.checks import run_checks
    from django.test import override_settings

    assert not [m for m in run_checks() if m.id == "wagtail_govinfo_workflows.W010"]
    with override_settings(WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT=False):
        assert [m.id for m in run_checks() if m.id == "wagtail_govinfo_workflows.W010"] == ["wagtail_govinfo_workflows.W010"]
