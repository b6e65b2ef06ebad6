"""``govinfo_demo`` step of the workflows app: pages of 市发改委 left in each state of
the review (in 保密审核, awaiting sign-off, returned, signed and published), acted on by
the demo users ``editor``, ``reviewer`` and ``leader``. Pages are found by slug, so a
second run changes nothing."""

import datetime

from wagtail_govinfo.models import InfoCategory, InfoPage, InfoType

from ..checklist import CHECKLIST_KEYS
from .setup import setup_workflow
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(first17):
    """``first17`` completed with its GB 11643 check digit."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS))
    return first17 + "10X98765432"[total % 11]


#: What each demo state means, for the demo's output.
STATE_LABELS = {
    "in_review": gettext_lazy("waiting for the confidentiality review"),
    "awaiting_sign_off": gettext_lazy("waiting for the leader's sign-off"),
    "returned": gettext_lazy("returned for changes"),
    "published": gettext_lazy("signed off and published"),
}

#: (slug, title, body, state)
PAGES = [
    (
        "fgw-review-pending",
        "市发改委关于开展2026年度重点项目申报工作的通知",
        "<p>请各县（市）区发改部门于12月10日前报送2026年度重点项目申报材料。</p>",
        "in_review",
    ),
    (
        "fgw-sign-off-pending",
        "市发改委召开民营经济发展座谈会",
        "<p>座谈会听取了12家民营企业代表的意见建议。</p>",
        "awaiting_sign_off",
    ),
    (
        "fgw-returned",
        "市发改委公布价格举报处理结果",
        f"<p>举报人张某（身份证号{id_number('22030219800101123')}）反映的问题已核查处理。</p>",
        "returned",
    ),
    (
        "fgw-signed-off",
        "市发改委发布2026年第三季度价格监测报告",
        "<p>第三季度全市居民消费价格总体平稳。</p>",
        "published",
    ),
]


def _act(page, user, action, **data):
    task_state = page.current_workflow_task_state
    task = task_state.task.specific
    task.on_action(task_state, user, action, state_id=task_state.pk, **data)


def review_and_publish(page, *, submitter, reviewer, leader, comment="同意发布。"):
    """Run ``page``'s newest content through both steps of the default workflow, as
    ``reviewer`` and ``leader`` acting in the admin would (``on_action``); the finish
    action publishes the signed revision. Returns the workflow state."""
    from .findings import fingerprint
    from .setup import default_workflow

    page = type(page.specific).objects.get(pk=page.pk)
    if page.workflow_in_progress:
        page.current_workflow_state.cancel(user=submitter)
        page = type(page).objects.get(pk=page.pk)
    from .models import AbstractGovInfoReviewTask

    workflow = page.get_workflow()
    if workflow is None or not any(
        isinstance(task, AbstractGovInfoReviewTask) for task in workflow.tasks.specific()
    ):
        workflow = default_workflow()[0]
    state = workflow.start(page, submitter)
    for user, data in (
        (reviewer, {"checklist": list(CHECKLIST_KEYS), "comment": ""}),
        (leader, {"confirm": True, "comment": comment}),
    ):
        state.refresh_from_db()
        task_state = state.current_task_state
        task_state.task.specific.on_action(
            task_state, user, "approve",
            state_id=task_state.pk, fingerprint=fingerprint(task_state.revision), **data,
        )
    state.refresh_from_db()
    return state


#: Family names of the reviewers and leaders the demo creates for departments its own
#: accounts do not cover.
DEMO_FAMILY_NAMES = "周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"


def demo_signers(department):
    """The demo's reviewer and leader of ``department`` (created for departments the
    demo users do not cover)."""
    from django.contrib.auth import get_user_model

    from wagtail_govinfo.models import DepartmentRole, Role

    found = []
    for role, prefix in ((Role.REVIEWER, "reviewer"), (Role.LEADER, "leader")):
        holder = (
            DepartmentRole.objects.filter(department=department, role=role, user__is_active=True)
            .order_by("user_id")
            .select_related("user")
            .first()
        )
        if holder is None:
            # A person's name (姓名) like the other demo accounts', e.g. 周保密 / 周分管.
            family = DEMO_FAMILY_NAMES[department.pk % len(DEMO_FAMILY_NAMES)]
            user, _created = get_user_model().objects.get_or_create(
                username=f"{prefix}_{department.code}",
                defaults={
                    "last_name": family,
                    "first_name": "保密" if role == Role.REVIEWER else "分管",
                    "email": f"{prefix}_{department.code}@gov.example.cn",
                },
            )
            DepartmentRole.objects.get_or_create(user=user, department=department, role=role)
            found.append(user)
        else:
            found.append(holder.user)
    return found


def publish_demo_page(page, submitter=None):
    """``govinfo_demo_publish`` hook: demo content goes online through the review."""
    reviewer, leader = demo_signers(page.specific.submitting_department)
    review_and_publish(page, submitter=submitter, reviewer=reviewer, leader=leader)
    return True


def load_demo(stdout, demo):
    setup_workflow()
    column = demo.columns["news"]
    editor, reviewer, leader = (demo.users[u] for u in ("editor", "reviewer", "leader"))
    department = demo.departments["fgw"]
    for slug, title, body, state in PAGES:
        if InfoPage.objects.child_of(column).filter(slug=slug).exists():
            continue
        page = InfoPage(
            title=title,
            slug=slug,
            info_type=InfoType.TEXT,
            category=InfoCategory.DEPARTMENT_NEWS,
            source_author="市发改委 李信息",
            written_on=datetime.date(2026, 11, 2),
            submitting_department=department,
            body=[("rich_text", body)],
            live=False,
            owner=editor,
        )
        column.add_child(instance=page)
        page.save_revision(user=editor, log_action=True)
        page.get_workflow().start(page, editor)
        page = InfoPage.objects.get(pk=page.pk)
        if state == "returned":
            _act(page, reviewer, "reject", reason="正文含有举报人的身份证号，请删除或屏蔽后重新报送。")
        elif state in ("awaiting_sign_off", "published"):
            _act(page, reviewer, "approve", checklist=list(CHECKLIST_KEYS), comment="")
            if state == "published":
                page = InfoPage.objects.get(pk=page.pk)
                _act(page, leader, "approve", confirm=True, comment="同意发布。")
        if stdout:
            stdout.write(
                _("Review demo: “%(title)s” (%(state)s).") % {"title": title, "state": STATE_LABELS[state]}
            )
