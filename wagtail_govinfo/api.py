"""Headless API (Wagtail API v2).

Integrators register the endpoints on their own router::

    from wagtail.api.v2.router import WagtailAPIRouter
    from wagtail_govinfo.api import register_endpoints

    api_router = WagtailAPIRouter("wagtailapi")
    register_endpoints(api_router)
    urlpatterns = [path("api/v2/", api_router.urls), ...]

``pages`` is Wagtail's pages endpoint with three more filters; ``disclosure`` lists the
政府信息公开 content of all departments (第十三条); ``documents`` and ``images`` list only
the attachments that published content uses.
"""

from django.db.models import Q, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from wagtail.api.v2.filters import BaseFilterBackend
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.fields import StreamField
from wagtail.images.api.v2.serializers import ImageDownloadUrlField, ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet

from .api_errors import GovInfoErrorsMixin, number_too_large
from .bounds import MAX_ID, OutOfRange, check_year
from .blocks import DOCUMENTS_CONTEXT_KEY, document_ids, documents_by_id
from .models import (
    CONTENT_PAGE_MODELS,
    AbstractPolicyDocumentPage,
    Department,
    InfoCategory,
    InfoPage,
    InterpretationPage,
    PolicyDocumentPage,
)
from .models.pages import interpretation_api_representation

#: Pseudo categories for the disclosure listing besides those of 第六条.
POLICY_CATEGORY = "policy_document"
INTERPRETATION_CATEGORY = "interpretation_document"
#: The longest text accepted in a query parameter.
MAX_PARAMETER_LENGTH = 255


def _pages_of(model, **lookups):
    # Filter through the page ids, so the filter works on any queryset: plain pages, or
    # those of one type (``?type=``) that may not have the relation.
    return Q(pk__in=model.objects.filter(**lookups).values("pk"))


class GovInfoFilter(BaseFilterBackend):
    """``department`` (code), ``year`` (first publication) and ``category`` filters."""

    def filter_queryset(self, request, queryset, view):
        params = request.GET
        if code := params.get("department"):
            if not Department.objects.filter(code=code).exists():
                raise ValidationError(
                    {"department": [_("No department has the code “%(code)s”.") % {"code": code}]}
                )
            q = Q()
            for model in CONTENT_PAGE_MODELS:
                q |= _pages_of(model, submitting_department__code=code)
            queryset = queryset.filter(q)
        if year := params.get("year"):
            if not (year.isascii() and year.isdigit() and len(year) == 4):
                raise ValidationError({"year": [_("Give a year as four digits, e.g. 2026.")]})
            try:
                check_year(int(year))
            except OutOfRange as error:
                raise ValidationError({"year": [str(error)]}) from None
            queryset = queryset.filter(first_published_at__year=int(year))
        if category := params.get("category"):
            if category == POLICY_CATEGORY:
                queryset = queryset.filter(_pages_of(PolicyDocumentPage))
            elif category == INTERPRETATION_CATEGORY:
                queryset = queryset.filter(_pages_of(InterpretationPage))
            elif category in InfoCategory.values:
                queryset = queryset.filter(_pages_of(InfoPage, category=category))
            else:
                allowed = ", ".join([*InfoCategory.values, POLICY_CATEGORY, INTERPRETATION_CATEGORY])
                raise ValidationError(
                    {"category": [_("Unknown category %(value)s. Use one of: %(allowed)s")
                     % {"value": category, "allowed": allowed}]}
                )
        return queryset


class GovInfoAPIMixin(GovInfoErrorsMixin):
    """What every Wagtail API endpoint of the package adds: the package's error format,
    and query parameters checked before they reach the database."""

    def check_query_parameters(self, queryset):
        errors = {}
        for name, value in self.request.GET.items():
            if len(value) > MAX_PARAMETER_LENGTH:
                errors[name] = [_("At most %(limit)d characters.") % {"limit": MAX_PARAMETER_LENGTH}]
            elif any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
                errors[name] = [_("Control characters are not allowed.")]
            elif name != "search" and number_too_large(value):
                errors[name] = [_("This number is too large.")]
        if errors:
            raise ValidationError(errors)
        super().check_query_parameters(queryset)


    def paginate_queryset(self, queryset):
        items = list(super().paginate_queryset(queryset))
        self._govinfo_documents = prefetch_for_api(items)
        return items

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context[DOCUMENTS_CONTEXT_KEY] = getattr(self, "_govinfo_documents", None) or {}
        return context


#: Relations the API gives for each page, loaded for a whole listing at once.
_API_RELATIONS = (
    "submitting_department", "drafting_department", "policy_document", "responsible_departments",
    "owner_departments", "locale",
)


def prefetch_for_api(items):
    """Load for a listing's pages, in a constant number of queries, what their API fields
    read: departments, a policy document's interpretations, the documents of their
    streams. Returns the documents by id, for the serializer context."""
    if not items:
        return {}
    model = type(items[0])
    if all(type(item) is model for item in items):
        names = {f.name for f in model._meta.get_fields()}
        lookups = [name for name in _API_RELATIONS if name in names]
        if lookups:
            prefetch_related_objects(items, *lookups)
    policies = [item for item in items if isinstance(item, AbstractPolicyDocumentPage)]
    if policies:
        found = {item.pk: [] for item in policies}
        for page in (
            InterpretationPage.objects.live()
            .filter(policy_document__in=[p.pk for p in policies])
            .order_by("pk")
            .only("pk", "title", "form", "slug", "policy_document_id")
        ):
            found[page.policy_document_id].append(interpretation_api_representation(page))
        for item in policies:
            item.api_interpretations = found[item.pk]
    ids = set()
    for item in items:
        for field in item._meta.get_fields():
            if isinstance(field, StreamField):
                ids |= document_ids(getattr(item, field.attname).raw_data)
    return documents_by_id(ids) if ids else {}


class GovInfoPagesAPIViewSet(GovInfoAPIMixin, PagesAPIViewSet):
    filter_backends = [GovInfoFilter, *PagesAPIViewSet.filter_backends]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        {"department", "year", "category"}
    )

    def detail_view(self, request, pk):
        if int(pk) > MAX_ID:
            raise Http404(_("No page has this id."))
        return super().detail_view(request, pk)


class DisclosureAPIViewSet(GovInfoPagesAPIViewSet):
    """Proactively disclosed information, policy documents and interpretations (第十二、十三条)."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        disclosed = Q(
            pk__in=InfoPage.objects.filter(category=InfoCategory.PROACTIVE_DISCLOSURE).values("pk")
        )
        disclosed |= Q(pk__in=PolicyDocumentPage.objects.values("pk"))
        disclosed |= Q(pk__in=InterpretationPage.objects.values("pk"))
        return queryset.filter(disclosed)


class GovInfoDocumentsAPIViewSet(GovInfoAPIMixin, DocumentsAPIViewSet):
    """Wagtail's documents endpoint, listing only documents that a live page uses (an
    attachment or data file of published information, 第十五条). ``download_url`` is the
    document's own serve view, which decides who may download it."""

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=published_document_ids())

    def detail_view(self, request, pk):
        if int(pk) > MAX_ID:
            raise Http404(_("No document has this id."))
        return super().detail_view(request, pk)


class PublicImageDownloadUrlField(ImageDownloadUrlField):
    """The original file's full address (``attachments/image_files.py`` answers it)."""

    def to_representation(self, image):
        from wagtail.api.v2.utils import get_full_url

        return get_full_url(self.context["request"], image.file.url)


class GovInfoImageSerializer(ImageSerializer):
    download_url = PublicImageDownloadUrlField(read_only=True)


class GovInfoImagesAPIViewSet(GovInfoAPIMixin, ImagesAPIViewSet):
    """Wagtail's images endpoint, listing only the images that the live version of some
    page or snippet uses: the images whose files the public may fetch. Titles of images
    still under review are not listed."""

    base_serializer_class = GovInfoImageSerializer

    def get_queryset(self):
        queryset = super().get_queryset()
        from .attachments.privacy import privacy_enabled

        if not privacy_enabled():
            return queryset
        return queryset.filter(pk__in=public_image_ids())

    def detail_view(self, request, pk):
        if int(pk) > MAX_ID:
            raise Http404(_("No image has this id."))
        return super().detail_view(request, pk)


def public_image_ids():
    """Ids of the images used by the live version of some page or snippet."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import BigIntegerField
    from django.db.models.functions import Cast
    from wagtail.images import get_image_model

    from .models.attachments import LiveAttachmentUse

    return (
        LiveAttachmentUse.objects.filter(
            attachment_type=ContentType.objects.get_for_model(get_image_model())
        )
        .annotate(image_id=Cast("attachment_id", BigIntegerField()))
        .values("image_id")
    )


def published_document_ids():
    """Ids of the documents referenced by live, public pages (Wagtail's reference index)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import BigIntegerField
    from django.db.models.functions import Cast
    from wagtail.documents import get_document_model
    from wagtail.models import Page, ReferenceIndex

    live_pages = Page.objects.live().public().annotate(key=Cast("pk", _key_field())).values("key")
    return (
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            to_content_type=ContentType.objects.get_for_model(get_document_model()),
            object_id__in=live_pages,
        )
        .annotate(document_id=Cast("to_object_id", BigIntegerField()))
        .values("document_id")
    )


def _key_field():
    from django.db.models import CharField

    return CharField(max_length=255)


def register_endpoints(router, *, documents=True, images=True):
    """Register the package's endpoints: ``pages``, ``disclosure``, (unless
    ``documents=False``) ``documents``, (unless ``images=False``) ``images``, and
    ``leaders`` (第八条)."""
    router.register_endpoint("pages", GovInfoPagesAPIViewSet)
    router.register_endpoint("disclosure", DisclosureAPIViewSet)
    if documents:
        router.register_endpoint("documents", GovInfoDocumentsAPIViewSet)
    if images:
        router.register_endpoint("images", GovInfoImagesAPIViewSet)
    from .leaders import LeadersAPIViewSet

    router.register_endpoint("leaders", LeadersAPIViewSet)
    return router


__all__ = [
    "DisclosureAPIViewSet", "GovInfoAPIMixin", "GovInfoDocumentsAPIViewSet", "GovInfoImagesAPIViewSet",
    "GovInfoPagesAPIViewSet", "register_endpoints",
]
