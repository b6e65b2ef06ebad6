"""What the signers see: the revision under review, field by field, and what changed
since the live version (第十七、二十条: the reviewer and the leader sign what they read).

A headless site has no front-end preview, so the review and sign-off windows show the
content themselves. Rich text is rendered as readers will see it, after sanitising with
``nh3`` (the Ammonia sanitiser): no script, event handler or ``javascript:`` link from
the content ever runs in the admin.
"""

from dataclasses import dataclass

import nh3
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.blocks import StructValue
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.rich_text import RichText, expand_db_html

#: Fields of the page model that are bookkeeping rather than content.
BOOKKEEPING_FIELDS = {
    f.name for f in Page._meta.concrete_fields if f.name not in ("title", "seo_title", "search_description")
}


def safe_html(html):
    """``html`` (rich text as stored) expanded to what readers see, then sanitised."""
    try:
        expanded = expand_db_html(html or "")
    except Exception:  # noqa: BLE001 - a dangling link must not stop the review
        expanded = html or ""
    return mark_safe(  # noqa: S308 - sanitised by nh3 just above
        nh3.clean(expanded, link_rel="noopener noreferrer nofollow", url_schemes={"http", "https", "mailto", "tel"})
    )


@dataclass
class ContentField:
    label: str
    html: str  # safe HTML


def revision_content(obj):
    """Every field of ``obj`` (a revision's object) with its value as safe HTML."""
    fields = []
    for field in obj._meta.concrete_fields:
        if field.name in BOOKKEEPING_FIELDS or not field.editable or field.primary_key:
            continue
        if isinstance(field, models.ForeignKey) and field.remote_field.parent_link:
            continue
        value = getattr(obj, field.attname, None)
        if isinstance(field, StreamField):
            html = format_html_join("", "{}", ((render_block(c.block, c.value),) for c in value or []))
        elif isinstance(field, RichTextField):
            html = safe_html(value)
        elif field.choices:
            html = format_html("{}", getattr(obj, f"get_{field.name}_display")())
        elif isinstance(field, models.ForeignKey):
            html = format_html("{}", getattr(obj, field.name) or "")
        elif isinstance(field, models.BooleanField):
            html = _("yes") if value else _("no")
        else:
            html = format_html("{}", "" if value is None else value)
        fields.append(ContentField(str(field.verbose_name), html))
    for name in ("owner_departments", "responsible_departments"):
        if hasattr(obj, name):
            related = getattr(obj, name)
            names = "、".join(str(d) for d in related.all())
            fields.append(ContentField(str(obj._meta.get_field(name).verbose_name), format_html("{}", names)))
    return fields


def render_block(block, value):
    """One StreamField block as safe HTML, labelled with the block's name."""
    if isinstance(value, RichText):
        body = safe_html(value.source)
    elif isinstance(block, TableBlock):
        value = value or {}
        rows = value.get("data") or []
        body = format_html(
            '<table class="govinfo-content-table">{}{}</table>',
            format_html("<caption>{}</caption>", value["table_caption"]) if value.get("table_caption") else "",
            format_html_join(
                "",
                "<tr>{}</tr>",
                ((format_html_join("", "<td>{}</td>", ((cell or "",) for cell in row or [])),) for row in rows),
            ),
        )
    elif isinstance(block, ImageBlock):
        body = format_html(
            "{}{}", value or "", format_html("（{}：{}）", _("alt text"), value.contextual_alt_text)
            if value is not None and getattr(value, "contextual_alt_text", "") else "",
        )
    elif isinstance(value, StructValue):
        body = format_html(
            "<dl>{}</dl>",
            format_html_join(
                "",
                "<dt>{}</dt><dd>{}</dd>",
                ((block.child_blocks[name].label, render_block(block.child_blocks[name], v)) for name, v in value.items()),
            ),
        )
    elif hasattr(value, "url") and hasattr(value, "title"):  # a document
        # A link the signer opens in a new tab: staff may download a document before it is
        # public, and Wagtail serves it with a CSP that runs nothing from the file.
        body = format_html(
            '<a class="govinfo-attachment" href="{}" target="_blank" rel="noopener noreferrer">{}</a>{}',
            value.url, value.title,
            format_html("（{}）", value.filename) if getattr(value, "filename", "") and value.filename != value.title else "",
        )
    elif hasattr(value, "url"):  # an embed
        body = format_html("{}", value.url)
    else:
        body = format_html("{}", "" if value is None else value)
    return format_html('<div class="govinfo-content-block"><span class="govinfo-content-block__label">{}</span>{}</div>', block.label, body)


def changes_since_live(live, revision, request):
    """Wagtail's field comparisons between the live version ``live`` (the stored row of
    the page or snippet: a draft revision does not change it) and ``revision``, those
    that changed; None if the content has never been live."""
    live = getattr(live, "specific", live)
    if not getattr(live, "live", False):
        return None
    try:
        panels = live.get_edit_handler() if hasattr(live, "get_edit_handler") else None
        if panels is None:
            from wagtail.admin.panels import get_edit_handler

            panels = get_edit_handler(type(live))
        comparisons = panels.get_bound_panel(instance=live, request=request, form=None).get_comparison()
    except Exception:  # noqa: BLE001 - a comparison that cannot be built hides nothing of the content shown above
        return []
    revision_object = revision.as_object()
    changed = []
    for comparison_class in comparisons:
        comparison = comparison_class(live, revision_object)
        if comparison.has_changed():
            changed.append(comparison)
    return changed
