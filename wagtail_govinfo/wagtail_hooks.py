from wagtail import hooks

from .viewsets import GovInfoViewSetGroup


@hooks.register("register_admin_viewset")
def register_viewsets():
    return GovInfoViewSetGroup()
