"""Leader profiles and the information only the 市政府办公室 provides (第八条)."""

import pytest
from django.core.checks import run_checks
from django.test import override_settings
from django.urls import reverse

from tests import factories as f
from tests.core.test_permissions import add_url, post_data
from wagtail_govinfo.models import InfoPage, Leader

from .conftest import home, pass_review, sign

pytestmark = pytest.mark.django_db


def leader_url(name, *args):
    return reverse(Leader.snippet_viewset.get_url_name(name), args=args)


def leader_data(city, **extra):
    return {
        "family_name": "王",
        "given_name": "建国",
        "post": "副市长",
        "biography": '{"blocks": [{"key": "a", "type": "unstyled", "depth": 0, "text": "1970年生，大学学历。", '
        '"inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        "overseen_departments": [city.bureau.pk],
        "areas": "发展改革、统计工作",
        "sort_order": "2",
        "serving": "on",
        **extra,
    }


def add_leader(client, city, **extra):
    client.force_login(city.office_editor)
    response = client.post(leader_url("add"), {**leader_data(city, **extra), "action-submit": "1"})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return Leader.objects.get(family_name="王", given_name="建国")


def test_office_editor_files_a_profile_reviewed_by_the_office_then_published(client, city):
    leader = add_leader(client, city)
    assert leader.submitting_department == city.office
    assert not leader.live
    assert leader.current_workflow_task.specific_class.__name__ == "ConfidentialityReviewTask"
    # Not in the API before the review.
    assert client.get("/api/v2/leaders/").json()["meta"]["total_count"] == 0
    # Only the office's reviewer and leader act; the bureau's cannot.
    assert pass_review(client, city.bureau_reviewer, leader).status_code == 403
    assert pass_review(client, city.office_reviewer, leader).json()["step"] == "success"
    assert sign(client, city.bureau_leader, leader).status_code == 403
    assert sign(client, city.office_leader, leader).json()["step"] == "success"

    leader.refresh_from_db()
    assert leader.live
    client.logout()
    data = client.get("/api/v2/leaders/?fields=*").json()
    assert data["meta"]["total_count"] == 1
    item = data["items"][0]
    assert item["family_name"] == "王" and item["given_name"] == "建国" and item["full_name"] == "王建国"
    assert item["post"] == "副市长" and item["serving"] is True
    assert "1970年生" in item["biography"]
    assert item["overseen_departments"] == [{"code": "fgw", "name": "市发改委"}]
    assert item["areas"] == "发展改革、统计工作"


@pytest.mark.parametrize("who", ["bureau_editor", "office_reviewer", "operator", "auditor"])
def test_others_cannot_add_or_edit_profiles(client, city, who):
    leader = Leader.objects.create(
        family_name="李", given_name="明", post="市长", submitting_department=city.office, live=True
    )
    client.force_login(getattr(city, who))
    assert client.get(leader_url("add")).status_code in (302, 403)
    response = client.post(leader_url("edit", leader.pk), {**leader_data(city), "family_name": "改"})
    assert response.status_code in (302, 403)
    assert Leader.objects.get(pk=leader.pk).family_name == "李"
    assert not Leader.objects.filter(family_name="王").exists()


def test_the_editor_cannot_publish_directly(client, city):
    client.force_login(city.office_editor)
    response = client.post(leader_url("add"), {**leader_data(city), "action-publish": "1"})
    leader = Leader.objects.filter(family_name="王").first()
    assert response.status_code in (200, 302, 403)
    assert leader is None or not leader.live
    assert not Leader.objects.filter(live=True).exists()


def test_menu_shows_leaders_to_the_office_and_the_operator_only(client, city):
    url = leader_url("list")
    assert url in home(client, city.office_editor)
    assert url in home(client, city.operator)  # read-only
    assert url not in home(client, city.bureau_editor)
    client.force_login(city.bureau_editor)
    assert client.get(url).status_code in (302, 403)
    client.force_login(city.office_editor)
    assert "市政府领导" in client.get(url).content.decode()  # the admin speaks Chinese


def test_leader_activity_from_another_department_is_refused(client, city):
    news = f.column(departments=[city.office, city.bureau])
    client.force_login(city.bureau_editor)
    response = client.post(add_url(news), {**post_data(city.bureau, title="副市长调研"), "category": "leader_activity"})
    assert response.status_code == 200
    errors = response.context["form"].errors["category"]
    assert "市政府办公室" in errors[0]
    response = client.post(add_url(news), {**post_data(city.bureau, title="重要会议"), "category": "meeting"})
    assert "category" in response.context["form"].errors
    assert not InfoPage.objects.exists()


def test_the_office_files_leader_activity_and_links_the_leaders(client, city):
    leader = Leader.objects.create(
        family_name="李", given_name="明", post="市长", submitting_department=city.office, live=True
    )
    news = f.column(departments=[city.office, city.bureau])
    client.force_login(city.office_editor)
    response = client.post(
        add_url(news),
        {**post_data(city.office, title="市长调研"), "category": "leader_activity", "leaders": [leader.pk]},
    )
    assert response.status_code == 302, response.context["form"].errors
    page = InfoPage.objects.get(title="市长调研")
    assert list(page.leaders.all()) == [leader]
    f.publish(page)
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["leaders"] == [{"id": leader.pk, "name": "李明", "post": "市长"}]


@override_settings(WAGTAIL_GOVINFO={"LEADER_INFO_DEPARTMENTS": ["szfb", "fgw"]})
def test_the_setting_names_the_departments(client, city):
    news = f.column(departments=[city.bureau])
    client.force_login(city.bureau_editor)
    response = client.post(add_url(news), {**post_data(city.bureau, title="会议"), "category": "meeting"})
    assert response.status_code == 302


@pytest.mark.parametrize("value", ["szfb", [""], 5])
def test_a_wrong_leader_info_setting_is_reported(value):
    with override_settings(WAGTAIL_GOVINFO={"LEADER_INFO_DEPARTMENTS": value}):
        errors = [e for e in run_checks() if "LEADER_INFO_DEPARTMENTS" in e.msg]
    assert len(errors) == 1


def test_a_profile_photo_is_private_until_the_profile_is_published(client, city):
    from tests.attachments.files import image

    photo = image("王建国照片")
    leader = add_leader(client, city, photo=str(photo.pk))
    assert leader.photo_id == photo.pk
    client.logout()
    assert client.get(photo.file.url).status_code == 404  # under review: not public yet
    pass_review(client, city.office_reviewer, leader)
    sign(client, city.office_leader, leader)
    client.logout()
    item = client.get("/api/v2/leaders/?fields=photo").json()["items"][0]
    assert item["photo"]["id"] == photo.pk
    response = client.get(item["photo"]["url"])  # the default storage here keeps files in memory
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
