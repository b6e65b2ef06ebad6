from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import Revision
from wagtail.signals import page_published

from .models.departments import DepartmentRole
from .models.screening import SensitiveWord
from .publication import refuse_sealed_revision_change
from .permissions import sync_page_permissions, sync_user_groups
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


def register_signal_handlers():
    post_save.connect(_role_changed, sender=DepartmentRole, dispatch_uid="govinfo_role_saved")
    post_delete.connect(_role_changed, sender=DepartmentRole, dispatch_uid="govinfo_role_deleted")
    page_published.connect(_page_published, dispatch_uid="govinfo_page_published_permissions")
    pre_save.connect(
        refuse_sealed_revision_change, sender=Revision, dispatch_uid="govinfo_sealed_revision"
    )
    post_save.connect(_dictionary_changed, sender=SensitiveWord, dispatch_uid="govinfo_word_saved")
    post_delete.connect(_dictionary_changed, sender=SensitiveWord, dispatch_uid="govinfo_word_deleted")
