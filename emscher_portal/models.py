"""Building blocks shared by the content models of every app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        abstract = True


class Status(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PUBLISHED = "published", _("Veröffentlicht")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user):
        """Everything for staff (drafts included), only published content for everyone else."""
        if user.is_staff:
            return self.all()
        return self.published()


class PublishableModel(TimestampedModel):
    status = models.CharField(_("Status"), max_length=16, choices=Status, default=Status.DRAFT, db_index=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED


class OldSlug(models.Model):
    """A slug an object had before an editor changed it; requests for it are redirected to the object's new URL."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="old_slugs", verbose_name=_("Inhaltstyp")
    )
    object_id = models.PositiveBigIntegerField(_("Objekt-ID"))
    slug = models.SlugField(_("alter Kurzname"), max_length=200)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("alter Kurzname")
        verbose_name_plural = _("alte Kurznamen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "slug"], name="emscher_portal_oldslug_unique_per_type"),
        ]

    def __str__(self):
        return self.slug
