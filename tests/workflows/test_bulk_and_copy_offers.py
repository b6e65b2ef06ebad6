"""The admin does not offer what the publication gate refuses (issue 8): no bulk publish or
bulk unpublish in the page listing, no *Publish copies* or *Alias* when copying content;
each is refused with a message in Chinese when posted anyway."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests import factories as f
from wagtail_govinfo.models import ColumnPage, InfoPage

from .test_gate import draft, live_status, people  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

ROLES = ("operator", "superuser", "editor")


def bulk_url(action, *pages, next_url=None):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
    query = "&".join(f"id={p.pk}" for p in pages)
    if next_url:
        query += f"&next={next_url}"
    return f"{url}?{query}"


def offered_bulk_actions(html):
    return set(re.findall(r"/admin/bulk/wagtailcore/page/([a-z_]+)/", html))


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize("role", ROLES)
def test_the_page_listing_offers_no_bulk_publish_or_unpublish(client, people, role):
    draft(people)
    f.publish(draft(people, title="已发布的页面"))
    client.force_login(getattr(people, role))
    response = client.get(reverse("wagtailadmin_explore", args=[people.column.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    offered = offered_bulk_actions(html)
    assert "publish" not in offered and "unpublish" not in offered
    assert "delete" in offered  # the bar itself is there
    assert "批量发布" not in html and ">发布<" not in html


@pytest.mark.parametrize("role", ROLES)
def test_a_posted_bulk_publish_is_refused_in_chinese(client, people, role):
    page = draft(people)
    client.force_login(getattr(people, role))
    listing = reverse("wagtailadmin_explore", args=[people.column.pk])
    for method in (client.get, client.post):
        response = method(bulk_url("publish", page, next_url=listing), follow=True)
        assert response.status_code == 200
        assert response.redirect_chain[-1][0] == listing
        [message] = messages_of(response)
        assert "不能批量发布" in message and "保密审核" in message and "分管负责人" in message
    assert live_status(page) == (False, None)
    # "All the pages of the listing", without a next URL: back to the listing of the parent.
    response = client.post(
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
        + f"?id=all&childOf={people.column.pk}",
        {"include_descendants": "on"},
    )
    assert response.status_code == 302 and response.url == listing
    assert live_status(page) == (False, None)


def test_bulk_publish_is_refused_for_structure_too(client, people):
    """Not offered for anyone: the operator publishes a column from its edit page."""
    column = ColumnPage(title="新栏目", slug="new-column", live=False)
    people.column.get_parent().add_child(instance=column)
    column.save_revision()
    client.force_login(people.operator)
    response = client.post(bulk_url("publish", column), follow=True)
    assert "不能批量发布" in messages_of(response)[0]
    assert not ColumnPage.objects.get(pk=column.pk).live
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")


def test_a_posted_bulk_unpublish_is_refused_and_points_to_withdrawal(client, people):
    page = f.publish(draft(people))
    client.force_login(people.operator)
    response = client.post(bulk_url("unpublish", page), {"include_descendants": "on"}, follow=True)
    [message] = messages_of(response)
    assert "撤稿" in message and "理由" in message
    assert InfoPage.objects.get(pk=page.pk).live


@pytest.mark.parametrize("role", ("operator", "superuser"))
def test_copying_content_offers_neither_publish_copies_nor_alias(client, people, role):
    page = f.publish(draft(people))
    client.force_login(getattr(people, role))
    html = client.get(reverse("wagtailadmin_pages:copy", args=[page.pk])).content.decode()
    assert 'name="new_title"' in html  # the form is there
    assert 'name="publish_copies"' not in html and 'name="alias"' not in html
    # A column holding content: the same.
    html = client.get(reverse("wagtailadmin_pages:copy", args=[people.column.pk])).content.decode()
    assert 'name="publish_copies"' not in html and 'name="alias"' not in html


def test_copying_an_empty_column_still_offers_publishing_it(client, people):
    column = ColumnPage(title="空栏目", slug="empty-column")
    people.column.get_parent().add_child(instance=column)
    client.force_login(people.operator)
    html = client.get(reverse("wagtailadmin_pages:copy", args=[column.pk])).content.decode()
    assert 'name="publish_copies"' in html


def test_a_posted_alias_of_content_is_refused(client, people):
    page = f.publish(draft(people))
    client.force_login(people.operator)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {"new_title": "别名", "new_slug": "aliased", "new_parent_page": people.column.pk, "alias": "on"},
        follow=True,
    )
    assert any("别名" in m and "审核" in m for m in messages_of(response))
    assert not Page.objects.filter(slug="aliased").exists()
