from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from wagtail.models import Revision
from wagtail.signals import page_published

from .models.departments import Department, DepartmentRole
from .models.screening import AllowListEntry, SensitiveWord
from .permissions import sync_department, sync_page_permissions, sync_user_groups
from .publication import refuse_sealed_revision_change
from .roles import editor_group_name, forget_group_names
from .screening import bump_dictionary_version


def _role_saving(sender, instance, **kwargs):
    # A role moved to someone else (its user changed): remember the former holder, whose
    # rights must follow too.
    instance._govinfo_previous_user_id = (
        DepartmentRole.objects.filter(pk=instance.pk).values_list("user_id", flat=True).first()
        if instance.pk
        else None
    )


def _role_changed(sender, instance, **kwargs):
    sync_user_groups(instance.user)
    previous = getattr(instance, "_govinfo_previous_user_id", None)
    if previous and previous != instance.user_id:
        former = get_user_model().objects.filter(pk=previous).first()
        if former is not None:
            sync_user_groups(former)


def _department_saved(sender, instance, **kwargs):
    sync_department(instance)


def _department_deleted(sender, instance, **kwargs):
    # Its roles are gone with it (cascade); its editors group must not keep page rights.
    Group.objects.filter(name=editor_group_name(instance)).delete()


def _page_published(sender, instance, **kwargs):
    if hasattr(instance, "responsible_department_ids"):
        sync_page_permissions(instance)


def _dictionary_changed(sender, instance, **kwargs):
    # Now, so this process (and its open transaction) sees the change at once; and
    # again after commit, so no other process keeps a dictionary compiled meanwhile
    # from the data of before the commit.
    bump_dictionary_version()
    transaction.on_commit(bump_dictionary_version)


def _groups_changed(sender, instance, reverse, **kwargs):
    # ``user.groups.add(...)``: the user object forgets the group names it kept. (Changes
    # made from the group's side reach other user objects at their next request.)
    if not reverse:
        forget_group_names(instance)


def register_signal_handlers():
    from .attachments.signal_handlers import register_signal_handlers as register_attachment_handlers

    register_attachment_handlers()
    pre_save.connect(_role_saving, sender=DepartmentRole, dispatch_uid="govinfo_role_saving")
    m2m_changed.connect(
        _groups_changed, sender=get_user_model().groups.through, dispatch_uid="govinfo_user_groups_changed"
    )
    post_save.connect(_role_changed, sender=DepartmentRole, dispatch_uid="govinfo_role_saved")
    post_save.connect(_department_saved, sender=Department, dispatch_uid="govinfo_department_saved")
    post_delete.connect(_department_deleted, sender=Department, dispatch_uid="govinfo_department_deleted")
    post_delete.connect(_role_changed, sender=DepartmentRole, dispatch_uid="govinfo_role_deleted")
    page_published.connect(_page_published, dispatch_uid="govinfo_page_published_permissions")
    pre_save.connect(
        refuse_sealed_revision_change, sender=Revision, dispatch_uid="govinfo_sealed_revision"
    )
    post_save.connect(_dictionary_changed, sender=SensitiveWord, dispatch_uid="govinfo_word_saved")
    post_delete.connect(_dictionary_changed, sender=SensitiveWord, dispatch_uid="govinfo_word_deleted")
    post_save.connect(_dictionary_changed, sender=AllowListEntry, dispatch_uid="govinfo_allowed_word_saved")
    post_delete.connect(
        _dictionary_changed, sender=AllowListEntry, dispatch_uid="govinfo_allowed_word_deleted"
    )
