"""Demo citizen messages for ``govinfo_demo``: one in each interesting state, handled
by the demo's 市发改委 accounts. Each is identified by a fixed tracking code and made
only once, so running the demo again changes nothing."""

import datetime

from django.utils import timezone
from wagtail.log_actions import log

from . import handling
from .models import CitizenMessage, MessageKind
from django.utils.translation import gettext as _

#: (tracking code, kind, days ago received, subject, body, sender, final step)
MESSAGES = [
    (
        "DEMO-RECV-2026-0001", MessageKind.CONSULTATION, 0,
        "城乡居民医保缴费时间咨询",
        "请问2027年度城乡居民医保什么时候开始缴费？我的身份证号是220302198506123419，"
        "手机13912345678，麻烦告知。",
        ("张先生", "13912345678"), "received",
    ),
    (
        "DEMO-REJE-2026-0002", MessageKind.COMPLAINT, 2,
        "广告：低价办证",
        "专业办理各类证件，联系QQ群。",
        ("匿名", "none@example.cn"), "rejected",
    ),
    (
        "DEMO-OVER-2026-0003", MessageKind.CONSULTATION, 20,
        "重大项目申报材料清单咨询",
        "企业申报市级重大项目需要准备哪些材料？在哪里提交？",
        ("李女士", "li@example.cn"), "assigned",
    ),
    (
        "DEMO-DRFT-2026-0004", MessageKind.SUGGESTION, 1,
        "建议公开项目审批进度",
        "建议在网站上公开重大项目审批进度，方便企业查询。",
        ("王先生", "13800000000"), "reply_drafted",
    ),
    (
        "DEMO-PUBL-2026-0005", MessageKind.CONSULTATION, 3,
        "政府投资项目可行性研究报告审批时限",
        "政府投资项目的可行性研究报告审批一般需要多长时间？",
        ("赵先生", "zhao@example.cn"), "published",
    ),
]

REPLIES = {
    "DEMO-DRFT-2026-0004": "感谢您的建议。我委正在建设项目审批进度查询功能，预计年内上线。",
    "DEMO-PUBL-2026-0005": "您好：政府投资项目可行性研究报告的审批时限为20个工作日（不含评估时间）。"
    "具体可咨询市发改委投资科，电话0434-3270000。",
}


def load(stdout, demo):
    operator = demo.users["operator"]
    editor, reviewer = demo.users["editor"], demo.users["reviewer"]
    fgw = demo.departments["fgw"]
    made = 0
    for code, kind, days_ago, subject, body, (name, contact), final in MESSAGES:
        if CitizenMessage.objects.filter(tracking_code=code).exists():
            continue
        message = CitizenMessage.objects.create(
            tracking_code=code,
            kind=kind,
            subject=subject,
            body=body,
            sender_name=name,
            sender_contact=contact,
            requested_department=fgw if final != "rejected" else None,
            received_at=timezone.now() - datetime.timedelta(days=days_ago),
        )
        log(instance=message, action=handling.LOG_RECEIVED, data={"kind": kind})
        made += 1
        if final == "received":
            continue
        if final == "rejected":
            handling.reject(message, operator, reason="广告信息，不予受理。")
            continue
        handling.accept(
            message, operator, public_subject=subject, public_body=body, department=fgw
        )
        if final == "assigned":
            continue
        handling.draft_reply(message, editor, reply=REPLIES[code])
        if final == "reply_drafted":
            continue
        handling.approve_reply(message, reviewer)
        handling.publish(message, operator)
    if stdout is not None:
        stdout.write(
            _("Citizen messages: %(made)d created, %(existing)d already there.")
            % {"made": made, "existing": len(MESSAGES) - made}
        )
