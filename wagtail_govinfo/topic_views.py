"""Admin views of the topic life cycle (第二十一条): archive (owners), restore (operator).

Permissions are checked here, server-side, on every request; the buttons that lead
here are only a convenience.
"""

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.admin.widgets import Button

from wagtail.admin import messages as wagtail_messages
from wagtail.admin.widgets.button import ListingButton

from .lifecycle import (
    archive_topic,
    can_archive,
    can_restore,
    frozen_topic,
    life_status,
    restore_topic,
    with_life_status,
)
from .models import TopicPage, TopicStatus


def _explore_url(topic):
    parent = topic.get_parent()
    return reverse("wagtailadmin_explore", args=[parent.pk if parent else topic.pk])


def _confirm_then_act(request, topic, url_name, act, done, **confirm):
    """GET: the confirmation page (``confirm`` fills its title, icon, question and
    button); POST: ``act(topic, user)``, then the ``done`` message and back to the explorer."""
    if request.method == "POST":
        act(topic, request.user)
        wagtail_messages.success(request, done)
        return redirect(_explore_url(topic))
    return TemplateResponse(
        request,
        "wagtail_govinfo/topics/confirm.html",
        {
            "topic": topic,
            **confirm,
            "action_url": reverse(url_name, args=[topic.pk]),
            "cancel_url": _explore_url(topic),
        },
    )


@require_http_methods(["GET", "POST"])
def archive(request, pk):
    topic = get_object_or_404(TopicPage, pk=pk)
    if not can_archive(request.user, topic):
        wagtail_messages.error(
            request,
            _("Only the editors and leaders of the departments owning “%(title)s”, or the platform "
              "operator, can archive it.") % {"title": topic.title},
        )
        return redirect("wagtailadmin_home")
    if topic.status != TopicStatus.ACTIVE:
        wagtail_messages.error(request, _("Only an active topic can be archived."))
        return redirect(_explore_url(topic))
    return _confirm_then_act(
        request,
        topic,
        "govinfo_checks:topic_archive",
        archive_topic,
        done=_("Topic “%(title)s” archived: it stays readable and is no longer checked.")
        % {"title": topic.title},
        page_title=_("Archive topic"),
        header_icon="folder-inverse",
        question=_(
            "Archive the topic “%(title)s”? It stays published and readable as archived, "
            "can no longer be edited and is no longer checked for updates."
        )
        % {"title": topic.title},
        confirm_label=_("Yes, archive it"),
    )


@require_http_methods(["GET", "POST"])
def restore(request, pk):
    topic = get_object_or_404(TopicPage, pk=pk)
    if not can_restore(request.user, topic):
        wagtail_messages.error(
            request, _("Only the platform operator can restore the topic “%(title)s”.") % {"title": topic.title}
        )
        return redirect("wagtailadmin_home")
    if topic.status == TopicStatus.ACTIVE:
        wagtail_messages.error(request, _("This topic is active: there is nothing to restore."))
        return redirect(_explore_url(topic))
    return _confirm_then_act(
        request,
        topic,
        "govinfo_checks:topic_restore",
        restore_topic,
        done=_("Topic “%(title)s” restored and published again; it is checked for updates again.")
        % {"title": topic.title},
        page_title=_("Restore topic"),
        header_icon="rotate",
        question=_(
            "Restore the topic “%(title)s” (%(status)s)? A revoked topic is published again "
            "with the pages and versions that were live when it was revoked."
        )
        % {"title": topic.title, "status": topic.get_status_display()},
        confirm_label=_("Yes, restore it"),
    )


# ---------------------------------------------------------------------------
# Archived and revoked topics are frozen: before_* hooks of the page views.


def refuse_if_frozen(request, page):
    """Redirect with a message if ``page`` is, or sits under, an archived or revoked topic:
    the message says why, and offers the operator 恢复专题 at once."""
    topic = frozen_topic(page)
    if topic is None:
        return None
    if topic.status == TopicStatus.ARCHIVED:
        message = _("“%(title)s” is archived: it and its pages can no longer be changed.")
    else:
        message = _(
            "“%(title)s” was revoked: it and its pages can no longer be changed until the "
            "platform operator restores it."
        )
    buttons = []
    if can_restore(request.user, topic):
        buttons.append(
            wagtail_messages.button(reverse("govinfo_checks:topic_restore", args=[topic.pk]), _("Restore topic"))
        )
    wagtail_messages.error(request, message % {"title": topic.title}, buttons=buttons)
    return redirect(_explore_url(topic))


def before_create(request, parent_page, page_class):
    return refuse_if_frozen(request, parent_page)


def before_move(request, page, destination):
    return refuse_if_frozen(request, page) or refuse_if_frozen(request, destination)


def header_buttons(page, user, view_name, next_url=None):
    """“Archive topic” for its owners, “Restore topic” for the operator."""
    if page.specific_class is not TopicPage:
        return
    topic = TopicPage.objects.filter(pk=page.pk).first()
    if topic is None:
        return
    if topic.status == TopicStatus.ACTIVE and can_archive(user, topic):
        yield Button(
            _("Archive topic"),
            url=reverse("govinfo_checks:topic_archive", args=[topic.pk]),
            icon_name="folder-inverse",
            priority=70,
        )
    elif topic.status != TopicStatus.ACTIVE and can_restore(user, topic):
        yield Button(
            _("Restore topic"),
            url=reverse("govinfo_checks:topic_restore", args=[topic.pk]),
            icon_name="rotate",
            priority=70,
        )


def listing_buttons(page, user, next_url=None):
    """恢复专题 / 归档专题 among the row's actions of the explorer listing (the ones shown
    on the row itself, not hidden behind ⋯); the same views and checks as the header's."""
    if not isinstance(page, TopicPage):
        return
    if page.status == TopicStatus.ACTIVE and can_archive(user, page):
        yield ListingButton(
            _("Archive topic"),
            reverse("govinfo_checks:topic_archive", args=[page.pk]),
            icon_name="folder-inverse",
            attrs={"data-govinfo-topic-action": "archive"},
            priority=60,
        )
    elif page.status != TopicStatus.ACTIVE and can_restore(user, page):
        yield ListingButton(
            _("Restore topic"),
            reverse("govinfo_checks:topic_restore", args=[page.pk]),
            icon_name="rotate",
            attrs={"data-govinfo-topic-action": "restore"},
            priority=5,
        )


def explorer_queryset(parent_page, pages, request):
    """The explorer listing's rows carry their topics' life cycle (one query for the page)."""
    return with_life_status(pages)


def topic_status_of(page):
    """``(key, label)`` of a topic's life cycle for the explorer's status column, or None."""
    if not isinstance(page, TopicPage):
        return None
    return life_status(page)
