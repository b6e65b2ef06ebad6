"""Demo data for ``govinfo_demo``: departments of 第十条, a column tree, one user per role,
and a few pages of each type. Every step is get-or-create, so running it twice changes
nothing. Sub-apps add their demo data through the ``govinfo_demo`` hook, a callable
taking ``stdout`` and the ``DemoSite`` built here."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from wagtail import hooks
from wagtail.models import Page, Site

from .models import (
    ColumnKind,
    ColumnPage,
    Department,
    DepartmentKind,
    DepartmentRole,
    DisclosureIndexPage,
    InfoCategory,
    InfoPage,
    InfoType,
    InterpretationForm,
    InterpretationPage,
    PolicyDocumentPage,
    Role,
    TopicPage,
)
from .publication import requires_sign_off
from .roles import auditor_group, operator_group

K = DepartmentKind
#: (code, name, kind). The 市情 providers of 第十条 come first.
DEPARTMENTS = [
    ("szfb", "市政府办公室", K.GENERAL_OFFICE),
    ("fgw", "市发改委", K.BUREAU),
    ("jyj", "市教育局", K.BUREAU),
    ("kjj", "市科技局", K.BUREAU),
    ("gxj", "市工信局", K.BUREAU),
    ("mw", "市民委", K.BUREAU),
    ("zrzyj", "市自然资源局", K.BUREAU),
    ("sthjj", "市生态环境局", K.BUREAU),
    ("zjj", "市住建局", K.BUREAU),
    ("jtj", "市交通局", K.BUREAU),
    ("slj", "市水利局", K.BUREAU),
    ("nyncj", "市农业农村局", K.BUREAU),
    ("swj", "市商务局", K.BUREAU),
    ("wglj", "市文广旅局", K.BUREAU),
    ("wjw", "市卫健委", K.BUREAU),
    ("ybj", "市医保局", K.BUREAU),
    ("lyj", "市林业局", K.BUREAU),
    ("tjj", "市统计局", K.BUREAU),
    ("zsj", "市政数局", K.BUREAU),
    ("dfz", "市地方志编纂委员会", K.OTHER),
    ("tdq", "铁东区人民政府", K.COUNTY),
    ("hzkfq", "红嘴经济技术开发区管委会", K.DEVELOPMENT_ZONE),
]
CITY_PROFILE_PROVIDERS = [code for code, _, _ in DEPARTMENTS[:18]]

#: (slug, title, kind, responsible department codes)
COLUMNS = [
    ("news", "动态要闻", ColumnKind.NEWS, ["szfb", "fgw", "tdq"]),
    ("notices", "通知公告", ColumnKind.NOTICE, ["szfb", "fgw"]),
    ("policies", "政策文件", ColumnKind.POLICY, ["szfb"]),
    ("interpretations", "解读", ColumnKind.INTERPRETATION, ["szfb", "fgw"]),
    ("topics", "专题", ColumnKind.TOPIC, ["zsj"]),
    ("interaction", "互动交流", ColumnKind.INTERACTION, ["szfb", "zsj"]),
    ("open-data", "数据开放", ColumnKind.OPEN_DATA, ["tjj"]),
    ("services", "网上办事", ColumnKind.SERVICES, ["zsj"]),
    ("city-profile", "市情概况", ColumnKind.CITY_PROFILE, CITY_PROFILE_PROVIDERS),
    ("history", "市政府志、历史人文", ColumnKind.OTHER, ["dfz"]),
    ("education", "教育", ColumnKind.NEWS, ["jyj"]),
]

#: (username, display name, department code or None, roles, site-wide group)
USERS = [
    ("editor", "李信息", "fgw", [Role.EDITOR], None),
    ("reviewer", "王保密", "fgw", [Role.REVIEWER], None),
    ("leader", "赵分管", "fgw", [Role.LEADER], None),
    ("principal", "钱主要", "fgw", [Role.PRINCIPAL], None),
    ("edu_editor", "孙教育", "jyj", [Role.EDITOR], None),
    ("operator", "周运维", None, [], "operator"),
    ("auditor", "吴审计", None, [], "auditor"),
]
DEFAULT_PASSWORD = "govinfo-demo"
SITE_NAME = "四平市人民政府网站"


@dataclass
class DemoSite:
    root: Page
    departments: dict = field(default_factory=dict)
    columns: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)


def child(parent, model, slug, **fields):
    """Get or create (and publish) the ``model`` page ``slug`` under ``parent``."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is not None:
        return page
    m2m = {k: fields.pop(k) for k in list(fields) if k in ("responsible_departments", "owner_departments")}
    page = model(slug=slug, live=False, **fields)
    parent.add_child(instance=page)
    for name, values in m2m.items():
        getattr(page, name).set(values)
    revision = page.save_revision()
    if requires_sign_off(page):
        # Content goes online through the review (the workflows app answers the hook);
        # without it, the page stays a draft.
        for publish in hooks.get_hooks("govinfo_demo_publish"):
            if publish(page):
                break
    else:
        revision.publish()
    page.refresh_from_db()
    return page


def build(password=DEFAULT_PASSWORD):
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    demo = DemoSite(root=site.root_page.specific)
    if site.site_name != SITE_NAME:
        site.site_name = SITE_NAME
        site.save()
    root = demo.root
    if root.title != SITE_NAME and type(root) is Page:
        # Wagtail's initial page ("Welcome to your new Wagtail site!") is the site's home:
        # renamed in place (not republished: that would be a ledger entry).
        Page.objects.filter(pk=root.pk).update(title=SITE_NAME, draft_title=SITE_NAME)
        revision = root.latest_revision
        if revision is not None and isinstance(revision.content, dict):
            revision.content["title"] = revision.content["draft_title"] = SITE_NAME
            revision.save(update_fields=["content"])
        root.refresh_from_db()

    for code, name, kind in DEPARTMENTS:
        demo.departments[code], _ = Department.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind}
        )
    d = demo.departments

    User = get_user_model()
    for username, display, dept_code, roles, group in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": display[1:], "last_name": display[0], "email": f"{username}@gov.example.cn"},
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.save()
        for role in roles:
            DepartmentRole.objects.get_or_create(user=user, department=d[dept_code], role=role)
        if group == "operator":
            user.groups.add(operator_group())
        elif group == "auditor":
            user.groups.add(auditor_group())
        demo.users[username] = user
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_superuser": True, "is_staff": True, "email": "admin@gov.example.cn"}
    )
    if created or not admin.check_password(password):
        admin.set_password(password)
        admin.save()
    demo.users["admin"] = admin

    for slug, title, kind, codes in COLUMNS:
        demo.columns[slug] = child(
            demo.root, ColumnPage, slug, title=title, column_kind=kind,
            responsible_departments=[d[c] for c in codes],
        )
    disclosure = child(demo.root, DisclosureIndexPage, "disclosure", title="政府信息公开")
    demo.columns["disclosure-proactive"] = child(
        disclosure, ColumnPage, "proactive", title="法定主动公开内容",
        column_kind=ColumnKind.DISCLOSURE, responsible_departments=list(d.values()),
    )
    _pages(demo)
    return demo


def _pages(demo):
    d, c = demo.departments, demo.columns
    today = datetime.date(2026, 11, 2)
    demo.pages["news"] = child(
        c["news"], InfoPage, "fgw-investment-meeting", title="市发改委召开重大项目推进会",
        info_type=InfoType.TEXT, category=InfoCategory.DEPARTMENT_NEWS, source_author="市发改委 李信息",
        written_on=today, submitting_department=d["fgw"],
        body=[("rich_text", "<p>会议通报了全市重大项目建设进展。</p>")],
    )
    demo.pages["meeting"] = child(
        c["news"], InfoPage, "executive-meeting", title="市政府召开第十二次常务会议",
        info_type=InfoType.TEXT, category=InfoCategory.MEETING, source_author="市政府办公室",
        written_on=today, submitting_department=d["szfb"],
        body=[("rich_text", "<p>会议研究了优化营商环境等事项。</p>")],
    )
    demo.pages["disclosed"] = child(
        c["disclosure-proactive"], InfoPage, "fgw-budget-2026", title="市发改委2026年部门预算公开",
        info_type=InfoType.TABLE, category=InfoCategory.PROACTIVE_DISCLOSURE, source_author="市发改委",
        written_on=today, submitting_department=d["fgw"],
        body=[("table", {"data": [["项目", "金额（万元）"], ["基本支出", "1200"]], "first_row_is_table_header": True})],
    )
    demo.pages["data"] = child(
        c["open-data"], InfoPage, "gdp-2026q3", title="2026年前三季度全市经济运行情况",
        info_type=InfoType.DATA, category=InfoCategory.DATA, source_author="市统计局",
        written_on=today, submitting_department=d["tjj"],
        body=[("rich_text", "<p>前三季度全市地区生产总值同比增长5.1%。</p>")],
    )
    policy = child(
        c["policies"], PolicyDocumentPage, "measures-2020-12",
        title="四平市人民政府网站信息发布管理办法",
        issuing_authority="四平市人民政府办公室", published_on=datetime.date(2020, 4, 15),
        document_number="四政办函〔2020〕12号", effective_on=datetime.date(2020, 4, 15),
        legal_level="normative_document", validity="in_force", subject="机关工作",
        submitting_department=d["szfb"], body="<p>第一条 为充分发挥四平市人民政府网站的作用……</p>",
    )
    demo.pages["policy"] = policy
    demo.pages["interpretation_text"] = child(
        c["interpretations"], InterpretationPage, "measures-2020-12-text", title="《四平市人民政府网站信息发布管理办法》政策解读",
        policy_document=policy, drafting_department=d["szfb"], form=InterpretationForm.TEXT,
        submitting_department=d["szfb"], body=[("rich_text", "<p>一、制定背景……</p>")],
    )
    demo.pages["interpretation_graphic"] = child(
        c["interpretations"], InterpretationPage, "measures-2020-12-graphic", title="图解：政府网站信息发布管理办法",
        policy_document=policy, drafting_department=d["szfb"], form=InterpretationForm.GRAPHIC,
        submitting_department=d["szfb"], body=[("rich_text", "<p>一图读懂信息发布流程。</p>")],
    )
    topic = child(
        c["topics"], TopicPage, "business-environment", title="优化营商环境专题",
        owner_departments=[d["fgw"]], submitting_department=d["fgw"], intro="全市优化营商环境工作动态。",
    )
    demo.pages["topic"] = topic
    demo.pages["topic_news"] = child(
        topic, InfoPage, "one-window", title="“一窗通办”改革全面推开",
        info_type=InfoType.TEXT, category=InfoCategory.DEPARTMENT_NEWS, source_author="市发改委",
        written_on=today, submitting_department=d["fgw"],
        body=[("rich_text", "<p>全市政务服务大厅实现“一窗通办”。</p>")],
    )
    demo.pages["warned_topic"] = child(
        c["topics"], TopicPage, "old-town-renewal", title="老城区更新改造专题",
        owner_departments=[d["fgw"]], submitting_department=d["fgw"], intro="老城区更新改造工作进展。",
    )
    demo.pages["stale_topic"] = child(
        c["topics"], TopicPage, "flood-season-2026", title="2026年防汛专题",
        owner_departments=[d["slj"]], submitting_department=d["slj"], intro="防汛工作动态。",
    )
