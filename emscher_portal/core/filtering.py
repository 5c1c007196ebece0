"""Pages filtered by a GET form (/foren/, /dokumente/, /massnahmenplan/): one mechanism for the form, its chips and
bad values.

An unknown value (a year without events, a removed network, `?feld=abc`) is answered the same way everywhere: HTTP 400,
the page itself with the German message at the field (`templates/includes/filter_form.html`), that one filter not
applied and every valid one still applied — never a 500. A filter with nothing to choose (only its „alle …“ entry)
is not shown.

A page number that does not exist is answered alike on every paginated list (`list_page`, also used by /suche/): past
the end, HTTP 404 with the list's last page and a German message; not a number or below 1, HTTP 400 with the first
page and a message — never a bare 404 page.
"""

from dataclasses import dataclass

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import ListView


class FilterForm(forms.Form):
    """A GET filter form whose fields are the query parameters of a page.

    Subclasses give every field a German `invalid_choice` message and implement `filters()`, which turns the valid
    values into keyword arguments for the page's selector (invalid fields are simply missing from `cleaned_data`).
    """

    def filters(self):
        raise NotImplementedError

    def active_filters(self):
        """The valid filters in use: [{"label", "value" (as shown), "remove_url"}] for the removable chips."""
        active = []
        for name, field in self.fields.items():
            value = self.data.get(name)
            if not value or name in self.errors:
                continue
            remaining = self.data.copy()
            remaining.pop(name, None)
            remaining.pop("page", None)
            active.append(
                {
                    "label": field.label,
                    "value": dict(field.choices).get(value, value),
                    "remove_url": f"?{remaining.urlencode()}",
                }
            )
        return active

    def error_messages(self):
        return [error for errors in self.errors.values() for error in errors]

    def shown_fields(self):
        """The bound fields the form shows: a choice filter without any option besides its „alle …“ entry is left
        out (nothing to filter by), unless the request used it, so that its error still appears at it."""
        return [
            field
            for field in self
            if len(getattr(field.field, "choices", ((), ()))) > 1 or field.name in self.data or field.errors
        ]


@dataclass(frozen=True)
class ListPage:
    """The page of a paginated list a request gets: `page`, and for a page number that does not exist the HTTP
    `status` to answer with (404 past the end, 400 for no number) and the German `message` to show above the list."""

    page: object
    status: int = 200
    message: str = ""


def list_page(paginator, number):
    """The page `number` (a query-string value, None for the first page) of `paginator`, never an exception:
    past the end the last page (404), not a whole number or below 1 the first page (400), each with a message."""
    if number in (None, ""):
        return ListPage(paginator.page(1))
    if number == "last":  # Django's ListView accepts it; so do we
        return ListPage(paginator.page(paginator.num_pages))
    try:
        return ListPage(paginator.page(paginator.validate_number(number)))
    except PageNotAnInteger:
        message = _("„%(value)s“ ist keine Seitenzahl. Hier ist die erste Seite.") % {"value": str(number)[:20]}
        return ListPage(paginator.page(1), status=400, message=message)
    except EmptyPage:
        number = int(number)  # validate_number got this far, so it is a whole number
        if number < 1:
            message = _("Seite %(number)s gibt es nicht. Hier ist die erste Seite.") % {"number": number}
            return ListPage(paginator.page(1), status=400, message=message)
        last = paginator.num_pages
        message = ngettext(
            "Seite %(number)s gibt es nicht – diese Liste hat nur %(last)s Seite. Hier ist die letzte Seite.",
            "Seite %(number)s gibt es nicht – diese Liste hat nur %(last)s Seiten. Hier ist die letzte Seite.",
            last,
        ) % {"number": number, "last": last}
        return ListPage(paginator.page(last), status=404, message=message)


class FilteredListView(ListView):
    """A ListView filtered by a FilterForm; see the module docstring for bad values. Subclasses build the form
    (`get_filter_form`) and the filtered queryset (`get_filtered_queryset(**filters)`)."""

    def get_filter_form(self):
        raise NotImplementedError

    def get_filtered_queryset(self, **filters):
        raise NotImplementedError

    list_page = ListPage(page=None)

    def get(self, request, *args, **kwargs):
        self.filter_form = self.get_filter_form()
        self.filter_form.is_valid()
        response = super().get(request, *args, **kwargs)
        if self.filter_form.errors:
            response.status_code = 400
        elif self.list_page.status != 200:
            response.status_code = self.list_page.status
        return response

    def get_queryset(self):
        return self.get_filtered_queryset(**self.filter_form.filters())

    def paginate_queryset(self, queryset, page_size):
        """As ListView's, but a page number that does not exist gives a page and a message (see `list_page`)."""
        paginator = self.get_paginator(
            queryset, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=self.get_allow_empty()
        )
        self.list_page = list_page(paginator, self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg))
        page = self.list_page.page
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        active_filters = self.filter_form.active_filters()
        context = super().get_context_data(
            filter_form=self.filter_form,
            active_filters=active_filters,
            filter_errors=self.filter_form.error_messages(),
            is_filtered=bool(active_filters),
            **kwargs,
        )
        context["page_error"] = self.list_page.message  # known only once super() has paginated
        return context
