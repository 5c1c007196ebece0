from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from emscher_portal.core.models import MarkdownField, PublishableModel, TimestampedModel, content_history


class Municipality(TimestampedModel):
    """An Emscher city (or another member body) that hosts events and sends experts."""

    name = models.CharField(_("Name"), max_length=120, unique=True)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=120, unique=True)
    website = models.URLField(_("Website"), blank=True)

    history = content_history()

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

    history = content_history()

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
    purpose = models.TextField(_("Ziel und Zweck"), blank=True, help_text=_("Ein bis drei Sätze für die Übersicht."))
    body = MarkdownField(
        _("Beschreibung"), blank=True, help_text=_("Ausführlicher Text für die Seite des Netzwerks (Markdown).")
    )
    disciplines = models.ManyToManyField(Discipline, related_name="networks", blank=True, verbose_name=_("Fachgebiete"))
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_organisation = models.CharField(_("Organisation der Ansprechperson"), max_length=200, blank=True)
    contact_role = models.CharField(_("Funktion der Ansprechperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("E-Mail der Ansprechperson"), blank=True)
    is_contact_email_public = models.BooleanField(
        _("E-Mail öffentlich"),
        default=False,
        help_text=_("Nur wenn angekreuzt, erscheint die E-Mail-Adresse auf der öffentlichen Seite."),
    )
    is_contact_example = models.BooleanField(
        _("Ansprechperson ist ein Beispiel"),
        default=False,
        help_text=_("Kennzeichnet die Ansprechperson öffentlich als Beispiel (Demo-Inhalte)."),
    )

    history = content_history()

    class Meta:
        verbose_name = _("Experten-Netzwerk")
        verbose_name_plural = _("Experten-Netzwerke")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:network-detail", kwargs={"slug": self.slug})

    @property
    def public_contact_email(self):
        """The contact's e-mail address, or "" unless the editor ticked „öffentlich“."""
        return self.contact_email if self.is_contact_email_public else ""


class MemberQuerySet(models.QuerySet):
    def public(self):
        """Only members who agreed to be named publicly; nobody else may appear on any page, feed or PDF."""
        return self.filter(has_consented=True)


class Member(TimestampedModel):
    """A person who works in an Experten-Netzwerk. Listed publicly only with their consent."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="members", verbose_name=_("Experten-Netzwerk")
    )
    name = models.CharField(_("Name"), max_length=200)
    organisation = models.CharField(
        _("Organisation"), max_length=200, blank=True, help_text=_("Etwa Amt oder Fachbereich, oder eine Organisation.")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_members",
        verbose_name=_("Kommune"),
    )
    discipline = models.ForeignKey(
        Discipline,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_members",
        verbose_name=_("Fachgebiet"),
    )
    role = models.CharField(_("Rolle im Netzwerk"), max_length=200, blank=True)
    has_consented = models.BooleanField(
        _("Einwilligung zur Veröffentlichung"),
        default=False,
        help_text=_("Nur wenn die Person zugestimmt hat, erscheint ihr Name öffentlich (Seiten, Feeds, Suche, PDF)."),
    )
    is_example = models.BooleanField(
        _("Beispiel"), default=False, help_text=_("Kennzeichnet den Eintrag öffentlich als Beispiel (Demo-Inhalte).")
    )
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    objects = MemberQuerySet.as_manager()

    history = content_history()

    class Meta:
        verbose_name = _("Mitglied")
        verbose_name_plural = _("Mitglieder")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="networks_member_unique_name_per_network"),
        ]

    def __str__(self):
        return self.name
