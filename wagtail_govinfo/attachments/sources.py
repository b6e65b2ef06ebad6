"""The attachments of an object as screening sources (hook ``govinfo_screening_sources``).

One :class:`~wagtail_govinfo.screening.sources.ScreeningSource` per document (its
extracted text) and per image (its title, description and the alt texts the content
gives it). A document that cannot be machine-checked comes back ``readable=False``
with the reason in the reviewer's language, never as an exception.
"""

import logging

from django.utils.translation import gettext as _

from ..screening.sources import ScreeningSource
from . import extraction
from .references import DOCUMENT, IMAGE, attachments_used_by

logger = logging.getLogger(__name__)


def problem_message(code):
    limits = extraction.limits()
    messages = {
        extraction.ENCRYPTED: _("The file is encrypted or password-protected; its text cannot be read."),
        extraction.CORRUPT: _("The file is damaged or not in the format its name says; its text cannot be read."),
        extraction.NO_TEXT: _("No text found in the file (a scanned document or pictures only?)."),
        extraction.TOO_LARGE: _("The file is larger than the limit for machine checking (%(mb)s MB).")
        % {"mb": limits["max_bytes"] // (1024 * 1024)},
        extraction.TIMED_OUT: _("Reading the file took longer than %(seconds)s seconds and was stopped.")
        % {"seconds": limits["timeout"]},
        extraction.TRUNCATED: _(
            "Only the beginning of the file was machine-checked (%(pages)s pages or %(chars)s "
            "characters at most); check the rest by hand."
        )
        % {"pages": limits["max_pages"], "chars": limits["max_chars"]},
        extraction.UNSUPPORTED: _(
            "This file format cannot be machine-checked (PDF, DOCX, XLSX and plain text can)."
        ),
    }
    return messages.get(code, _("The file could not be read."))


def document_source(document):
    label = _("Attachment 《%(name)s》") % {"name": document.filename or document.title}
    key = f"{DOCUMENT}:{document.pk}"
    try:
        result = extraction.document_text(document)
    except Exception:  # never let one attachment break the review
        logger.exception("Text extraction failed for document %s", document.pk)
        result = extraction.Extraction(problem=extraction.FAILED)
    if result.readable:
        return ScreeningSource(key=key, label=label, text=result.text)
    return ScreeningSource(
        key=key, label=label, text=result.text, readable=False, problem=problem_message(result.problem)
    )


def image_source(image, alt_texts=()):
    parts = [image.title, getattr(image, "description", "") or "", *alt_texts]
    return ScreeningSource(
        key=f"{IMAGE}:{image.pk}",
        label=_("Image 《%(title)s》 (title and alternative text)") % {"title": image.title},
        text="\n".join(p for p in parts if p),
    )


def attachment_screening_sources(obj):
    """The hook function: one source per attachment that ``obj`` uses."""
    sources = []
    for used in attachments_used_by(obj):
        if used.kind == DOCUMENT:
            sources.append(document_source(used.instance))
        elif used.kind == IMAGE:
            sources.append(image_source(used.instance, used.alt_texts))
    return sources
