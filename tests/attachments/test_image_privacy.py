"""Images are private until a page that uses them is published (through HTTP): originals
and renditions, in the admin, in the API."""

import datetime
import re

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from tests import factories as f
from tests.attachments.files import document, image, pdf_bytes, png_bytes
from wagtail_govinfo.blocks import BodyBlock
from wagtail_govinfo.models import InfoPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    """Wagtail remembers renditions in Django's cache, which outlives a test's database
    and media folder."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def desk(setup_roles):
    dept = f.department("desk")
    return {"dept": dept, "column": f.column(departments=[dept])}


def image_block(img, alt="会场"):
    return BodyBlock().child_blocks["image"].to_python({"image": img.pk, "alt_text": alt, "decorative": False})


def page_with(column, *images, title="带图片的信息", rich_text=""):
    body = [("image", image_block(img)) for img in images]
    if rich_text:
        body.append(("rich_text", rich_text))
    page = InfoPage(
        title=title, slug=f"p-{abs(hash(title)) % 100000}", source_author="作者",
        written_on=datetime.date(2026, 11, 1), body=body, live=False,
    )
    column.add_child(instance=page)
    page.save_revision()
    return page


def urls_of(img):
    """The original's URL and a rendition's, as Wagtail links them (``MEDIA_URL`` + name)."""
    return img.file.url, img.get_rendition("max-165x165").url


def fetch(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_an_unpublished_pages_image_is_refused_until_published_through_the_review(client, desk):
    img = image("会场照片")
    page = page_with(desk["column"], img)
    original, rendition = urls_of(img)
    assert original.startswith("/media/original_images/") and rendition.startswith("/media/images/")

    for url in (original, rendition):
        response = client.get(url)
        assert response.status_code == 404
        assert "no-store" in response["Cache-Control"]  # the 404 is not cached either

    f.publish(page)  # the real workflow: review, sign-off, publication
    for url in (original, rendition):
        response, body = fetch(client, url)
        assert response.status_code == 200
        assert body.startswith(b"\x89PNG")
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert fetch(client, original)[1] == png_bytes()


def test_unpublishing_makes_the_image_private_again_unless_used_elsewhere(client, desk):
    shared, own = image("共用"), image("自有")
    first = f.publish(page_with(desk["column"], shared, own, title="第一篇"))
    f.publish(page_with(desk["column"], shared, title="第二篇"))
    own_urls, shared_urls = urls_of(own), urls_of(shared)
    assert all(client.get(url).status_code == 200 for url in own_urls + shared_urls)

    first.unpublish()
    assert [client.get(url).status_code for url in own_urls] == [404, 404]
    assert [client.get(url).status_code for url in shared_urls] == [200, 200]


def test_an_image_added_in_a_draft_stays_private(client, desk):
    live_img, draft_img = image("已发"), image("草稿")
    page = f.publish(page_with(desk["column"], live_img))
    page.body = [("image", image_block(live_img)), ("image", image_block(draft_img))]
    page.save_revision()
    assert [client.get(url).status_code for url in urls_of(draft_img)] == [404, 404]


def test_staff_who_may_choose_the_image_see_it_before_publication_uncached(client, desk):
    img = image("内部")
    page_with(desk["column"], img)
    client.force_login(f.editor(desk["dept"]))
    for url in urls_of(img):
        response, body = fetch(client, url)
        assert response.status_code == 200 and body.startswith(b"\x89PNG")
        cache_control = response["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control and "public" not in cache_control


def test_a_signed_in_user_without_image_rights_is_refused(client, desk):
    img = image("内部")
    page_with(desk["column"], img)
    client.force_login(f.user())  # no role, no admin
    assert [client.get(url).status_code for url in urls_of(img)] == [404, 404]


def test_nothing_else_under_media_url_is_served(client, desk, settings):
    doc = document("通知.pdf", pdf_bytes("通知正文"))
    img = image("已发布")
    f.publish(page_with(desk["column"], img))
    (tmp_media := __import__("pathlib").Path(settings.MEDIA_ROOT)).joinpath("stray.txt").write_text("x")
    assert tmp_media.joinpath(doc.file.name).exists()
    for path in (
        f"/media/{doc.file.name}",  # documents only through /documents/
        "/media/stray.txt",  # a file no image owns
        "/media/original_images/missing.png",
        "/media/../example_site/settings.py",
        "/media/%2e%2e/%2e%2e/etc/passwd",
    ):
        assert client.get(path).status_code == 404, path
    client.force_login(f.user(is_superuser=True))
    assert client.get(f"/media/{doc.file.name}").status_code == 404


def test_a_conditional_request_for_a_published_image_is_answered_not_modified(client, desk):
    img = image("缓存")
    f.publish(page_with(desk["column"], img))
    first = client.get(img.file.url)
    assert first.status_code == 200
    again = client.get(img.file.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


def test_the_admin_image_listing_and_chooser_show_thumbnails_to_staff_only(client, desk):
    editor = f.editor(desk["dept"])
    img = image("后台缩略图")
    img.uploaded_by_user = editor  # the editor's own upload: in the listing and the chooser
    img.save()
    page_with(desk["column"], img)  # a draft: the image is private

    thumbnails = set()
    for user, url in (
        (editor, "/admin/images/"),
        (editor, "/admin/images/chooser/results/"),  # the chooser modal's image grid
        (f.user(operator=True), "/admin/images/"),
    ):
        client.force_login(user)
        assert client.get("/admin/images/chooser/").status_code == 200
        response = client.get(url)
        assert response.status_code == 200
        found = re.findall(r'<img[^>]+src="(/media/images/[^"]+)"', response.content.decode())
        assert found, f"no thumbnail in {url}"
        for src in found:
            served, body = fetch(client, src)
            assert served.status_code == 200 and body.startswith(b"\x89PNG"), src
        thumbnails.update(found)
    client.logout()
    assert {client.get(url).status_code for url in thumbnails} == {404}


def test_the_api_gives_image_urls_that_work_once_published(client, desk):
    block_img, embedded = image("正文图片"), image("富文本图片")
    rich_text = f'<p>见下图</p><embed embedtype="image" id="{embedded.pk}" format="fullwidth" alt="全景"/>'
    draft_only = image("未发布图片")
    page = page_with(desk["column"], block_img, rich_text=rich_text)
    assert client.get(f"/api/v2/images/{block_img.pk}/").status_code == 404
    f.publish(page)

    data = client.get(f"/api/v2/pages/{page.pk}/?rich_text_format=html").json()
    block = next(b for b in data["body"] if b["type"] == "image")["value"]
    assert block["image"]["id"] == block_img.pk and block["image"]["title"] == "正文图片"
    assert block["alt_text"] == "会场" and block["decorative"] is False
    assert block["image"]["url"].startswith("http://testserver/media/original_images/")
    assert client.get(block["image"]["url"]).status_code == 200
    html = next(b for b in data["body"] if b["type"] == "rich_text")["value"]
    src = re.search(r'<img[^>]+src="([^"]+)"', html).group(1)
    assert src.startswith("/media/images/") and client.get(src).status_code == 200

    listed = {item["id"] for item in client.get("/api/v2/images/").json()["items"]}
    assert listed == {block_img.pk, embedded.pk}
    assert draft_only.pk not in listed
    detail = client.get(f"/api/v2/images/{block_img.pk}/").json()
    assert detail["meta"]["download_url"].startswith("http://testserver/media/original_images/")
    assert client.get(detail["meta"]["download_url"]).status_code == 200
    assert client.get(f"/api/v2/images/{draft_only.pk}/").status_code == 404

    page.unpublish()
    assert client.get(block["image"]["url"]).status_code == 404
    assert client.get("/api/v2/images/").json()["items"] == []


@override_settings(WAGTAIL_GOVINFO={"ATTACHMENT_PRIVACY": False})
def test_privacy_can_be_switched_off(client, desk):
    img = image("公开")
    page_with(desk["column"], img)
    assert [client.get(url).status_code for url in urls_of(img)] == [200, 200]
    assert img.pk in {item["id"] for item in client.get("/api/v2/images/").json()["items"]}


def test_media_url_not_answered_by_the_image_view_is_a_configuration_error(settings):
    assert "wagtail_govinfo.E021" not in [e.id for e in run_checks()]
    settings.ROOT_URLCONF = "tests.attachments.urls_without_media"
    assert "wagtail_govinfo.E021" in [e.id for e in run_checks()]
    settings.WAGTAIL_GOVINFO = {"ATTACHMENT_PRIVACY": False}
    assert "wagtail_govinfo.E021" not in [e.id for e in run_checks()]


def test_media_on_another_host_is_a_warning(settings):
    settings.MEDIA_URL = "https://cdn.example.cn/media/"
    assert "wagtail_govinfo.W021" in [e.id for e in run_checks()]
