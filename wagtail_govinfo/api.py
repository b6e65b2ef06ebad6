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
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from wagtail.api.v2.filters import BaseFilterBackend
from wagtail.api.v2.views import PagesAPIViewSet

from .models import InfoCategory, InfoPage, InterpretationPage, PolicyDocumentPage

#: Pseudo categories for the disclosure listing besides those of 第六条.
POLICY_CATEGORY = "policy_document"
INTERPRETATION_CATEGORY = "interpretation_document"
_CONTENT_RELATIONS = ("infopage", "policydocumentpage", "interpretationpage")


class GovInfoFilter(BaseFilterBackend):
    """``department`` (code), ``year`` (first publication) and ``category`` filters."""

    def filter_queryset(self, request, queryset, view):
        params = request.GET
        if code := params.get("department"):
            q = Q()
            for relation in _CONTENT_RELATIONS:
                q |= Q(**{f"{relation}__submitting_department__code": code})
            queryset = queryset.filter(q)
        if year := params.get("year"):
            if not year.isdigit() or len(year) != 4:
                raise ValidationError({"year": _("Give a year as four digits, e.g. 2026.")})
            queryset = queryset.filter(first_published_at__year=int(year))
        if category := params.get("category"):
            if category == POLICY_CATEGORY:
                queryset = queryset.filter(policydocumentpage__isnull=False)
            elif category == INTERPRETATION_CATEGORY:
                queryset = queryset.filter(interpretationpage__isnull=False)
            elif category in InfoCategory.values:
                queryset = queryset.filter(infopage__category=category)
            else:
                allowed = ", ".join([*InfoCategory.values, POLICY_CATEGORY, INTERPRETATION_CATEGORY])
                raise ValidationError(
                    {"category": _("Unknown category %(value)s. Use one of: %(allowed)s")
                     % {"value": category, "allowed": allowed}}
                )
        return queryset


class GovInfoPagesAPIViewSet(PagesAPIViewSet):
    filter_backends = [GovInfoFilter, *PagesAPIViewSet.filter_backends]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        {"department", "year", "category"}
    )


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
    from .leaders import LeadersAPIViewSet

    router.register_endpoint("leaders", LeadersAPIViewSet)
    return router


__all__ = ["DisclosureAPIViewSet", "GovInfoPagesAPIViewSet", "register_endpoints"]
