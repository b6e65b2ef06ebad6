from django import template

from ..topic_views import topic_status_of

register = template.Library()


@register.simple_tag
def govinfo_topic_status(page):
    """``(key, label)`` of a topic's life cycle (正常/即将撤销/已撤销/已归档), None for other pages."""
    return topic_status_of(page)
