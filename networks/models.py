from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from emscher_portal.models import PublishableModel, TimestampedModel


class Municipality(TimestampedModel):
    """An Emscher city (or another member body) that hosts events and sends experts."""

    name = models.CharField(_("Name"), max_length=120, unique=True)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=120, unique=True)
    website = models.URLField(_("Website"), blank=True)

    class Meta:
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Discipline(TimestampedModel):
    """A Fachgebiet such as Wasserwirtschaft or Stadtplanung."""

    name = models.CharField(_("Name"), max_length=120, unique=True)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("Fachgebiet")
        verbose_name_plural = _("Fachgebiete")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Network(PublishableModel):
    """An Experten-Netzwerk."""

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    purpose = models.TextField(_("Ziel und Zweck"), blank=True)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Experten-Netzwerk")
        verbose_name_plural = _("Experten-Netzwerke")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:network-detail", kwargs={"slug": self.slug})
