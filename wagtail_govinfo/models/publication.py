"""``SignedPublicationMixin``: the publication gate and sealed revisions on a model.

Mix it into a page (before ``Page``) or a snippet (before ``DraftStateMixin``) whose
content goes through the package's review; see ``wagtail_govinfo.publication``.
"""

from django.db import models

from .. import publication


class SignedPublicationMixin(models.Model):
    """Only a signed revision goes live; a sealed revision is never overwritten."""

    class Meta:
        abstract = True

    def requires_sign_off(self):
        """Whether this content needs both signatures to go live (override to narrow)."""
        return True

    def publish(self, revision, *args, **kwargs):
        publication.check_publication(revision)
        return super().publish(revision, *args, **kwargs)

    def save(self, *args, **kwargs):
        publication.check_live_transition(self, kwargs.get("update_fields"))
        return super().save(*args, **kwargs)

    def save_revision(self, *args, overwrite_revision=None, **kwargs):
        # Wagtail's editor may ask to overwrite the latest revision in place; a revision
        # that was reviewed, signed or published is never overwritten: a new one is made.
        if overwrite_revision is not None and publication.revision_is_sealed(overwrite_revision):
            overwrite_revision = None
        return super().save_revision(*args, overwrite_revision=overwrite_revision, **kwargs)
