from wagtail import hooks

from .screening.wordlists import load_dictionary_sources
from .viewsets import GovInfoViewSetGroup


@hooks.register("register_admin_viewset")
def register_viewsets():
    return GovInfoViewSetGroup()


hooks.register("govinfo_setup", load_dictionary_sources)
