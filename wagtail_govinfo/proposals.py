"""Proposals of new topics, new columns and redesigns (第二十一、二十四条).

A department (its editor, principal or responsible leader) proposes; the platform
operator (市政数局) approves or declines with a reason. Approving a topic creates the
topic under the topics column named, with the proposing department as its owner (it
is authorised to publish and maintain it, 经授权由相关部门负责发布、维护) and the
proposal as the record of co-building; the topic's life cycle (warning, revocation after
7 days without update, archive) applies from its publication on. Approving a new
column creates the column with the department responsible for it. A redesign is a
decision the operator then carries out. Every step is in the audit log.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from .models import ColumnKind, ColumnPage, Department, Proposal, ProposalKind, ProposalStatus, Role, TopicPage
from .roles import is_auditor, is_operator

LOG_FILED = "wagtail_govinfo.proposal.filed"
LOG_APPROVED = "wagtail_govinfo.proposal.approved"
LOG_DECLINED = "wagtail_govinfo.proposal.declined"
LOG_CO_BUILT = "wagtail_govinfo.proposal.co_built"  # on the page created

LOG_ACTIONS = [
    (LOG_FILED, gettext_lazy("File proposal"), gettext_lazy("Proposal filed")),
    (LOG_APPROVED, gettext_lazy("Approve proposal"), gettext_lazy("Proposal approved by the platform operator")),
    (LOG_DECLINED, gettext_lazy("Decline proposal"), gettext_lazy("Proposal declined by the platform operator")),
    (LOG_CO_BUILT, gettext_lazy("Create from proposal"), gettext_lazy("Created from a department's approved proposal")),
]

PROPOSER_ROLES = (Role.EDITOR, Role.LEADER, Role.PRINCIPAL)


def proposer_departments(user):
    return Department.objects.filter(
        is_active=True, roles__user=user, roles__role__in=PROPOSER_ROLES
    ).distinct()


def may_file(user):
    return user.is_authenticated and user.is_active and proposer_departments(user).exists()


def may_decide(user):
    return user.is_authenticated and user.is_active and is_operator(user)


def may_see_list(user):
    return user.is_authenticated and user.is_active and (
        is_operator(user) or is_auditor(user) or proposer_departments(user).exists()
    )


def visible_proposals(user):
    proposals = Proposal.objects.select_related("department", "parent", "target", "filed_by")
    if is_operator(user) or is_auditor(user):
        return proposals
    return proposals.filter(department__in=proposer_departments(user))


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["department", "kind", "title", "description", "parent", "column_kind", "target", "phase_end_date"]
        widgets = {"phase_end_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        departments = proposer_departments(user)
        self.fields["department"].queryset = departments
        if departments.count() == 1:
            self.fields["department"].initial = departments.first().pk
        columns = ColumnPage.objects.live().order_by("path")
        self.fields["parent"].queryset = columns
        self.fields["target"].queryset = columns

    def clean(self):
        cleaned = super().clean()
        kind, parent = cleaned.get("kind"), cleaned.get("parent")
        if kind == ProposalKind.TOPIC:
            if parent is None or parent.column_kind != ColumnKind.TOPIC:
                self.add_error("parent", _("Choose the topics column (专题) the new topic goes under."))
        elif kind == ProposalKind.COLUMN:
            if parent is None:
                self.add_error("parent", _("Choose the column the new column goes under."))
            if not cleaned.get("column_kind"):
                self.add_error("column_kind", _("Choose the kind of the new column."))
        elif kind == ProposalKind.REDESIGN and cleaned.get("target") is None:
            self.add_error("target", _("Choose the column to redesign."))
        return cleaned


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("refuse", "refuse")])
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": gettext_lazy("Give the reason for the decision: the department reads it.")})


def _log(proposal, action, user, **data):
    log(
        instance=proposal,
        action=action,
        user=user,
        data={"department": proposal.department.code, "kind": proposal.kind, "title": proposal.title, **data},
    )


@transaction.atomic
def file_proposal(form, user):
    proposal = form.save(commit=False)
    if proposal.department not in proposer_departments(user):
        raise PermissionDenied
    proposal.filed_by, proposal.filed_at = user, timezone.now()
    proposal.status = ProposalStatus.SUBMITTED
    proposal.save()
    _log(proposal, LOG_FILED, user, description=proposal.description)
    return proposal


def _create_page(proposal, user):
    """The topic or column an approved proposal creates, published, with its owners.

    The new page is the operator's structure (the shell the operator approved), so it
    names no submitting department and is not under the publication gate; the proposing
    department is its owner (co-builder) and everything published inside it goes through
    the review chain."""
    from .permissions import sync_page_permissions

    parent = proposal.parent.specific
    slug_base = f"{proposal.kind}-{proposal.pk}"
    if proposal.kind == ProposalKind.TOPIC:
        page = TopicPage(
            title=proposal.title, slug=slug_base, intro=proposal.description,
            phase_end_date=proposal.phase_end_date, owner=user,
        )
        parent.add_child(instance=page)
        page.owner_departments.set([proposal.department])
    else:
        page = ColumnPage(
            title=proposal.title, slug=slug_base, intro=proposal.description,
            column_kind=proposal.column_kind or ColumnKind.OTHER, owner=user,
        )
        parent.add_child(instance=page)
        page.responsible_departments.set([proposal.department])
    page.save_revision(user=user, log_action=True).publish(user=user)
    page = type(page).objects.get(pk=page.pk)
    sync_page_permissions(page)
    log(
        instance=page,
        action=LOG_CO_BUILT,
        user=user,
        data={"proposal": proposal.pk, "department": proposal.department.code, "title": proposal.title},
    )
    return page


@transaction.atomic
def decide(proposal, user, approve, reason):
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("department", "parent").get(pk=proposal.pk)
    if not may_decide(user):
        raise PermissionDenied(_("Only the platform operator can decide on a proposal."))
    if proposal.status != ProposalStatus.SUBMITTED:
        raise PermissionDenied(_("This proposal has already been decided."))
    proposal.status = ProposalStatus.APPROVED if approve else ProposalStatus.DECLINED
    proposal.decided_by, proposal.decided_at = user, timezone.now()
    proposal.decision_reason = reason
    if approve and proposal.kind in (ProposalKind.TOPIC, ProposalKind.COLUMN):
        if proposal.parent is None:
            raise PermissionDenied(_("The column this proposal goes under no longer exists."))
        proposal.created_page = _create_page(proposal, user)
    proposal.save()
    _log(
        proposal, LOG_APPROVED if approve else LOG_DECLINED, user, reason=reason,
        page=proposal.created_page_id,
    )
    return proposal
