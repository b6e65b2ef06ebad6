"""Serializers of the public message endpoint. Every text field given back is plain
text with the HTML special characters escaped, so a front end can put it into a page
as it is (no markup ever passes through)."""

import unicodedata

from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wagtail_govinfo.conf import govinfo_settings
from wagtail_govinfo.models import Department

from .models import MessageKind


def is_clean_text(value, *, single_line=False):
    """No control characters (tab and line breaks allowed in multi-line text), no lone
    surrogates and no non-characters: what a database, an e-mail and a spreadsheet hold."""
    allowed = "" if single_line else "\t\n\r"
    for ch in value:
        category = unicodedata.category(ch)
        if (category == "Cc" and ch not in allowed) or category == "Cs" or ch in "\ufffe\uffff":
            return False
    return True


def single_line_text(value):
    if not is_clean_text(value, single_line=True):
        raise serializers.ValidationError(_("Control characters and line breaks are not allowed here."))


def multi_line_text(value):
    if not is_clean_text(value):
        raise serializers.ValidationError(_("Control characters are not allowed."))


class EscapedText(serializers.CharField):
    """Output-only text, HTML-escaped (``<`` → ``&lt;`` …)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return escape(value or "")


class NewMessageSerializer(serializers.Serializer):
    """What a citizen sends. Unknown fields are refused, so a typo in a field name
    is an error instead of a silently empty field."""

    kind = serializers.ChoiceField(choices=MessageKind.choices, default=MessageKind.CONSULTATION)
    subject = serializers.CharField(max_length=100, validators=[single_line_text])
    body = serializers.CharField(validators=[multi_line_text])
    sender_name = serializers.CharField(max_length=50, validators=[single_line_text])
    sender_contact = serializers.CharField(max_length=100, validators=[single_line_text])
    department = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Department.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": _("No active department has the code “{value}”.")},
    )

    def validate_body(self, value):
        limit = govinfo_settings.MESSAGE_MAX_LENGTH
        if len(value) > limit:
            raise serializers.ValidationError(
                _("Write at most %(limit)d characters (this message has %(length)d).")
                % {"limit": limit, "length": len(value)}
            )
        return value

    def to_internal_value(self, data):
        unknown = sorted(set(data) - set(self.fields)) if isinstance(data, dict) else []
        errors = {name: [_("Unknown field.")] for name in unknown}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not isinstance(exc.detail, dict):
                raise
            errors = {**exc.detail, **errors}
        if errors:
            raise serializers.ValidationError(errors)
        return value


class DepartmentSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = EscapedText()


def _reply(message):
    if not message.is_answered:
        return None
    return {
        "body": escape(message.reply),
        "department": DepartmentSerializer(message.department).data if message.department else None,
        "answered_on": timezone.localdate(message.answered_at).isoformat() if message.answered_at else None,
    }


class PublishedMessageSerializer(serializers.Serializer):
    """A published message in the public list: the masked, adjusted text only."""

    id = serializers.IntegerField(read_only=True)
    kind = serializers.CharField(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    subject = EscapedText(source="public_subject")
    body = EscapedText(source="public_body")
    received_on = serializers.DateField(read_only=True)
    department = DepartmentSerializer(read_only=True)
    reply = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField(read_only=True)

    def get_reply(self, message):
        return _reply(message)


class MessageStatusSerializer(serializers.Serializer):
    """What the sender learns with their tracking code: no personal data, no original
    text; the public subject once accepted, the reply once approved."""

    tracking_code = serializers.CharField(read_only=True)
    status = serializers.SerializerMethodField()
    status_label = serializers.SerializerMethodField()
    kind = serializers.CharField(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    received_on = serializers.DateField(read_only=True)
    due_on = serializers.DateField(source="due_date", read_only=True)
    subject = serializers.SerializerMethodField()
    department = serializers.SerializerMethodField()
    rejection_reason = EscapedText()
    reply = serializers.SerializerMethodField()
    published = serializers.SerializerMethodField()

    def get_status(self, message):
        return message.public_status.value

    def get_status_label(self, message):
        return str(message.public_status.label)

    def get_subject(self, message):
        return escape(message.public_subject) if message.public_subject else None

    def get_department(self, message):
        if message.department is None or message.status == "rejected":
            return None
        return DepartmentSerializer(message.department).data

    def get_reply(self, message):
        return _reply(message)

    def get_published(self, message):
        return message.published_at is not None
