from wagtail.snippets.models import register_snippet

from .models import ReviewedNotice

register_snippet(ReviewedNotice)
