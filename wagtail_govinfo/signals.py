"""The package's own signals: how the sub-apps meet without importing each other.

The workflows and the checks send them; the ledger and the reports listen. Each
carries everything a listener needs.
"""

from django.dispatch import Signal

#: A page passed both sign-offs (保密审核 and 分管负责人审核签字), sent after the signed
#: revision was published (or scheduled). Pages only, not snippets.
#: kwargs: page, revision, submitter, reviewer, leader, reviewed_at, signed_at,
#: checklist (dict item -> bool), findings (list of dicts: each distinct finding with its
#: places, ``resolution`` and the reviewer's ``reason`` for an override), review_comment
#: (the confidentiality reviewer's opinion), comment (the leader's), department.
submission_signed_off = Signal()

#: A step of the review was rejected. kwargs: page, revision, user, step
#: ("confidentiality_review" or "leader_sign_off"), reason. Pages only.
submission_rejected = Signal()

#: A topic was revoked by the check of 第二十一条, sent once per revocation inside its
#: transaction, after the topic and its subtree were unpublished and its status set.
#: kwargs: page, days_without_update, today (date), last_update (datetime),
#: unpublished (ids of the pages unpublished).
topic_revoked = Signal()

#: A topic is about to be revoked (sent once per warning).
#: kwargs: page, days_without_update, today (date), last_update (datetime).
topic_warned = Signal()

#: A topic was archived by its owners. kwargs: page, user.
topic_archived = Signal()

#: A revoked or archived topic was restored by the platform operator. kwargs: page, user.
topic_restored = Signal()

#: A ledger (or report) was exported. kwargs: user, ledger, filters, rows, head_hash.
ledger_exported = Signal()

#: A page was published in an emergency (紧急发布) by the platform operator, before its
#: review; its retrospective review and sign-off (补审、补签) start right after. Sent
#: inside the publication's transaction, after the page went live.
#: kwargs: page, revision, user, reason, findings (list of dicts: notices that did not
#: block), department.
emergency_published = Signal()

#: The responsible department (分管负责人/主要负责人) or the platform operator took a
#: page offline (撤稿, 第二十二条). Sent inside the transaction, after the unpublication.
#: kwargs: page, revision (the one that was live), user, reason, department.
page_withdrawn = Signal()
