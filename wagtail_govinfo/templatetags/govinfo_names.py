from django import template

from ..names import display_name

register = template.Library()


@register.filter
def govinfo_name(user):
    """``{{ user|govinfo_name }}``: 姓名, family name first (see ``wagtail_govinfo.names``)."""
    return display_name(user)
