"""The publication gate (第五、十六、十七、二十条): only a signed revision goes live.

Every path that puts content online ends in one of two places, and the gate sits in both:

* ``publish(revision)`` of a gated object (``SignedPublicationMixin``): the admin's
  publish, bulk publish, scheduled go-live (``publish_scheduled``), topic restore,
  the workflow's finish action and any Python code calling ``revision.publish()``;
* ``save()`` of a gated object that becomes live, or whose live revision changes:
  the paths that build Wagtail's publish action themselves (the page editor, the
  admin API) or set ``live`` by hand (a copy that keeps pages live). A gated page
  created in code with Wagtail's default ``live=True`` is saved as a draft instead.

A revision may go live when it is *signed*: both steps of its workflow approved that
very revision and its content still hashes to what they approved (the workflows app
answers through the ``govinfo_revision_signed`` hook, so the core imports no sub-app).
The one exception is an emergency publication (紧急发布) by the platform operator,
which the workflows app runs inside :func:`emergency_authority` for one revision.

What the gate covers is decided by the object: ``requires_sign_off()``. Content
pages (information, policy documents, interpretations) always; topics when they name
a submitting department; columns and the disclosure listing are the operator's
structure (no department submits them, nobody could sign them) and are not gated.

Not covered: writes that bypass the ORM's ``save()`` (``QuerySet.update``, raw SQL).
"""

import contextlib
import contextvars

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from wagtail import hooks

#: Revisions (ids) that an emergency publication in progress may put live.
_emergency = contextvars.ContextVar("govinfo_emergency_revisions", default=frozenset())
#: Pages (ids) being withdrawn (撤稿) right now, with the reason: the ledger records the
#: withdrawal from ``page_withdrawn`` instead of a plain 下线.
_withdrawing = contextvars.ContextVar("govinfo_withdrawing_pages", default=frozenset())


class PublicationRefused(PermissionDenied):
    """A publication that the gate does not allow. Its message is for the user."""


def requires_sign_off(obj):
    """Whether ``obj`` (a page or snippet, usually a revision's content) goes live only
    when signed."""
    method = getattr(obj, "requires_sign_off", None)
    return bool(method()) if callable(method) else False


def is_signed(revision):
    """Whether both review steps approved ``revision`` and it is unchanged since."""
    if revision is None or revision.pk is None:
        return False
    return any(check(revision) for check in hooks.get_hooks("govinfo_revision_signed"))


def in_emergency(revision):
    return revision is not None and revision.pk in _emergency.get()


def refusal(revision, obj=None):
    """Why ``revision`` may not go live, or None if it may."""
    if obj is None:
        obj = revision.as_object() if revision is not None else None
    if obj is None or not requires_sign_off(obj):
        return None
    if in_emergency(revision) or is_signed(revision):
        return None
    return _(
        "“%(title)s” cannot be published: only a version that passed the confidentiality "
        "review and the responsible leader's sign-off goes online. Submit it for review."
    ) % {"title": str(obj)}


def check_publication(revision, obj=None):
    """Raise ``PublicationRefused`` unless ``revision`` may go live."""
    message = refusal(revision, obj)
    if message:
        raise PublicationRefused(message)


def check_live_transition(obj, update_fields=None):
    """Called from ``save()``: refuse an object becoming live (or changing its live
    revision) with a revision that may not go live."""
    if not getattr(obj, "live", False) or not requires_sign_off(obj):
        return
    if obj.pk is None and obj.live_revision_id is None:
        # Created in code with Wagtail's default ``live=True``: content starts as a
        # draft and goes live through the workflow.
        obj.live = False
        obj.has_unpublished_changes = True
        return
    if update_fields is not None and not {"live", "live_revision", "live_revision_id"} & set(update_fields):
        return
    previous = (False, None)
    if obj.pk is not None:
        previous = (
            type(obj)._default_manager.filter(pk=obj.pk).values_list("live", "live_revision_id").first()
            or previous
        )
    if previous == (True, obj.live_revision_id):
        return  # live before, with the same revision
    revision = obj.live_revision if obj.live_revision_id else None
    if revision is None:
        raise PublicationRefused(
            _("“%(title)s” cannot go live without a signed version.") % {"title": str(obj)}
        )
    # The object saved is the revision's content here: judge what the revision holds.
    check_publication(revision, revision.as_object())


@contextlib.contextmanager
def emergency_authority(revision):
    """Let ``revision`` through the gate inside this block (紧急发布, operator only:
    the caller checks who and why)."""
    token = _emergency.set(_emergency.get() | {revision.pk})
    try:
        yield
    finally:
        _emergency.reset(token)


@contextlib.contextmanager
def withdrawing(page):
    """Mark ``page`` as being withdrawn (撤稿) inside this block."""
    token = _withdrawing.set(_withdrawing.get() | {page.pk})
    try:
        yield
    finally:
        _withdrawing.reset(token)


def is_withdrawing(page):
    return page.pk in _withdrawing.get()


# ---------------------------------------------------------------------------
# Signed means frozen


def revision_is_sealed(revision):
    """Whether ``revision`` entered a review, was approved, signed, scheduled or
    published: then its content can never change (an edit makes a new revision)."""
    from wagtail.models import PageLogEntry, TaskState

    if revision is None or revision.pk is None:
        return False
    if revision.approved_go_live_at is not None:
        return True
    if TaskState.objects.filter(revision_id=revision.pk).exists():
        return True
    obj = revision.content_object
    if obj is not None and getattr(obj, "live_revision_id", None) == revision.pk:
        return True
    return PageLogEntry.objects.filter(revision_id=revision.pk, action="wagtail.publish").exists()


class RevisionIsFrozen(PermissionDenied):
    """Raised when code tries to change the content of a sealed revision."""


def refuse_sealed_revision_change(sender, instance, raw=False, update_fields=None, **kwargs):
    """``pre_save`` of ``Revision``: the content of a sealed revision stays as it is."""
    if raw or instance.pk is None:
        return
    if update_fields is not None and not {"content", "object_str"} & set(update_fields):
        return
    stored = type(instance).objects.filter(pk=instance.pk).values_list("content", flat=True).first()
    if stored is None or stored == instance.content:
        return
    original = type(instance).objects.get(pk=instance.pk)
    if revision_is_sealed(original):
        raise RevisionIsFrozen(
            _("This version was reviewed, signed or published and can no longer be changed; "
              "save your edit as a new version.")
        )


__all__ = [
    "PublicationRefused",
    "RevisionIsFrozen",
    "check_live_transition",
    "check_publication",
    "emergency_authority",
    "in_emergency",
    "is_signed",
    "is_withdrawing",
    "refusal",
    "requires_sign_off",
    "revision_is_sealed",
    "withdrawing",
]
