"""Citizen-facing pages. Thin: they read through the catalog's and agencies' selectors."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from panjereh.accounts.selectors import citizen_of
from panjereh.agencies.selectors import agencies_find, agency_choices, agency_get, agency_provinces
from panjereh.applications.selectors import definition_for_service, service_rating
from panjereh.appointments.selectors import offices_for
from panjereh.catalog.constants import PAGE_SIZE
from panjereh.catalog.search import SearchFilters, search_services
from panjereh.catalog.selectors import category_choices, home_summary, life_event_steps, service_get
from panjereh.exchange.onboarding import checklist, deadlines
from panjereh.exchange.selectors import data_access_page
from panjereh.portal.forms import AgencyDirectoryForm, SearchForm
from panjereh.portal.paging import page_links


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = {"form": SearchForm(), **home_summary()}
    return render(request, "portal/home.html", context)


@require_GET
def service_search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    context: dict[str, object] = {"form": form, "agencies": agency_choices(), "categories": category_choices()}
    status = 200
    if form.is_valid():
        result = search_services(form.cleaned_data["q"], form.filters(), page=form.cleaned_data["page"] or 1)
        # The heading names what was searched for: nothing, for a query of spaces.
        context.update(
            result=result, pages=page_links(request, result.page, result.pages), query=form.cleaned_data["q"]
        )
    else:
        status = 400
        context["query"] = request.GET.get("q", "").strip()
    template = "portal/_results.html" if request.headers.get("HX-Request") else "portal/search.html"
    return render(request, template, context, status=status)


@require_GET
def life_event(request: HttpRequest, code: str) -> HttpResponse:
    found = life_event_steps(code)
    if found is None:
        raise Http404
    event, steps = found
    context = {"event": event, "steps": steps, "count": sum(len(step.services) for step in steps)}
    return render(request, "portal/life_event.html", context)


@require_GET
def service_detail(request: HttpRequest, code: str) -> HttpResponse:
    service = service_get(code)
    if service is None:
        raise Http404
    definition = definition_for_service(service.code)
    rating, ratings = service_rating(service.pk)
    context = {"service": service, "definition": definition, "rating": rating, "ratings": ratings,
               "offices": offices_for(service).exists()}  # fmt: skip
    return render(request, "portal/service.html", context)


DIRECTORY_PAGE_SIZE = 30


@require_GET
def agency_directory(request: HttpRequest) -> HttpResponse:
    form = AgencyDirectoryForm(request.GET, provinces=agency_provinces())
    if not form.is_valid():
        return render(request, "portal/agencies.html", {"form": form}, status=400)
    data = form.cleaned_data
    agencies = agencies_find(name=data["q"], status=data["status"], province=form.province_filter())
    pages = max(1, -(-len(agencies) // DIRECTORY_PAGE_SIZE))
    page = min(data["page"] or 1, pages)
    context = {
        "form": form,
        "count": len(agencies),
        "agencies": agencies[(page - 1) * DIRECTORY_PAGE_SIZE : page * DIRECTORY_PAGE_SIZE],
        "page": page,
        "page_count": pages,
        "pages": page_links(request, page, pages),
    }
    return render(request, "portal/agencies.html", context)


@require_GET
def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_get(code)
    if agency is None:
        raise Http404
    try:
        page = max(1, min(int(request.GET.get("page", "1")), 10_000))
    except ValueError:
        page = 1
    result = search_services("", SearchFilters(agency=agency.code), page=page, page_size=PAGE_SIZE)
    context = {
        "agency": agency,
        "result": result,
        "pages": page_links(request, result.page, result.pages),
        # The onboarding checklist is for staff and the supervisor: a citizen sees one status, the badge.
        "checklist": checklist(agency) if request.user.is_staff else [],
        "deadlines": deadlines(agency),
    }
    return render(request, "portal/agency.html", context)


@require_GET
def my_data_access(request: HttpRequest) -> HttpResponse:
    citizen = citizen_of(request.user)
    if citizen is None:
        return render(request, "portal/login_needed.html", {"next": request.get_full_path()}, status=401)
    try:
        page = max(1, min(int(request.GET.get("page", "1")), 100_000))
    except ValueError:
        page = 1
    total, accesses = data_access_page(citizen.national_code, page, PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    context = {"citizen": citizen, "accesses": accesses, "total": total, "pages": page_links(request, page, pages)}
    return render(request, "portal/my_data_access.html", context)


@require_GET
def sample_data(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/sample_data.html")
