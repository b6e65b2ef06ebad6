"""Admin forms of the handling steps. They only collect input; ``handling.py`` decides."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail_govinfo.models import Department

ACCEPT, REJECT = "accept", "reject"
APPROVE, RETURN = "approve", "return"


def _departments():
    return Department.objects.filter(is_active=True).order_by("kind", "name")


class PublicTextFields(forms.Form):
    public_subject = forms.CharField(
        label=_("Public subject"),
        max_length=100,
        required=False,
        help_text=_(
            "As it will be published. Personal information and sensitive words are masked with * on saving."
        ),
    )
    public_body = forms.CharField(
        label=_("Public text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Adjust the wording where needed and remove improper language and anything secret "
            "(article 18). Masking is applied on saving."
        ),
    )


class ModerationForm(PublicTextFields):
    """先审后发: accept with the public text (and optionally assign), or reject."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ACCEPT, _("Accept for publication")), (REJECT, _("Reject"))],
        widget=forms.RadioSelect,
        initial=ACCEPT,
    )
    department = forms.ModelChoiceField(
        label=pgettext_lazy("citizen message", "Handling department"),
        queryset=_departments(),
        required=False,
        help_text=_("Optional: assign the message at once."),
    )
    rejection_reason = forms.CharField(
        label=_("Reason for rejection"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the sender when they look up their message."),
    )

    field_order = ["decision", "public_subject", "public_body", "department", "rejection_reason"]

    def clean(self):
        data = super().clean()
        if data.get("decision") == ACCEPT:
            for name in ("public_subject", "public_body"):
                if not (data.get(name) or "").strip():
                    self.add_error(name, _("Required to accept the message."))
        elif data.get("decision") == REJECT and not (data.get("rejection_reason") or "").strip():
            self.add_error("rejection_reason", _("Give the reason for the rejection."))
        return data


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(
        label=pgettext_lazy("citizen message", "Handling department"), queryset=_departments()
    )


class ReplyForm(PublicTextFields):
    reply = forms.CharField(
        label=_("Reply"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text. Published with the message after a reviewer approves it."),
    )

    field_order = ["reply", "public_subject", "public_body"]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve the reply")), (RETURN, _("Return it to the handler"))],
        widget=forms.RadioSelect,
        initial=APPROVE,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when returning the reply: say what to change."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == RETURN and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Say why the reply is returned."))
        return data


class PublishForm(forms.Form):
    """No field: publishing is a confirmed POST."""
