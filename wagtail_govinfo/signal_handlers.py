from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published

from .models.departments import DepartmentRole
from .permissions import sync_page_permissions, sync_user_groups


def _role_changed(sender, instance, **kwargs):
    sync_user_groups(instance.user)


def _page_published(sender, instance, **kwargs):
    if hasattr(instance, "responsible_department_ids"):
        sync_page_permissions(instance)


def register_signal_handlers():
    post_save.connect(_role_changed, sender=DepartmentRole, dispatch_uid="govinfo_role_saved")
    post_delete.connect(_role_changed, sender=DepartmentRole, dispatch_uid="govinfo_role_deleted")
    page_published.connect(_page_published, dispatch_uid="govinfo_page_published_permissions")
