"""The Redaktion's form widgets: a slug that fills itself in from its sources and shows the future address, and a
Markdown textarea with help and a preview. Both work without JavaScript; static/js/admin.js (an ES module the admin
loads on every page, see templates/admin/base_site.html) adds the live parts through their data attributes."""

from django.contrib.admin.widgets import AdminTextareaWidget, AdminTextInputWidget
from django.template.loader import render_to_string
from django.urls import reverse

# Stands for the slug in an address pattern: a valid slug that no title ever turns into (underscores are kept).
SLUG_PLACEHOLDER = "__slug__"


class SlugWidget(AdminTextInputWidget):
    """A slug input that the browser fills in from `sources` (field names of the same form; a date contributes its
    year) while the slug is empty and the editor has not typed one, in the server's way (core.text.german_slugify),
    and the address the page will have (`url_pattern`, with SLUG_PLACEHOLDER for the slug) below it."""

    def __init__(self, *, sources, url_pattern=None, attrs=None):
        self.sources = tuple(sources)
        self.url_pattern = url_pattern
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["data-slug-sources"] = " ".join(self.sources)
        if self.url_pattern:
            widget_attrs["data-slug-url"] = self.url_pattern
            described_by = [widget_attrs.get("aria-describedby"), f"{widget_attrs['id']}_address"]
            widget_attrs["aria-describedby"] = " ".join(part for part in described_by if part)
        return context

    def render(self, name, value, attrs=None, renderer=None):
        field = super().render(name, value, attrs, renderer)
        if not self.url_pattern:
            return field
        input_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        return render_to_string(
            "admin/widgets/slug_address.html",
            {
                "field": field,
                "id": input_id,
                "address": self.url_pattern.replace(SLUG_PLACEHOLDER, value) if value else "",
            },
        )


class MarkdownWidget(AdminTextareaWidget):
    """A textarea for editor Markdown with the rules beside it and a „Vorschau“ button that shows the text as the
    page will (rendered on the server by core.markup, staff only; see emscher_portal.views.markdown_preview)."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        described_by = [widget_attrs.get("aria-describedby"), f"{widget_attrs['id']}_markdown"]
        widget_attrs["aria-describedby"] = " ".join(part for part in described_by if part)
        return context

    def render(self, name, value, attrs=None, renderer=None):
        field = super().render(name, value, attrs, renderer)
        input_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        return render_to_string(
            "admin/widgets/markdown.html",
            {"field": field, "id": input_id, "preview_url": reverse("admin-markdown-preview")},
        )
