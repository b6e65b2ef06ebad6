"""Headless API (Wagtail API v2).

Integrators register the endpoints on their own router::

    from wagtail.api.v2.router import WagtailAPIRouter
    from wagtail_govinfo.api import register_endpoints

    api_router = WagtailAPIRouter("wagtailapi")
    register_endpoints(api_router)
    urlpatterns = [path("api/v2/", api_router.urls), ...]

``pages`` is Wagtail's pages endpoint with three more filters; ``disclosure`` lists the
政府信息公开 content of all departments (第十三条).
"""

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from wagtail.api.v2.filters import BaseFilterBackend
from wagtail.api.v2.views import PagesAPIViewSet

from .api_errors import GovInfoErrorsMixin, number_too_large
from .bounds import MAX_ID, OutOfRange, check_year
from .models import (
    CONTENT_PAGE_MODELS,
    Department,
    InfoCategory,
    InfoPage,
    InterpretationPage,
    PolicyDocumentPage,
)

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
            elif number_too_large(value):
                errors[name] = [_("This number is too large.")]
        if errors:
            raise ValidationError(errors)
        super().check_query_parameters(queryset)


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


def register_endpoints(router):
    router.register_endpoint("pages", GovInfoPagesAPIViewSet)
    router.register_endpoint("disclosure", DisclosureAPIViewSet)
    return router


__all__ = ["DisclosureAPIViewSet", "GovInfoAPIMixin", "GovInfoPagesAPIViewSet", "register_endpoints"]
