"""What ``govinfo_setup`` does for the core app; the sub-apps add steps through the
``govinfo_setup`` Wagtail hook (a callable taking ``stdout``), all idempotent."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from .models import AllowListEntry, ColumnPage, Department, DepartmentRole, SensitiveWord, TopicPage
from .permissions import sync_page_permissions, sync_user_groups
from .roles import auditor_group, editor_group, operator_group, staff_group
from django.utils.translation import gettext as _

OPERATOR_PAGE_PERMISSIONS = (
    "add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page",
)
STAFF_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"), ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"), ("wagtaildocs", "choose_document"),
)


def perm(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def model_permissions(model, actions=("add", "change", "delete", "view")):
    ct = ContentType.objects.get_for_model(model)
    return [
        Permission.objects.get(content_type=ct, codename=f"{action}_{model._meta.model_name}")
        for action in actions
    ]


def grant_collection_permissions(group, permissions):
    root = Collection.get_first_root_node()
    for app_label, codename in permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=perm(app_label, codename)
        )


def setup_roles(stdout=None):
    access_admin = perm("wagtailadmin", "access_admin")

    staff = staff_group()
    staff.permissions.add(access_admin)
    grant_collection_permissions(staff, STAFF_COLLECTION_PERMISSIONS)

    operator = operator_group()
    operator.permissions.add(
        access_admin,
        *model_permissions(Department),
        *model_permissions(DepartmentRole),
        *model_permissions(SensitiveWord),
        *model_permissions(AllowListEntry),
        perm("auth", "add_user"),
        perm("auth", "change_user"),
        perm("auth", "view_user"),
    )
    root = Page.get_first_root_node()
    for codename in OPERATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=operator, page=root, permission=perm("wagtailcore", codename)
        )
    grant_collection_permissions(
        operator,
        STAFF_COLLECTION_PERMISSIONS
        + (("wagtailimages", "change_image"), ("wagtaildocs", "change_document")),
    )

    auditor = auditor_group()
    auditor.permissions.add(access_admin)

    for department in Department.objects.all():
        editor_group(department)
    for page in ColumnPage.objects.all():
        sync_page_permissions(page)
    for page in TopicPage.objects.all():
        sync_page_permissions(page)
    User = get_user_model()
    for user in User.objects.filter(pk__in=DepartmentRole.objects.values("user_id")):
        sync_user_groups(user)
    if stdout:
        stdout.write(_("Role groups and their permissions are in place."))
