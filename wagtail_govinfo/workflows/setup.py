"""``govinfo_setup`` step of the workflows app: the two tasks, the default workflow
(政府网站信息发布流程 = 保密审核 → 分管负责人审核签字) and its assignment. Idempotent: tasks
are found by type, the workflow by name, and an existing assignment is left alone."""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page, Site, Workflow, WorkflowContentType, WorkflowMixin, WorkflowPage, WorkflowTask

from wagtail_govinfo.conf import govinfo_settings

from .models import ConfidentialityReviewTask, DraftingRecheckTask, LeaderSignOffTask


def _task(model, name):
    task = model.objects.filter(active=True).order_by("pk").first()
    if task is None:
        task = model.objects.create(name=name)
    return task


def default_workflow():
    """The default workflow with both steps in order, created if missing."""
    with translation.override(settings.LANGUAGE_CODE):
        review = _task(ConfidentialityReviewTask, _("Confidentiality review"))
        sign_off = _task(LeaderSignOffTask, _("Responsible leader sign-off"))
    workflow, created = Workflow.objects.get_or_create(
        name=govinfo_settings.WORKFLOW_NAME, defaults={"active": True}
    )
    present = set(workflow.workflow_tasks.values_list("task_id", flat=True))
    order = workflow.workflow_tasks.count()
    for task in (review, sign_off):
        if task.pk not in present:
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
            order += 1
    add_recheck(workflow)
    return workflow, created


def add_recheck(workflow):
    """Put the drafting department's 复核 (第十二条) right after 保密审核, once."""
    with translation.override(settings.LANGUAGE_CODE):
        recheck = _task(DraftingRecheckTask, _("Re-check by the drafting department"))
    links = list(workflow.workflow_tasks.order_by("sort_order", "pk").select_related("task"))
    if any(link.task_id == recheck.pk for link in links):
        return
    position = next(
        (i + 1 for i, link in enumerate(links) if isinstance(link.task.specific, ConfidentialityReviewTask)), 0
    )
    links.insert(position, WorkflowTask(workflow=workflow, task=recheck))
    for order, link in enumerate(links):
        link.sort_order = order
        link.save()


def snippet_models_with_review():
    """Models that can go through the review as snippets: Wagtail workflows and a
    ``submitting_department`` field."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, WorkflowMixin)
        and not issubclass(model, Page)
        and any(f.name == "submitting_department" for f in model._meta.get_fields())
    ]


def setup_workflow(stdout=None):
    workflow, created = default_workflow()
    assigned, kept = [], []
    for site in Site.objects.select_related("root_page"):
        existing = WorkflowPage.objects.filter(page=site.root_page).select_related("workflow").first()
        if existing is None:
            WorkflowPage.objects.create(page=site.root_page, workflow=workflow)
            assigned.append(str(site))
        elif existing.workflow_id != workflow.pk:
            kept.append(f"{site} ({existing.workflow.name})")
    for model in snippet_models_with_review():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})
    if stdout:
        message = _("Workflow “%(name)s” created.") if created else _("Workflow “%(name)s” in place.")
        stdout.write(message % {"name": workflow.name})
        if assigned:
            stdout.write(_("  Assigned to %(sites)s.") % {"sites": ", ".join(assigned)})
        for note in kept:
            stdout.write(_("  Site %(site)s keeps its own workflow.") % {"site": note})
