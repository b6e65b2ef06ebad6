"""Interpretations (解读) go live only with or after their policy document (第十二条).

Checked where a revision can go live: the leader's sign-off (hook
``govinfo_before_sign_off``, the form refuses with the message) and a direct publication
in the admin (``before_publish_page``). The policy document lists its live interpretations
(``PolicyDocumentPage.interpretations``, in the API and the disclosure listing).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .models import PolicyDocumentPage


def publication_refusal(obj):
    """Why ``obj`` (an interpretation, or any object) may not go live now, or None."""
    if not hasattr(obj, "policy_document_id") or not hasattr(obj, "drafting_department_id"):
        return None
    if obj.policy_document_id is None:
        return _("Choose the policy document this interprets.")
    document = PolicyDocumentPage.objects.filter(pk=obj.policy_document_id).first()
    if document is None or not document.live:
        title = document.title if document is not None else ""
        return _(
            "The policy document “%(title)s” is not published yet: an interpretation goes live only "
            "with or after its policy document (article 12). Publish the document first."
        ) % {"title": title}
    return None


def before_sign_off(revision):
    return publication_refusal(revision.as_object())


def before_publish_page(request, page):
    refusal = publication_refusal(page.get_latest_revision_as_object() if page.pk else page)
    if refusal:
        messages.error(request, refusal)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
