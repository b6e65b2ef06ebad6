"""Admin forms of the core app."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm

from .roles import editor_departments_for, is_operator


class GovInfoPageForm(WagtailAdminPageForm):
    """Page form that records the submitting department (报送单位) from the author.

    An editor chooses among the departments in which they are an editor and which are
    responsible for the column; with one such department it is filled in and fixed.
    The platform operator may choose any department.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("submitting_department")
        if field is None or self.for_user is None:
            return
        if is_operator(self.for_user):
            field.required = True
            return
        column = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        allowed = editor_departments_for(self.for_user, column)
        current = self.instance.submitting_department_id
        if current is not None and not allowed.exists():
            # Not an editor here, yet in the editor: a reviewer or leader acting in the
            # review workflow. The page keeps its department.
            field.queryset = field.queryset.filter(pk=current)
            field.disabled = True
            field.widget = forms.HiddenInput()
            return
        field.queryset = allowed
        field.required = True
        if self.instance.submitting_department_id is None and allowed.count() == 1:
            self.initial["submitting_department"] = allowed.first().pk
        if allowed.count() == 1:
            field.widget = forms.HiddenInput()
        field.error_messages["invalid_choice"] = _(
            "You can only submit for a department in which you are an editor "
            "and which is responsible for this column."
        )

    def clean(self):
        cleaned = super().clean()
        if "category" in self.fields:
            from .leaders import category_refusal

            refusal = category_refusal(
                cleaned.get("category"), cleaned.get("submitting_department") or self.instance.submitting_department
            )
            if refusal and "category" not in self.errors:
                self.add_error("category", refusal)
        return cleaned


def subtree_holds_gated_content(page, live_only=False):
    """Whether ``page`` or a page under it goes live only when signed (the publication
    gate). Stops at the first one found."""
    from wagtail.models import Page

    from .publication import requires_sign_off

    subtree = Page.objects.filter(path__startswith=page.path, depth__gte=page.depth)
    if live_only:
        subtree = subtree.live()
    return any(requires_sign_off(p) for p in subtree.specific().iterator(chunk_size=100))


class GovInfoCopyForm(CopyForm):
    """Wagtail's copy form without *Publish copies* and *Alias* when the pages copied hold
    content under the publication gate: a copy is a draft that goes through the review
    (an alias would be a second publication of the content with no review of its own).
    ``gate_views.refuse_publishing_copies`` refuses both when posted anyway."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if ("publish_copies" in self.fields or "alias" in self.fields) and subtree_holds_gated_content(self.page):
            self.fields.pop("publish_copies", None)
            self.fields.pop("alias", None)
