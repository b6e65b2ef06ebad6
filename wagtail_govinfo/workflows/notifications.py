"""E-mails of the review steps, sent through Wagtail's notification machinery.

Wagtail's own "task submitted" e-mail only covers group approval tasks: the people
who may act on a govinfo step (reviewers or leaders of the submitting department) are
told here. They can switch it off with Wagtail's "submitted" notification preference.
The submitter hears about a rejection, with its reason, from Wagtail's own
``workflow_rejected`` e-mail (the reason is the task state's comment).

The e-mails go through the package's outbox (``wagtail_govinfo/outbox.py``): they leave
after the submission commits, once per step and recipient.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import override
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.mail import EmailNotificationMixin, Notifier
from wagtail.models import AbstractPage, TaskState

from wagtail_govinfo.conf import govinfo_settings
from wagtail_govinfo.outbox import queue_email

from .models import AbstractGovInfoReviewTask, content_object_of, department_id_of, users_who_may_act


class StepStartedEmailNotifier(EmailNotificationMixin, Notifier):
    notification = "submitted"
    template_directory = "wagtail_govinfo_workflows/notifications/"

    def __init__(self):
        super().__init__((TaskState,))

    def can_handle(self, instance, **kwargs):
        return super().can_handle(instance, **kwargs) and isinstance(
            instance.task.specific, AbstractGovInfoReviewTask
        )

    def get_recipient_users(self, task_state, **kwargs):
        task = task_state.task.specific
        triggering_user = kwargs.get("user")
        obj = content_object_of(task_state.workflow_state)
        recipients = set(users_who_may_act(task, obj))
        if triggering_user is not None:
            recipients.discard(triggering_user)
        if govinfo_settings.SEPARATION_OF_DUTIES:
            recipients = {u for u in recipients if task.duty_conflict(task_state, u) is None}
        return recipients

    def get_template_set(self, instance, **kwargs):
        base = self.template_directory + "step_started"
        return {"subject": base + "_subject.txt", "text": base + ".txt", "html": base + ".html"}

    def get_context(self, task_state, **kwargs):
        from wagtail_govinfo.models import Department

        context = super().get_context(task_state, **kwargs)
        obj = content_object_of(task_state.workflow_state)
        context.update(
            {
                "task": task_state.task.specific,
                "task_state": task_state,
                "object": obj,
                "model_name": obj._meta.verbose_name,
                "requested_by": task_state.workflow_state.requested_by,
                "department": Department.objects.filter(pk=department_id_of(obj)).first(),
                # Without a user: the recipients may open the editor through the task.
                "edit_url": AdminURLFinder().get_edit_url(obj),
            }
        )
        if isinstance(obj, AbstractPage):
            context["page"] = obj
        return context


    def send_emails(self, template_set, context, recipients, **kwargs):
        task_state = context["task_state"]
        for recipient in recipients:
            context["user"] = recipient
            with override(recipient.wagtail_userprofile.get_preferred_language()):
                subject = render_to_string(template_set["subject"], context).strip()
                text = render_to_string(template_set["text"], context).strip()
            html = ""
            if getattr(settings, "WAGTAILADMIN_NOTIFICATION_USE_HTML", False):
                html = render_to_string(template_set["html"], context)
            queue_email(
                f"workflow.step_started:{task_state.pk}:{recipient.pk}",
                subject,
                text,
                [recipient.email],
                html_body=html,
                from_email=getattr(settings, "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", None),
            )
        return True


step_started_email_notifier = StepStartedEmailNotifier()
