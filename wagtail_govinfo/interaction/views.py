"""Admin views of message handling: the list, a message with its history, and one
form view per handling step.

Every view re-checks, server-side, that the user may see the message (404 otherwise)
and may take the step (403 otherwise); ``handling.py`` checks again under a row
lock when the step is saved. The buttons are only a convenience.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import ModelLogEntry

from wagtail_govinfo.cell_text import CellTextExportMixin
from wagtail_govinfo.screening import mask, screen

from . import forms, handling
from .models import CitizenMessage, MessageStatus

URL_NAMESPACE = "govinfo_messages"


def message_url(name, message):
    return reverse(f"{URL_NAMESPACE}:{name}", args=[message.pk])


class MessageIndexView(CellTextExportMixin, IndexView):
    def get_base_queryset(self):
        return CitizenMessage.objects.visible_to(self.request.user).select_related("department")

    def search_queryset(self, queryset):
        """Search what the user may read: auditors read subjects masked, so their search
        never matches the original text (a masked phone number cannot be confirmed by
        searching for it)."""
        if not self.is_searching or handling.may_read_originals(self.request.user):
            return super().search_queryset(queryset)
        query = self.search_query
        # Not yet moderated: the list shows the original masked. Narrow in the database,
        # then keep only the messages whose masked subject contains the query.
        candidates = queryset.filter(public_subject="", subject__icontains=query).values_list(
            "pk", "subject"
        )
        needle = query.casefold()
        matching = [pk for pk, subject in candidates if needle in mask(subject).casefold()]
        return queryset.filter(
            Q(public_subject__icontains=query) | Q(tracking_code__icontains=query) | Q(pk__in=matching)
        )


class MessageDetailView(InspectView):
    template_name = "wagtail_govinfo_interaction/detail.html"
    page_title = gettext_lazy("Citizen message")

    def get_object(self, queryset=None):
        return get_object_or_404(CitizenMessage.objects.visible_to(self.request.user), pk=self.pk)

    def get_page_subtitle(self):
        return self.object.masked_subject()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        message = self.object
        user = self.request.user
        may_see_sender = handling.may_see_sender(user, message)
        context.update(
            message=message,
            actions=[
                (handling.ACTION_LABELS[action], message_url(action, message))
                for action in handling.available_actions(user, message)
            ],
            may_see_sender=may_see_sender,
            # Readers who may not see the sender (auditors) read the original masked.
            original_body=message.body if may_see_sender else handling.public_version(message.body),
            original_subject=message.subject if may_see_sender else message.masked_subject(),
            findings=screen(f"{message.subject}\n{message.body}") if may_see_sender else [],
            overdue=message.is_overdue(),
            drafter_may_not_review=(
                message.status == MessageStatus.REPLY_DRAFTED and message.reply_drafted_by_id == user.pk
            ),
            history=ModelLogEntry.objects.for_instance(message)
            .select_related("user")
            .order_by("-timestamp", "-pk"),
            today=timezone.localdate(),
        )
        return context


class MessageStepView(WagtailAdminTemplateMixin, FormView):
    """One handling step on one message; subclasses name the action, form and effect."""

    action = None
    template_name = "wagtail_govinfo_interaction/step.html"
    header_icon = "mail"
    success_message = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.message = get_object_or_404(CitizenMessage.objects.visible_to(request.user), pk=kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if not handling.may(request.user, self.action, self.message):
            raise PermissionDenied
        if not handling.is_ready(self.action, self.message):
            messages.error(
                request,
                _("This message is “%(status)s”: this step is no longer possible.")
                % {"status": self.message.get_status_display()},
            )
            return redirect(message_url("detail", self.message))
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return handling.ACTION_LABELS[self.action]

    def get_page_subtitle(self):
        return self.message.masked_subject()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(f"{URL_NAMESPACE}:index"), "label": CitizenMessage._meta.verbose_name_plural},
            {"url": message_url("detail", self.message), "label": self.message.masked_subject()},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            message=self.message,
            original_subject=self.message.subject,
            original_body=self.message.body,
            action_url=message_url(self.action, self.message),
            cancel_url=message_url("detail", self.message),
            findings=self.get_findings(),
            submit_label=handling.ACTION_LABELS[self.action],
        )
        return context

    def get_findings(self):
        return screen(f"{self.message.subject}\n{self.message.body}")

    def form_valid(self, form):
        try:
            self.perform(form.cleaned_data)
        except handling.HandlingError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, self.get_success_message())
        return redirect(message_url("detail", self.message))

    def get_success_message(self):
        return self.success_message

    def perform(self, data):
        raise NotImplementedError


class ModerateView(MessageStepView):
    action = handling.MODERATE
    form_class = forms.ModerationForm

    def get_initial(self):
        message = self.message
        return {
            "public_subject": handling.public_version(message.subject)[:100],
            "public_body": handling.public_version(message.body),
            "department": message.requested_department_id,
        }

    def perform(self, data):
        if data["decision"] == forms.REJECT:
            handling.reject(self.message, self.request.user, reason=data["rejection_reason"])
            self.success_message = _("Message rejected: it will not be published.")
        else:
            handling.accept(
                self.message,
                self.request.user,
                public_subject=data["public_subject"],
                public_body=data["public_body"],
                department=data.get("department"),
            )
            self.success_message = _("Message accepted for publication.")


class AssignView(MessageStepView):
    action = handling.ASSIGN
    form_class = forms.AssignForm

    def get_initial(self):
        return {"department": self.message.department_id or self.message.requested_department_id}

    def perform(self, data):
        handling.assign(self.message, self.request.user, department=data["department"])
        self.success_message = _("Message assigned to %(department)s.") % {"department": data["department"]}


class ReplyView(MessageStepView):
    action = handling.REPLY
    form_class = forms.ReplyForm

    def get_initial(self):
        message = self.message
        return {
            "reply": message.reply,
            "public_subject": message.public_subject,
            "public_body": message.public_body,
        }

    def perform(self, data):
        handling.draft_reply(
            self.message,
            self.request.user,
            reply=data["reply"],
            public_subject=data.get("public_subject") or None,
            public_body=data.get("public_body") or None,
        )
        self.success_message = _("Reply saved and sent for review.")


class ReviewView(MessageStepView):
    action = handling.REVIEW
    form_class = forms.ReviewForm

    def get_findings(self):
        return screen(f"{self.message.public_subject}\n{self.message.public_body}\n{self.message.reply}")

    def perform(self, data):
        if data["decision"] == forms.RETURN:
            handling.return_reply(self.message, self.request.user, comment=data["comment"])
            self.success_message = _("Reply returned to the handler.")
        else:
            handling.approve_reply(self.message, self.request.user, comment=data.get("comment", ""))
            self.success_message = _("Reply approved: the sender can read it now.")


class PublishView(MessageStepView):
    action = handling.PUBLISH
    form_class = forms.PublishForm

    def get_findings(self):
        return screen(f"{self.message.public_subject}\n{self.message.public_body}\n{self.message.reply}")

    def perform(self, data):
        handling.publish(self.message, self.request.user)
        self.success_message = _("Message and reply published.")
