from django.db import transaction
from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published

from .models.departments import DepartmentRole
from .models.screening import SensitiveWord
from .permissions import sync_page_permissions, sync_user_groups
from .roles import forget_group_names
from .screening import bump_dictionary_version


def _role_changed(sender, instance, **kwargs):
    sync_user_groups(instance.user)


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
    m2m_changed.connect(
        _groups_changed, sender=get_user_model().groups.through, dispatch_uid="govinfo_user_groups_changed"
    )
    post_save.connect(_role_changed, sender=DepartmentRole, dispatch_uid="govinfo_role_saved")
    post_delete.connect(_role_changed, sender=DepartmentRole, dispatch_uid="govinfo_role_deleted")
    page_published.connect(_page_published, dispatch_uid="govinfo_page_published_permissions")
    post_save.connect(_dictionary_changed, sender=SensitiveWord, dispatch_uid="govinfo_word_saved")
    post_delete.connect(_dictionary_changed, sender=SensitiveWord, dispatch_uid="govinfo_word_deleted")
