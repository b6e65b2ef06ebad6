"""Background work for attachments (django-q2): plain functions with primitive arguments."""


def extract_document_text(document_id):
    """Extract an uploaded document's text ahead of its review, filling the cache that the
    review reads (shared between processes when Django's cache is, e.g. Redis).
    Idempotent: a second run finds the result cached."""
    from wagtail.documents import get_document_model

    from .extraction import document_text

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return None
    return document_text(document).problem
