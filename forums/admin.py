from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from emscher_portal.core.admin import ContentAdmin, PublishableAdminMixin
from emscher_portal.core.parsing import whole_number
from emscher_portal.core.uploads.renditions import picture_files_delete
from forums.forms import PhotoAdminForm
from forums.models import Event, Photo, ProgrammeItem, Workshop
from forums.services import photo_schedule_renditions


def _thumbnail(photo, width=160):
    if not photo or not photo.pk or not photo.image:
        return "–"
    url, rendition_width, rendition_height = photo.rendition(480)
    height = round(rendition_height * width / rendition_width) if rendition_width and rendition_height else ""
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy">', url, width, height, photo.alt_text
    )


class YearListFilter(admin.SimpleListFilter):
    title = _("Jahr")
    parameter_name = "jahr"

    def lookups(self, request, model_admin):
        years = Event.objects.dates("start_date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if (year := whole_number(self.value(), max_digits=4)) is not None:
            return queryset.filter(start_date__year=year)
        return queryset


# Stacked, with several fields to a line: as a table these inlines overflow 1280 px and hide their help texts.
class ProgrammeItemInline(admin.StackedInline):
    model = ProgrammeItem
    extra = 0
    fields = [("position", "day", "start_time", "end_time"), ("kind", "title"), "speakers", "description"]
    formfield_overrides = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 3})}}


class WorkshopInline(admin.StackedInline):
    model = Workshop
    extra = 0
    fields = ["position", "title", "moderation", "description", "results", "networks"]
    filter_horizontal = ["networks"]


class PhotoInline(admin.StackedInline):
    model = Photo
    form = PhotoAdminForm
    extra = 0
    fields = [("position", "is_cover"), ("preview", "image"), "alt_text", ("caption", "credit")]
    readonly_fields = ["preview"]

    @admin.display(description=_("Vorschau"))
    def preview(self, obj):
        return _thumbnail(obj)


@admin.register(Event)
class EventAdmin(PublishableAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "date_display", "host_city", "status", "photo_count"]
    list_display_links = ["title"]
    list_filter = ["kind", YearListFilter, "host_city", "status"]
    list_select_related = ["host_city"]
    search_fields = ["title", "motto", "venue", "teaser", "body", "host_city__name"]
    date_hierarchy = "start_date"
    # The existing pattern: „experten-forum-2026“, „dezernententreffen-2026“ (the kind and the year).
    slug_sources = ("kind", "start_date")
    filter_horizontal = ["networks"]
    inlines = [ProgrammeItemInline, WorkshopInline, PhotoInline]
    fieldsets = [
        (None, {"fields": ["kind", "edition", "title", "slug", "motto", "status"]}),
        (_("Termin"), {"fields": ["start_date", "date_precision", "end_date", "start_time", "end_time"]}),
        (_("Ort"), {"fields": ["host_city", "venue", "address"]}),
        (_("Inhalt"), {"fields": ["teaser", "body", "networks"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_total=models.Count("photos"))

    @admin.display(description=_("Datum"), ordering="start_date")
    def date_display(self, obj):
        return obj.date_display

    @admin.display(description=_("Fotos"), ordering="photo_total")
    def photo_count(self, obj):
        return obj.photo_total

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Photo:
            for photo in formset.new_objects + [obj for obj, _fields in formset.changed_objects]:
                photo_schedule_renditions(photo=photo)
            for photo in formset.deleted_objects:
                picture_files_delete(picture=photo)


@admin.register(Photo)
class PhotoAdmin(ContentAdmin):
    form = PhotoAdminForm
    list_display = ["preview", "alt_text", "event", "position", "is_cover"]
    list_display_links = ["preview", "alt_text"]
    list_filter = ["event__kind", "is_cover"]
    list_select_related = ["event"]
    search_fields = ["alt_text", "caption", "credit", "event__title"]
    autocomplete_fields = ["event"]
    fields = ["event", "preview", "image", "alt_text", "caption", "credit", "position", "is_cover"]
    readonly_fields = ["preview"]

    @admin.display(description=_("Vorschau"))
    def preview(self, obj):
        return _thumbnail(obj, width=120)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        photo_schedule_renditions(photo=obj)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        picture_files_delete(picture=obj)

    def delete_queryset(self, request, queryset):
        photos = list(queryset)
        super().delete_queryset(request, queryset)
        for photo in photos:
            picture_files_delete(picture=photo)
