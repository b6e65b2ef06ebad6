"""The permission sweep: every admin URL and endpoint of the package, as every role.

The URLs are discovered from Django's URL resolver: every pattern whose view comes from
the package (``wagtail_govinfo.*``), or whose namespace is one of the package's admin
namespaces. A new view is swept automatically, and one missing from ``MATRIX`` fails the
test until its intended access is written down here.

Outcomes: ``ok`` is a 200, or a redirect that is not a refusal (e.g. a step that is not
possible in the message's present status sends back to the message); a refusal is a 403,
a 404, a redirect to the login page or Wagtail's "no permission" redirect to the admin
home. Anything else (a 500 above all) fails.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests import factories as f
from tests.attachments.files import image
from tests.ledger.conftest import sign_off
from wagtail_govinfo.interaction import handling
from wagtail_govinfo.ledger.models import PublicationLedgerEntry, SubmissionLedgerEntry
from wagtail_govinfo.ledger.setup import setup_ledgers
from wagtail_govinfo.models import (
    AllowListEntry,
    DepartmentRole,
    Leader,
    Proposal,
    ProposalKind,
    Report,
    Role,
    ScopeRequest,
    SensitiveWord,
    SubmissionToken,
)
from wagtail_govinfo.workflows.models import ConfidentialityReviewTaskState

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "editor", "other_editor", "reviewer", "leader", "principal", "operator", "auditor")
EVERYONE = set(ROLES)
NOBODY = set()
OPERATOR = {"operator"}
REPORT_READERS = {"operator", "auditor"}
LEDGER_READERS = {"operator", "auditor", "leader", "principal"}  # leaders: their departments'
MESSAGE_STAFF = {"operator", "auditor", "editor", "other_editor", "reviewer", "leader", "principal"}
FGW_MESSAGE_READERS = {"operator", "auditor", "editor", "reviewer", "leader", "principal"}

LEDGER = "wagtail_govinfo_ledger_{}_modeladmin_{}"

#: The intended access: URL name → the roles that get through.
MATRIX = {
    # Topics and reports (/admin/govinfo/).
    "govinfo_checks:topic_archive": {"operator", "editor", "leader"},  # the owners' editors and leaders
    "govinfo_checks:topic_restore": OPERATOR,
    "govinfo_checks:reports": REPORT_READERS,
    "govinfo_checks:report_download": REPORT_READERS,
    # Departments, roles and the screening dictionary: the platform operator's.
    **{f"govinfo_departments:{name}": OPERATOR for name in (
        "index", "index_results", "add", "edit", "delete", "history", "history_results", "usage", "copy")},
    **{f"govinfo_department_roles:{name}": OPERATOR for name in (
        "index", "index_results", "add", "edit", "delete", "history", "history_results", "usage", "copy")},
    # The role form's person chooser (finds people by name): the operator's.
    **{f"govinfo_person_chooser:{name}": OPERATOR for name in ("choose", "choose_results", "chosen", "chosen_multiple")},
    "govinfo_person_chooser:create": NOBODY,
    **{f"govinfo_sensitive_words:{name}": OPERATOR for name in (
        "index", "index_results", "add", "edit", "delete", "history", "history_results", "usage", "copy",
        "import")},
    **{f"govinfo_allow_list:{name}": OPERATOR for name in (
        "index", "index_results", "add", "edit", "delete", "history", "history_results", "usage", "copy")},
    # Citizen messages: a message assigned to fgw, its reply drafted by another fgw editor.
    "govinfo_messages:index": MESSAGE_STAFF,
    "govinfo_messages:index_results": MESSAGE_STAFF,
    "govinfo_messages:inspect": FGW_MESSAGE_READERS,
    "govinfo_messages:detail": FGW_MESSAGE_READERS,
    "govinfo_messages:moderate": OPERATOR,
    "govinfo_messages:assign": OPERATOR,
    "govinfo_messages:reply": {"editor"},
    "govinfo_messages:review": {"reviewer", "leader"},
    "govinfo_messages:publish": {"operator", "reviewer", "leader"},
    # Ledgers: read by the operator, auditors and the department's leaders; never written.
    LEDGER.format("submissionledgerentry", "index"): LEDGER_READERS,
    LEDGER.format("submissionledgerentry", "inspect"): LEDGER_READERS,
    LEDGER.format("publicationledgerentry", "index"): LEDGER_READERS,
    **{LEDGER.format(model, action): NOBODY
       for model in ("submissionledgerentry", "publicationledgerentry") for action in ("create", "edit", "delete")},
    # Page actions outside the workflow: 撤稿 (operator, the submitting department's leaders
    # and principals) and 紧急发布 (operator only); the "already decided" notice of a step
    # (a confidentiality review: its reviewers, and the operator).
    "govinfo_checks:withdraw": {"operator", "leader", "principal"},
    "govinfo_workflows:emergency": OPERATOR,
    "govinfo_workflows:already_decided": {"operator", "reviewer"},
    # Out-of-scope requests (第二十三条): a fgw request. Editors file; the department's
    # editors, leaders and principals, the operator and auditors read.
    "govinfo_articles:scope_requests": {"operator", "auditor", "editor", "other_editor", "leader", "principal"},
    "govinfo_articles:scope_request_create": {"editor", "other_editor"},
    "govinfo_articles:scope_request": {"operator", "auditor", "editor", "leader", "principal"},
    # Proposals (第二十一、二十四条): a fgw proposal; editors, leaders, principals propose.
    "govinfo_articles:proposals": {"operator", "auditor", "editor", "other_editor", "leader", "principal"},
    "govinfo_articles:proposal_create": {"editor", "other_editor", "leader", "principal"},
    "govinfo_articles:proposal": {"operator", "auditor", "editor", "leader", "principal"},
    # Submission client tokens: the operator's (revoke is POST-only, swept with a POST).
    "govinfo_articles:submission_tokens": OPERATOR,
    "govinfo_articles:submission_token_create": OPERATOR,
    "govinfo_articles:submission_token_revoke": OPERATOR,
    # Wagtail's users admin with the package's limited forms: the operator's.
    "wagtailusers_users:add": OPERATOR,
    "wagtailusers_users:edit": OPERATOR,
    # Submission API: a client token only; a session, whoever's, is refused (401).
    **{f"wagtail_govinfo:submission_{name}": NOBODY for name in ("columns", "pages", "page", "submit", "publish")},
    # Public endpoints.
    "wagtailapi:leaders:listing": EVERYONE,
    "wagtailapi:leaders:detail": EVERYONE,
    "wagtailapi:leaders:find": EVERYONE,
    "wagtail_govinfo:messages": EVERYONE,
    "wagtail_govinfo:message_status": EVERYONE,
    "wagtailapi:pages:listing": EVERYONE,
    "wagtailapi:pages:detail": EVERYONE,
    "wagtailapi:pages:find": EVERYONE,
    "wagtailapi:disclosure:listing": EVERYONE,
    "wagtailapi:disclosure:detail": EVERYONE,
    "wagtailapi:disclosure:find": EVERYONE,
    "wagtailapi:documents:listing": EVERYONE,
    "wagtailapi:documents:detail": EVERYONE,
    "wagtailapi:documents:find": EVERYONE,
    "wagtailapi:images:listing": EVERYONE,
    "wagtailapi:images:detail": EVERYONE,
    "wagtailapi:images:find": EVERYONE,
    "govinfo_openapi_schema": EVERYONE,
    # MEDIA_URL, swept with an image no live content uses: shown to the staff who may choose
    # it (every role holder, the operator); the public and the auditors get a 404.
    "govinfo_media": {"editor", "other_editor", "reviewer", "leader", "principal", "operator"},
}

#: Views that answer only POST: swept with an empty POST (a GET would be a 405 for all).
POST_ONLY = {
    "govinfo_articles:submission_token_revoke",
    "wagtail_govinfo:submission_pages",
    "wagtail_govinfo:submission_submit",
    "wagtail_govinfo:submission_publish",
}

PACKAGE_NAMESPACES = ("govinfo_", "wagtail_govinfo")


def _view_module(callback):
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view_class is not None:
        return view_class.__module__
    owner = getattr(callback, "__self__", None)  # a ModelAdmin's bound view method
    if owner is not None:
        return type(owner).__module__
    return getattr(callback, "__module__", "")


def package_urls():
    """``{name: pattern}`` of every URL of the package, found in the resolver."""
    found = {}

    def walk(patterns, namespaces):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, namespaces + ([pattern.namespace] if pattern.namespace else []))
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = ":".join([*namespaces, pattern.name])
                module = _view_module(pattern.callback)
                in_namespace = any(ns.startswith(PACKAGE_NAMESPACES) for ns in namespaces)
                if module.startswith("wagtail_govinfo") or in_namespace or pattern.name.startswith("wagtail_govinfo_"):
                    found[name] = pattern

    walk(get_resolver().url_patterns, [])
    return found


@pytest.fixture
def world(setup_roles, django_capture_on_commit_callbacks):
    setup_ledgers()
    fgw, jyj = f.department("fgw", "市发改委"), f.department("jyj", "市教育局")
    people = {
        "anonymous": None,
        "editor": f.editor(fgw, username="editor"),
        "other_editor": f.editor(jyj, username="other_editor"),
        "reviewer": f.reviewer(fgw, username="reviewer"),
        "leader": f.leader(fgw, username="leader"),
        "principal": f.user("principal", roles=[(fgw, Role.PRINCIPAL)]),
        "operator": f.user("operator", operator=True),
        "auditor": f.user("auditor", auditor=True),
    }
    drafter = f.editor(fgw, username="drafter")
    column = f.column(departments=[fgw], title="发改动态")
    topic = f.topic(f.site_root(), owners=[fgw], title="专题")
    page = f.info_page(column, department=fgw, title="已发布信息", category="proactive_disclosure")
    sign_off(page, reviewer=people["reviewer"], leader=people["leader"], submitter=people["editor"])
    message = handling.receive(kind="consultation", subject="咨询", body="请问", sender_name="张三",
                               sender_contact="13912345678")
    handling.accept(message, people["operator"], public_subject="咨询", public_body="请问")
    handling.assign(message, people["operator"], department=fgw)
    handling.draft_reply(message, drafter, reply="答复")
    report = Report.objects.create(kind="quarterly", period="2026Q3", created_at=timezone.now(),
                                   file=ContentFile(b"xlsx", name="quarterly-2026Q3.xlsx"))
    word = SensitiveWord.objects.create(word="敏感词")
    allowed_word = AllowListEntry.objects.create(word="兼职人员")
    role = DepartmentRole.objects.get(user=people["editor"])
    scope_request = ScopeRequest.objects.create(
        department=fgw, column=column, title="栏目外信息", wanted_on=timezone.localdate(), reason="理由",
        filed_by=people["editor"],
    )
    proposal = Proposal.objects.create(department=fgw, kind=ProposalKind.TOPIC, title="新专题", description="说明",
                                       filed_by=people["editor"])
    token, _raw = SubmissionToken.issue(department=fgw, client_name="多媒体报送系统", acting_user=people["editor"])
    leader_profile = Leader.objects.create(family_name="李", given_name="明", post="市长",
                                           submitting_department=fgw, live=True)
    review_step = ConfidentialityReviewTaskState.objects.filter(workflow_state__object_id=str(page.pk)).first()
    objects = {
        "govinfo_checks:topic": topic.pk,
        "govinfo_checks:report": report.pk,
        "govinfo_departments": fgw.pk,
        "govinfo_department_roles": role.pk,
        "govinfo_sensitive_words": word.pk,
        "govinfo_allow_list": allowed_word.pk,
        "govinfo_messages": message.pk,
        "submissionledgerentry": SubmissionLedgerEntry.objects.order_by("pk").first().pk,
        "publicationledgerentry": (PublicationLedgerEntry.objects.first() or SubmissionLedgerEntry.objects.get()).pk,
        "wagtailapi:pages": page.pk,
        "wagtailapi:disclosure": page.pk,
        "wagtailapi:documents": 1,
        "wagtailapi:images": 1,
        "govinfo_media": image("未发布图片").file.name,
        "wagtailapi:leaders": leader_profile.pk,
        "govinfo_checks:withdraw": page.pk,
        "govinfo_workflows:emergency": page.pk,
        "govinfo_workflows:already_decided": review_step.pk,
        "govinfo_articles:scope_request": scope_request.pk,
        "govinfo_articles:proposal": proposal.pk,
        "govinfo_articles:submission_token_revoke": token.pk,
        "wagtailusers_users": people["editor"].pk,
        "govinfo_person_chooser": people["editor"].pk,
        "wagtail_govinfo": page.pk,
    }
    return {"people": people, "objects": objects, "message": message, "page": page}


def url_for(name, pattern, world):
    wanted = set(pattern.pattern.regex.groupindex)
    if not wanted:
        return reverse(name)
    if name == "wagtail_govinfo:message_status":
        return reverse(name, kwargs={"tracking_code": world["message"].tracking_code})
    if name in world["objects"]:
        key = name
    elif name.startswith("govinfo_checks:"):
        key = "govinfo_checks:topic" if "topic" in name else "govinfo_checks:report"
    elif name.startswith("wagtail_govinfo_ledger_"):
        key = name.split("_")[3]
    else:
        key = name.rsplit(":", 1)[0]
    pk = world["objects"][key]
    return reverse(name, kwargs={arg: pk for arg in wanted})


def outcome(response):
    if response.status_code == 200:
        return "ok"
    if response.status_code in (401, 403, 404):
        return "refused"
    if response.status_code in (301, 302):
        target = response.url
        if target.startswith(reverse("wagtailadmin_login")) or target == reverse("wagtailadmin_home"):
            return "refused"
        return "ok"
    return f"status {response.status_code}"


def test_every_url_of_the_package_is_in_the_matrix():
    names = set(package_urls())
    assert names - set(MATRIX) == set(), "views without an intended access: add them to MATRIX"
    assert set(MATRIX) - names == set(), "MATRIX names URLs that no longer exist"


def test_every_url_as_every_role(client, world):
    urls = package_urls()
    page = world["page"]
    mismatches = []
    for role in ROLES:
        user = world["people"][role]
        client.logout()
        if user is not None:
            client.force_login(user)
        for name, pattern in sorted(urls.items()):
            url = url_for(name, pattern, world)
            params = {"html_path": page.url_path.split("/", 2)[-1]} if name.endswith(":find") else {}
            response = client.post(url, params) if name in POST_ONLY else client.get(url, params)
            got = outcome(response)
            if name.endswith(":find") or name in ("wagtailapi:documents:detail", "wagtailapi:images:detail"):
                got = "ok" if response.status_code in (200, 302, 404) else got  # 404: nothing to find
            expected = "ok" if role in MATRIX.get(name, set()) else "refused"
            if got != expected:
                mismatches.append(f"{role:13} {name:70} expected {expected}, got {got} ({response.status_code})")
    assert not mismatches, "\n" + "\n".join(mismatches)
