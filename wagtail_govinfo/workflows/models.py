"""The two review steps of 第十六、十七、二十、二十二条 as Wagtail workflow tasks.

``ConfidentialityReviewTask`` (保密审核) and ``LeaderSignOffTask`` (分管负责人审核签字)
follow Wagtail's own pattern: an abstract class holding the logic and a concrete model
that is only ``pass`` (compare ``AbstractGroupApprovalTask``). Each has its own
``TaskState`` subclass that stores what was decided about one revision.

Who may act is not a fixed group: it is the reviewers (or leaders) of the submitting
department of the content under review (``submitting_department``), as held in
``DepartmentRole``. The rules every step enforces, whatever view calls it:

* the approval belongs to the exact revision shown to the reviewer (its fingerprint
  travels with the form); if the content changes, the review starts again;
* the sign-off only counts for the revision that passed the confidentiality review of
  the same workflow; otherwise the workflow goes back to 保密审核;
* separation of duties (``SEPARATION_OF_DUTIES``): author/submitter, reviewer and
  signing leader are three different people.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import AbstractPage, LockableMixin, Revision, Task, TaskState
from wagtail.signals import task_cancelled, task_submitted

from wagtail_govinfo.conf import govinfo_settings
from wagtail_govinfo.models import Department, DepartmentRole, Role
from wagtail_govinfo.names import display_name  # noqa: F401  (kept importable from here)
from wagtail_govinfo.signals import submission_rejected, submission_signed_off

from ..checklist import as_answers

#: Log actions of this app (registered in ``wagtail_hooks.py``).
LOG_CONFIDENTIALITY_APPROVED = "wagtail_govinfo.confidentiality_approved"
LOG_SIGNED_OFF = "wagtail_govinfo.signed_off"
LOG_REJECTED = "wagtail_govinfo.rejected"
LOG_REVIEW_RESTARTED = "wagtail_govinfo.review_restarted"

#: Values of the ``step`` argument of ``submission_rejected``.
STEP_CONFIDENTIALITY_REVIEW = "confidentiality_review"
STEP_LEADER_SIGN_OFF = "leader_sign_off"


def content_object_of(workflow_state):
    obj = workflow_state.content_object
    return getattr(obj, "specific", obj)


def is_page(workflow_state):
    return isinstance(content_object_of(workflow_state), AbstractPage)


def newest_revision(obj):
    """The newest revision of ``obj``, read from the revisions themselves: while a
    revision is being saved, ``obj.latest_revision`` may still point at the previous one."""
    return Revision.objects.for_instance(obj).order_by("-created_at", "-id").first()


def department_id_of(obj):
    """The submitting department of the version under review (its latest revision),
    falling back to the object's own field."""
    revision = getattr(obj, "latest_revision", None)
    if revision is not None and isinstance(revision.content, dict):
        if "submitting_department" in revision.content:
            return revision.content["submitting_department"]
    return getattr(obj, "submitting_department_id", None)


def department_of_revision(revision):
    department_id = (revision.content or {}).get("submitting_department")
    if department_id is None:
        department_id = getattr(revision.as_object(), "submitting_department_id", None)
    return Department.objects.filter(pk=department_id).first()


def authors_of(task_state):
    """Ids of the people who wrote or submitted the revision under review."""
    obj = content_object_of(task_state.workflow_state)
    ids = {
        task_state.workflow_state.requested_by_id,
        task_state.revision.user_id,
        getattr(obj, "owner_id", None),
    }
    ids.discard(None)
    return ids


def log_review_restarted(workflow_state, user, revision, from_task, to_task, reason):
    """Record that ``workflow_state`` went back from ``from_task`` to ``to_task`` (保密审核)."""
    log(
        instance=content_object_of(workflow_state),
        action=LOG_REVIEW_RESTARTED,
        user=user,
        revision=revision,
        data={
            "workflow": {"id": workflow_state.workflow_id, "title": workflow_state.workflow.name},
            "from_task": {"id": from_task.pk, "title": from_task.name},
            "to_task": {"id": to_task.pk, "title": to_task.name},
            "reason": str(reason),
        },
    )


def already_decided_url(task_state):
    """Where the action view sends someone whose action came second (已处理)."""
    from django.urls import reverse

    return reverse("govinfo_workflows:already_decided", args=[task_state.pk])


def _user_roles(user):
    """(department id, role) pairs of ``user``, cached on the user object for the request."""
    cached = getattr(user, "_govinfo_workflow_roles", None)
    if cached is None:
        cached = set(
            DepartmentRole.objects.filter(user=user, department__is_active=True).values_list(
                "department_id", "role"
            )
        )
        user._govinfo_workflow_roles = cached
    return cached


class AbstractGovInfoReviewTask(Task):
    """What both review steps share: who may act, the lock, the dashboard query,
    notifications, starting on the newest revision and going back to 保密审核."""

    #: The department role whose holders act on this step.
    role = None
    #: Value of ``step`` sent with ``submission_rejected``.
    step = None
    approve_label = _("Approve")
    reject_label = _("Return for changes")
    approve_template = None
    reject_template = "wagtail_govinfo_workflows/reject_modal.html"
    #: Name of the function in ``forms`` that builds this step's approval form.
    approve_form = None
    #: Why an author or submitter of the revision may not act on this step
    #: (separation of duties); None: authors are not stopped here.
    author_conflict_message = None
    #: "app_label.ModelName" of this step's TaskState model; a subclass may name its own.
    task_state_model = None

    class Meta:
        abstract = True

    @classmethod
    def get_task_state_class(cls):
        if cls.task_state_class is not None:
            return cls.task_state_class
        return apps.get_model(cls.task_state_model)

    # -- who may act -----------------------------------------------------------

    def may_act(self, obj, user):
        """Whether ``user`` holds this step's role in the submitting department of ``obj``."""
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        department_id = department_id_of(obj)
        if department_id is None:
            return False
        return (department_id, self.role) in _user_roles(user)

    def user_can_access_editor(self, obj, user):
        return self.may_act(obj, user)

    def locked_for_user(self, obj, user):
        return not self.may_act(obj, user)

    def user_can_lock(self, obj, user):
        return False

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        # Wagtail's action views ask for the actions right before they build the action
        # form: remember who asks, so the form can explain separation of duties.
        self._acting_user = user
        if not self.may_act(obj, user):
            return []
        task_state = getattr(obj, "current_workflow_task_state", None)
        if task_state is not None and task_state.task_id == self.pk and self.duty_conflict(task_state, user):
            # Separation of duties: nobody is offered a decision they may not take. The
            # dashboard does not list it for them either (get_task_states_user_can_moderate).
            return []
        return [
            ("reject", self.reject_label, True),
            ("approve", self.approve_label, True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        """In-progress states of this task whose revision names one of the departments
        where ``user`` holds the role (one query, used by the dashboard panel)."""
        if not user.is_authenticated or not user.is_active:
            return TaskState.objects.none()
        department_ids = [d for d, role in _user_roles(user) if role == self.role]
        if not department_ids:
            return TaskState.objects.none()
        states = TaskState.objects.filter(
            task=self,
            status=TaskState.STATUS_IN_PROGRESS,
            revision__content__submitting_department__in=department_ids,
        )
        if govinfo_settings.SEPARATION_OF_DUTIES:
            states = states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)
            states = self.exclude_conflicts(states, user)
        return states

    def exclude_conflicts(self, states, user):
        return states

    def duty_conflict(self, task_state, user):
        """Why separation of duties stops ``user`` approving ``task_state``, or None."""
        if not govinfo_settings.SEPARATION_OF_DUTIES or user is None:
            return None
        if self.author_conflict_message is not None and user.pk in authors_of(task_state):
            return str(self.author_conflict_message)
        return self.step_duty_conflict(task_state, user)

    def step_duty_conflict(self, task_state, user):
        """A conflict particular to this step (separation of duties is on), or None."""
        return None

    # -- forms -----------------------------------------------------------------

    def get_form_for_action(self, action):
        from . import forms

        if action == "reject":
            return forms.reject_form_class(self)
        if action == "approve":
            return self.approve_form_class()
        return super().get_form_for_action(action)

    def approve_form_class(self):
        from . import forms

        if self.approve_form is None:
            raise NotImplementedError
        return getattr(forms, self.approve_form)(self)

    def get_template_for_action(self, action):
        if action == "approve":
            return self.approve_template
        if action == "reject":
            return self.reject_template
        return ""

    # -- the workflow ----------------------------------------------------------

    def start(self, workflow_state, user=None):
        """Start on the newest revision (Wagtail's ``start`` reads ``latest_revision``,
        which lags behind while a revision is being saved)."""
        obj = content_object_of(workflow_state)
        if isinstance(obj, LockableMixin) and obj.locked_by_id and not self.may_act(obj, obj.locked_by):
            obj.locked, obj.locked_by, obj.locked_at = False, None, None
            obj.save(update_fields=["locked", "locked_by", "locked_at"])
        task_state = self.get_task_state_class()(workflow_state=workflow_state)
        task_state.status = TaskState.STATUS_IN_PROGRESS
        task_state.revision = newest_revision(obj)
        task_state.task = self
        self.prepare_state(task_state, workflow_state)
        task_state.save()
        task_submitted.send(sender=task_state.__class__, instance=task_state, user=user)
        return task_state

    def prepare_state(self, task_state, workflow_state):
        from .findings import fingerprint

        task_state.content_fingerprint = fingerprint(task_state.revision)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        """Validate the action's data again (it may come as JSON from the editor),
        check the user, then approve or reject. Returns the URL Wagtail redirects to
        (the dashboard with a confirmation, see ``notices``; the "already decided" page
        when another action won), or None when nothing was decided."""
        # One decision per step: lock the step's row, so that of two simultaneous
        # actions (a double click, two leaders) the second waits and then finds the
        # step decided. Without the lock both would approve: two ledger entries, two
        # log entries, and at the review step an orphan sign-off task.
        locked = TaskState.objects.select_for_update().filter(pk=task_state.pk).first()
        if locked is None or locked.status != TaskState.STATUS_IN_PROGRESS:
            return already_decided_url(task_state)
        task_state = TaskState.objects.get(pk=task_state.pk).specific
        obj = content_object_of(task_state.workflow_state)
        if not self.may_act(obj, user):
            raise PermissionDenied(
                gettext("Only the %(role)s of the submitting department can do this.")
                % {"role": Role(self.role).label}
            )
        form = self.get_form_for_action(action_name)(data=kwargs, user=user)
        if not form.is_valid():
            if form.superseded:
                # The content changed (and the step restarted) after the form was
                # filled in: nothing is decided about content nobody reviewed.
                return None
            raise PermissionDenied(" ".join(form.error_messages_flat()))
        if form.cleaned_data["state_id"] != task_state.pk:
            raise PermissionDenied(gettext("This form belongs to another review."))
        if action_name == "approve":
            self.approve(task_state, user, form)
        elif action_name == "reject":
            self.reject(task_state, user, form.cleaned_data["reason"])
        else:
            raise PermissionDenied
        # Wagtail redirects here: the dashboard, confirming what happened and what's next.
        from .notices import notice_url

        return notice_url(task_state, user)

    def approve(self, task_state, user, form):
        raise NotImplementedError

    def reject(self, task_state, user, reason):
        task_state.reason = reason
        task_state.finished_by_name = display_name(user)
        task_state.save(update_fields=["reason", "finished_by_name"])
        task_state.reject(user=user, comment=reason)
        if not is_page(task_state.workflow_state):
            return
        submission_rejected.send(
            sender=type(self),
            page=content_object_of(task_state.workflow_state),
            revision=task_state.revision,
            user=user,
            step=self.step,
            reason=reason,
        )

    def review_task_of(self, workflow):
        """The first active confidentiality review step of ``workflow``, if any."""
        for task in workflow.tasks.filter(active=True).specific():
            if isinstance(task, AbstractConfidentialityReviewTask):
                return task
        return None

    def restart_review(self, workflow_state, user, reason):
        """Cancel the current step and go back to 保密审核 on the newest revision."""
        current = workflow_state.current_task_state.specific
        current.status = TaskState.STATUS_CANCELLED
        current.finished_at = timezone.now()
        current.finished_by = user
        current.comment = reason
        current.save(update_fields=["status", "finished_at", "finished_by", "comment"])
        workflow_state.current_task_state = current  # update() reads its status
        task_cancelled.send(sender=current.__class__, instance=current, user=user)
        next_task = self.review_task_of(workflow_state.workflow) or self
        workflow_state.update(user=user, next_task=next_task)
        log_review_restarted(
            workflow_state, user, workflow_state.current_task_state.revision, current.task, next_task, reason
        )
        return workflow_state.current_task_state


class AbstractGovInfoTaskState(TaskState):
    """Fields both steps record about the revision they decided on."""

    content_fingerprint = models.CharField(
        _("content fingerprint"),
        max_length=64,
        blank=True,
        help_text=_("SHA-256 of the revision content this step saw."),
    )
    finished_by_name = models.CharField(
        _("finished by (name)"),
        max_length=255,
        blank=True,
        help_text=_("Kept for the record even if the account is removed later."),
    )
    reason = models.TextField(_("reason for returning"), blank=True)

    #: Log action of an approval of this step.
    approve_log_action = None

    class Meta:
        abstract = True

    def log_state_change_action(self, user, action):
        """Log approvals and rejections under the package's own actions (instead of
        ``wagtail.workflow.approve``/``reject``), with Wagtail's data plus ours."""
        obj = self.revision.as_object()
        next_task = self.workflow_state.get_next_task()
        log(
            instance=obj,
            action=self.approve_log_action if action == "approve" else LOG_REJECTED,
            user=user,
            data={
                "workflow": {
                    "id": self.workflow_state.workflow.id,
                    "title": self.workflow_state.workflow.name,
                    "status": self.status,
                    "task_state_id": self.id,
                    "task": {"id": self.task.id, "title": self.task.name},
                    "next": {"id": next_task.id, "title": next_task.name} if next_task else None,
                },
                "comment": self.get_comment(),
                "govinfo": self.log_data(),
            },
            revision=self.revision,
        )

    def log_data(self):
        return {"revision_id": self.revision_id, "fingerprint": self.content_fingerprint}


# ---------------------------------------------------------------------------
# 保密审核


class AbstractConfidentialityReviewTaskState(AbstractGovInfoTaskState):
    """One confidentiality review of one revision: the checklist answers and the
    findings of the screening at the moment of the decision."""

    checklist = models.JSONField(
        _("checklist answers"), default=dict, blank=True, help_text=_("Article 17 item key → confirmed.")
    )
    findings = models.JSONField(_("screening findings"), default=list, blank=True)
    overrides = models.JSONField(
        _("overridden findings"),
        default=list,
        blank=True,
        help_text=_("Personal-information findings kept on purpose, each with the reviewer's reason."),
    )
    confirmed_unreadable = models.JSONField(
        _("sources checked by hand"),
        default=list,
        blank=True,
        help_text=_("Sources that could not be machine-checked and that the reviewer confirmed."),
    )

    approve_log_action = LOG_CONFIDENTIALITY_APPROVED

    class Meta:
        abstract = True
        verbose_name = _("confidentiality review state")
        verbose_name_plural = _("confidentiality review states")

    @property
    def reviewer(self):
        return self.finished_by if self.status == self.STATUS_APPROVED else None

    def findings_for_editor(self):
        """The findings stored with this review, as the author of a returned page reads
        them (``wagtail_govinfo.returned``): kind, text, places and what became of each."""
        from .findings import finding_rows_for_editor

        return finding_rows_for_editor(self.findings)

    def log_data(self):
        return {
            **super().log_data(),
            "checklist": self.checklist,
            "findings": len(self.findings),
            "overrides": [
                {"kind": o.get("kind"), "text": o.get("text"), "reason": o.get("reason")} for o in self.overrides
            ],
            "confirmed_unreadable": [s.get("label") for s in self.confirmed_unreadable],
            "reason": self.reason,
        }


class AbstractConfidentialityReviewTask(AbstractGovInfoReviewTask):
    """保密审核: a confidentiality reviewer of the submitting department checks the ten
    items of 第十七条 against the screening findings of the revision."""

    role = Role.REVIEWER
    step = STEP_CONFIDENTIALITY_REVIEW
    task_state_model = "wagtail_govinfo_workflows.ConfidentialityReviewTaskState"
    approve_label = _("Pass confidentiality review")
    approve_template = "wagtail_govinfo_workflows/review_modal.html"
    approve_form = "review_form_class"
    author_conflict_message = _(
        "Separation of duties: you wrote or submitted this version, so another "
        "confidentiality reviewer of the department must review it."
    )

    class Meta:
        abstract = True
        verbose_name = _("confidentiality review")
        verbose_name_plural = _("confidentiality reviews")

    @classmethod
    def get_description(cls):
        return _(
            "A confidentiality reviewer of the submitting department checks the screening "
            "findings and confirms the ten items of article 17."
        )

    def approve(self, task_state, user, form):
        from .findings import earlier_resolutions

        screening = form.screening
        overrides = form.accepted_overrides
        task_state.checklist = as_answers(form.cleaned_data["checklist"])
        earlier = [
            record
            for state in type(task_state).objects.filter(
                workflow_state=task_state.workflow_state, status=TaskState.STATUS_REJECTED
            ).order_by("pk")
            for record in state.findings
        ]
        task_state.findings = screening.records(overrides) + earlier_resolutions(earlier, screening)
        task_state.overrides = [
            group.record("overridden", overrides[group.key])
            for group in screening.groups
            if group.key in overrides
        ]
        task_state.confirmed_unreadable = [
            {"key": source.key, "label": str(source.label), "problem": str(source.problem)}
            for source in screening.unreadable
        ]
        task_state.content_fingerprint = screening.fingerprint
        task_state.finished_by_name = display_name(user)
        task_state.save(
            update_fields=[
                "checklist", "findings", "overrides", "confirmed_unreadable", "content_fingerprint",
                "finished_by_name",
            ]
        )
        task_state.approve(user=user, comment=form.cleaned_data.get("comment", ""))

    def reject(self, task_state, user, reason):
        # What the review raised is kept with the rejection, so that the approval of
        # the corrected version can say how each finding was resolved (masked, removed).
        from .findings import RevisionScreening

        task_state.findings = RevisionScreening.of(task_state.revision).records()
        task_state.save(update_fields=["findings"])
        super().reject(task_state, user, reason)


# ---------------------------------------------------------------------------
# 分管负责人审核签字


class AbstractLeaderSignOffTaskState(AbstractGovInfoTaskState):
    """One sign-off of one revision, linked to the confidentiality review it relies on."""

    confidentiality_review = models.ForeignKey(
        "wagtail_govinfo_workflows.ConfidentialityReviewTaskState",
        verbose_name=_("confidentiality review"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    approve_log_action = LOG_SIGNED_OFF

    class Meta:
        abstract = True
        verbose_name = _("leader sign-off state")
        verbose_name_plural = _("leader sign-off states")

    @property
    def signer(self):
        return self.finished_by if self.status == self.STATUS_APPROVED else None

    def findings_for_editor(self):
        """Returned at the sign-off: the findings of the review it relied on, each with
        how the reviewer resolved it."""
        review = self.confidentiality_review
        return review.findings_for_editor() if review is not None else []

    @property
    def signed_at(self):
        return self.finished_at if self.status == self.STATUS_APPROVED else None

    def log_data(self):
        return {
            **super().log_data(),
            "confidentiality_review_id": self.confidentiality_review_id,
            "reason": self.reason,
        }


class AbstractLeaderSignOffTask(AbstractGovInfoReviewTask):
    """分管负责人审核签字: a responsible leader of the submitting department signs the
    revision that passed the confidentiality review."""

    role = Role.LEADER
    step = STEP_LEADER_SIGN_OFF
    task_state_model = "wagtail_govinfo_workflows.LeaderSignOffTaskState"
    approve_label = _("Sign off")
    approve_template = "wagtail_govinfo_workflows/sign_off_modal.html"
    approve_form = "sign_off_form_class"
    author_conflict_message = _(
        "Separation of duties: you wrote or submitted this version, so another "
        "responsible leader must sign it off."
    )

    class Meta:
        abstract = True
        verbose_name = _("leader sign-off")
        verbose_name_plural = _("leader sign-offs")

    @classmethod
    def get_description(cls):
        return _(
            "A responsible leader of the submitting department signs off the version that "
            "passed the confidentiality review."
        )

    def passed_review(self, workflow_state, revision):
        """The approved confidentiality review of ``revision`` in this workflow whose
        content is still what the reviewer saw, or None."""
        from .findings import fingerprint

        review = (
            ConfidentialityReviewTaskState.objects.filter(
                workflow_state=workflow_state,
                status=TaskState.STATUS_APPROVED,
                revision=revision,
            )
            .order_by("-finished_at", "-id")
            .first()
        )
        if review is None or review.content_fingerprint != fingerprint(revision):
            return None
        return review

    def start(self, workflow_state, user=None):
        # Wagtail resumes a rejected workflow at the rejected step and may reach this
        # step with a revision the review never saw: then the review comes first.
        obj = content_object_of(workflow_state)
        revision = newest_revision(obj)
        review_task = self.review_task_of(workflow_state.workflow)
        if review_task is not None and self.passed_review(workflow_state, revision) is None:
            task_state = review_task.start(workflow_state, user=user)
            log_review_restarted(
                workflow_state,
                user,
                revision,
                self,
                review_task,
                gettext("This version has not passed the confidentiality review."),
            )
            return task_state
        return super().start(workflow_state, user=user)

    def prepare_state(self, task_state, workflow_state):
        super().prepare_state(task_state, workflow_state)
        task_state.confidentiality_review = self.passed_review(workflow_state, task_state.revision)

    def exclude_conflicts(self, states, user):
        return states.exclude(
            leadersignofftaskstate__confidentiality_review__finished_by=user
        )

    def step_duty_conflict(self, task_state, user):
        review = task_state.confidentiality_review
        if review is not None and review.finished_by_id == user.pk:
            return gettext(
                "Separation of duties: you carried out the confidentiality review of this "
                "version, so another responsible leader must sign it off."
            )
        return None

    def approve(self, task_state, user, form):
        workflow_state = task_state.workflow_state
        review = self.passed_review(workflow_state, task_state.revision)
        review_required = self.review_task_of(workflow_state.workflow) is not None
        if (review is None and review_required) or task_state.revision_id != newest_revision(
            content_object_of(workflow_state)
        ).pk:
            # The content changed after the review (or the review is missing): the
            # signature would cover content nobody reviewed.
            self.restart_review(
                workflow_state,
                user,
                gettext("The content changed after the confidentiality review."),
            )
            return
        comment = form.cleaned_data.get("comment", "")
        task_state.confidentiality_review = review
        task_state.finished_by_name = display_name(user)
        task_state.save(update_fields=["confidentiality_review", "finished_by_name"])
        task_state.approve(user=user, comment=comment)
        task_state.refresh_from_db()
        if not is_page(workflow_state):
            return  # the package's signals speak of pages; snippets stay in the audit log
        submission_signed_off.send(
            sender=type(self),
            page=type(content_object_of(workflow_state)).objects.get(pk=workflow_state.object_id),
            revision=task_state.revision,
            submitter=workflow_state.requested_by,
            reviewer=review.finished_by if review else None,
            leader=user,
            reviewed_at=review.finished_at if review else None,
            signed_at=task_state.finished_at,
            checklist=dict(review.checklist) if review else {},
            findings=list(review.findings) if review else [],
            review_comment=review.comment if review else "",
            comment=comment,
            department=department_of_revision(task_state.revision),
        )


# ---------------------------------------------------------------------------
# Concrete models


class ConfidentialityReviewTaskState(AbstractConfidentialityReviewTaskState):
    pass


class ConfidentialityReviewTask(AbstractConfidentialityReviewTask):
    pass


class LeaderSignOffTaskState(AbstractLeaderSignOffTaskState):
    pass


class LeaderSignOffTask(AbstractLeaderSignOffTask):
    pass


def users_who_may_act(task, obj):
    """Active users holding ``task.role`` in the department that acts on ``obj`` at this
    step: the submitting department, or the one the task names (``acting_department_id``)."""
    acting = getattr(task, "acting_department_id", None)
    department_id = acting(obj) if acting is not None else department_id_of(obj)
    if department_id is None:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(
        is_active=True,
        govinfo_roles__department_id=department_id,
        govinfo_roles__role=task.role,
    ).distinct()


__all__ = [
    "AbstractConfidentialityReviewTask",
    "AbstractConfidentialityReviewTaskState",
    "AbstractGovInfoReviewTask",
    "AbstractGovInfoTaskState",
    "AbstractLeaderSignOffTask",
    "AbstractLeaderSignOffTaskState",
    "ConfidentialityReviewTask",
    "ConfidentialityReviewTaskState",
    "LeaderSignOffTask",
    "LeaderSignOffTaskState",
]


# The drafting department's re-check of interpretations (第十二条), in its own module.
from .recheck import DraftingRecheckTask, DraftingRecheckTaskState  # noqa: E402,F401
