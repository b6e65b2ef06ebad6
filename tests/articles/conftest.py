"""The 市政府办公室 and another department with their people, under the default workflow."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests import factories as f
from wagtail_govinfo.checklist import CHECKLIST_KEYS
from wagtail_govinfo.models import Role
from wagtail_govinfo.workflows.setup import setup_workflow

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


@dataclass
class City:
    office: object  # 市政府办公室 (szfb)
    bureau: object  # 市发改委 (fgw)
    office_editor: object
    office_reviewer: object
    office_leader: object
    office_principal: object
    bureau_editor: object
    bureau_reviewer: object
    bureau_leader: object
    bureau_principal: object
    operator: object
    auditor: object


@pytest.fixture
def city(setup_roles):
    setup_workflow()
    office, bureau = f.department("szfb", "市政府办公室"), f.department("fgw", "市发改委")
    return City(
        office=office,
        bureau=bureau,
        office_editor=f.editor(office, username="office_editor"),
        office_reviewer=f.reviewer(office, username="office_reviewer"),
        office_leader=f.leader(office, username="office_leader"),
        office_principal=f.user("office_principal", roles=[(office, Role.PRINCIPAL)]),
        bureau_editor=f.editor(bureau, username="bureau_editor"),
        bureau_reviewer=f.reviewer(bureau, username="bureau_reviewer"),
        bureau_leader=f.leader(bureau, username="bureau_leader"),
        bureau_principal=f.user("bureau_principal", roles=[(bureau, Role.PRINCIPAL)]),
        operator=f.user("operator", operator=True),
        auditor=f.user("auditor", auditor=True),
    )


def snippet_action(client, user, obj, action, data):
    """Post a workflow action on a snippet as the admin's modal does."""
    client.force_login(user)
    obj = type(obj).objects.get(pk=obj.pk)
    state = obj.current_workflow_task_state
    url = reverse(type(obj).snippet_viewset.get_url_name("workflow_action"), args=(obj.pk, action, state.pk))
    return client.post(url, {"state_id": state.pk, **data}, **XHR)


def pass_review(client, reviewer, obj):
    return snippet_action(client, reviewer, obj, "approve", {"checklist": list(CHECKLIST_KEYS)})


def sign(client, leader, obj):
    return snippet_action(client, leader, obj, "approve", {"confirm": "on"})


def home(client, user):
    client.force_login(user)
    return client.get(reverse("wagtailadmin_home")).content.decode()
