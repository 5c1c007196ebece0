"""Pages filtered by a GET form (/foren/, /dokumente/, /massnahmenplan/): one mechanism for the form, its chips and
bad values.

An unknown value (a year without events, a removed network, `?feld=abc`) is answered the same way everywhere: HTTP 400,
the page itself with the German message at the field (`templates/includes/filter_form.html`), that one filter not
applied and every valid one still applied — never a 500.
"""

from django import forms
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


class FilteredListView(ListView):
    """A ListView filtered by a FilterForm; see the module docstring for bad values. Subclasses build the form
    (`get_filter_form`) and the filtered queryset (`get_filtered_queryset(**filters)`)."""

    def get_filter_form(self):
        raise NotImplementedError

    def get_filtered_queryset(self, **filters):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.filter_form = self.get_filter_form()
        self.filter_form.is_valid()
        response = super().get(request, *args, **kwargs)
        if self.filter_form.errors:
            response.status_code = 400
        return response

    def get_queryset(self):
        return self.get_filtered_queryset(**self.filter_form.filters())

    def get_context_data(self, **kwargs):
        active_filters = self.filter_form.active_filters()
        return super().get_context_data(
            filter_form=self.filter_form,
            active_filters=active_filters,
            filter_errors=self.filter_form.error_messages(),
            is_filtered=bool(active_filters),
            **kwargs,
        )
