"""`/suche/`: the search page, and `/opensearch.xml`, which lets browsers add the portal as a search engine."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from emscher_portal.models import SearchEntry

from .query import normalise_query, search

PER_PAGE = 20


def _year(value):
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if 1900 <= year <= 2200 else None


@require_safe
def search_view(request):
    q = normalise_query(request.GET.get("q", ""))
    kind = request.GET.get("art", "")
    kind = kind if kind in SearchEntry.Kind.values else None
    year = _year(request.GET.get("jahr"))
    context = {"q": q, "kind": kind, "year": year, "kinds": SearchEntry.Kind.choices}
    if q:
        results = search(q, kind=kind, year=year)
        # get_page() turns „abc“, „-1“ and „99999“ into the first or the last page instead of an error.
        page_obj = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
        kind_counts = results.kind_counts()
        context.update(
            results=results,
            total=results.total,
            page_obj=page_obj,
            hits=page_obj.object_list,
            kind_facets=[(value, label, kind_counts.get(value, 0)) for value, label in SearchEntry.Kind.choices],
            all_kinds_total=sum(kind_counts.values()),
            year_facets=sorted(results.year_counts().items(), reverse=True),
            page_range=page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
            suggestion=results.suggestion() if results.total == 0 else None,
        )
        context["title"] = _("Suche nach „%(q)s“") % {"q": q}
    else:
        context["title"] = _("Suche")
    return render(request, "emscher_portal/search.html", context)


@require_safe
def opensearch_view(request):
    return render(
        request,
        "emscher_portal/search_opensearch.xml",
        {"base_url": settings.SITE_URL.rstrip("/")},
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )
