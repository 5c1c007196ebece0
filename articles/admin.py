from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.forms import ArticleImageAdminForm
from articles.models import Article, ArticleImage, Rubric
from articles.services import article_image_schedule_renditions
from emscher_portal.core.admin import ContentAdmin, PublishableAdminMixin, SlugAdminMixin
from emscher_portal.core.uploads.renditions import picture_files_delete


def _thumbnail(image, width=160):
    if not image or not image.pk or not image.image:
        return "–"
    url, rendition_width, rendition_height = image.rendition(480)
    height = round(rendition_height * width / rendition_width) if rendition_width and rendition_height else ""
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy">', url, width, height, image.alt_text
    )


@admin.register(Rubric)
class RubricAdmin(SlugAdminMixin, ContentAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name"]
    slug_sources = ("name",)
    fields = ["name", "slug", "description", "position"]


class ArticleImageInline(admin.StackedInline):
    model = ArticleImage
    form = ArticleImageAdminForm
    extra = 0
    fields = [("position", "is_cover"), ("preview", "image"), "alt_text", ("caption", "credit")]
    readonly_fields = ["preview"]
    verbose_name_plural = _("Bilder (Bild 1, Bild 2 … in dieser Reihenfolge; „::: abbildung 1“ im Text zeigt Bild 1)")

    @admin.display(description=_("Vorschau"))
    def preview(self, obj):
        return _thumbnail(obj)


@admin.register(Article)
class ArticleAdmin(PublishableAdminMixin, admin.ModelAdmin):
    list_display = ["title", "rubric", "date", "status"]
    list_display_links = ["title"]
    list_filter = ["rubric", "status", "is_example"]
    list_select_related = ["rubric"]
    search_fields = ["title", "kicker", "teaser", "body", "author_text"]
    date_hierarchy = "date"
    autocomplete_fields = ["author_member", "printed_in"]
    filter_horizontal = ["events", "networks", "measures", "documents"]
    inlines = [ArticleImageInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kicker", "rubric", "date", "status", "is_example"]}),
        (_("Autorin oder Autor"), {"fields": ["author_text", "author_member"]}),
        (_("Inhalt"), {"fields": ["teaser", "body"]}),
        (_("Verknüpfungen"), {"fields": ["events", "networks", "measures", "documents"]}),
        (_("Gedruckte Ausgabe"), {"fields": ["printed_in", "printed_page"]}),
    ]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is ArticleImage:
            for image in formset.new_objects + [obj for obj, _fields in formset.changed_objects]:
                article_image_schedule_renditions(image=image)
            for image in formset.deleted_objects:
                picture_files_delete(picture=image)
