"""The ten review items of 第十七条, the checklist of the confidentiality review (保密审核).

This is the one place their texts live, in the core so that every app can read them:
the review form, the stored answers, the ledger's sign-off sheet and the documentation
all refer to the keys below.
"""

from django.utils.translation import gettext_lazy as _

#: (key, text) in the order of 第十七条 (一)…(十). Keys are stored with each review.
CHECKLIST = (
    # (一)是否涉密，确保涉密信息不上网，上网信息不涉密
    ("secrecy", _("(1) Classified or not: classified information never goes online, and nothing online is classified.")),
    # (二)是否存在政治错误，确保信息符合正确政治方向和舆论导向
    ("politics", _("(2) Political errors: the information follows the correct political direction and guidance of public opinion.")),
    # (三)是否符合国家大政方针和法律法规的相关规定
    ("law", _("(3) Consistent with the major policies of the state and with laws and regulations.")),
    # (四)是否符合保护知识产权、保护公民个人信息有关规定，是否对其他单位、个人造成危害
    ("rights", _("(4) Respects intellectual property and citizens' personal information, and harms no other organisation or person.")),
    # (五)信息来源是否正规、合法
    ("source", _("(5) The source of the information is proper and lawful.")),
    # (六)是否有利于全市经济社会发展稳定
    ("stability", _("(6) Conducive to the city's economic and social development and stability.")),
    # (七)是否属于敏感性问题，当前对外发布是否适宜
    ("sensitivity", _("(7) Sensitive issues: publishing it now is appropriate.")),
    # (八)信息中的统计数据是否准确
    ("statistics", _("(8) The statistics in the information are accurate.")),
    # (九)信息中是否有错字、病句等基本表述差错
    ("wording", _("(9) No wrong characters, faulty sentences or other basic errors of expression.")),
    # (十)其他需要根据实际情况把握的信息
    ("other", _("(10) Other matters to be judged in the actual circumstances.")),
)

CHECKLIST_KEYS = tuple(key for key, _text in CHECKLIST)
CHECKLIST_TEXTS = dict(CHECKLIST)


def missing_items(confirmed):
    """Keys of the checklist not in ``confirmed``, in the order of 第十七条."""
    confirmed = set(confirmed or ())
    return [key for key in CHECKLIST_KEYS if key not in confirmed]


def as_answers(confirmed):
    """The stored form of the answers: every key mapped to whether it was confirmed."""
    confirmed = set(confirmed or ())
    return {key: key in confirmed for key in CHECKLIST_KEYS}
