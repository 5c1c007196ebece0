from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import ArticleImage
from emscher_portal.core.filtering import FilterForm
from emscher_portal.core.uploads.images import CheckedImageForm


class ArticleFilterForm(FilterForm):
    """The filter of /aktuelles/ (?rubrik=); the choices are the rubrics that have articles."""

    rubrik = forms.ChoiceField(label=_("Rubrik"), required=False)

    def __init__(self, data=None, *, rubrics):
        super().__init__(data)
        self.rubrics = {rubric.slug: rubric for rubric in rubrics}
        self.fields["rubrik"].choices = [("", _("alle Rubriken"))] + [(r.slug, r.name) for r in rubrics]
        self.fields["rubrik"].error_messages["invalid_choice"] = _(
            "Die Rubrik „%(value)s“ gibt es nicht oder sie hat keine Artikel."
        )

    def filters(self):
        """Keyword arguments for the list selector; call only when the form is valid."""
        slug = self.cleaned_data.get("rubrik")
        return {"rubric": self.rubrics[slug] if slug else None}


class ArticleImageAdminForm(CheckedImageForm):
    class Meta:
        model = ArticleImage
        fields = ["image", "alt_text", "caption", "credit", "position", "is_cover"]
