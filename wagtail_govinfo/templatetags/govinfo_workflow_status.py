from django import template

from ..returned import returned_info

register = template.Library()


@register.simple_tag
def govinfo_returned(workflow_state):
    """``{% govinfo_returned workflow_state as returned %}``: who returned it, the step,
    the reason (a ``wagtail_govinfo.returned.Returned``), or None."""
    return returned_info(workflow_state)
