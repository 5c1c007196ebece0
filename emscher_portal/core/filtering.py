"""List pages filtered by a GET form (/foren/, /dokumente/): one mechanism for the form, its chips and bad values."""

from django import forms
from django.views.generic import ListView


class FilterForm(forms.Form):
    """A GET filter form whose fields are the query parameters of a list page."""

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
    """A ListView filtered by a FilterForm. An unknown filter value renders the page with the German error and
    `invalid_filter_status` (never a 500). Subclasses build the form and the filtered queryset."""

    invalid_filter_status = 400

    def get_filter_form(self):
        raise NotImplementedError

    def get_filtered_queryset(self, **filters):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.filter_form = self.get_filter_form()
        self.filters_valid = self.filter_form.is_valid()
        response = super().get(request, *args, **kwargs)
        if not self.filters_valid:
            response.status_code = self.invalid_filter_status
        return response

    def get_queryset(self):
        if not self.filters_valid:
            return self.get_filtered_queryset().none()
        return self.get_filtered_queryset(**self.filter_form.filters())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter_form=self.filter_form,
            active_filters=self.filter_form.active_filters(),
            filter_errors=self.filter_form.error_messages(),
            **kwargs,
        )
