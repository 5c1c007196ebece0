"""Articles („Aktuelles“, „Wissenswertes“): news and background pieces with a table of contents, boxes and pictures."""

import os

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from emscher_portal.core.files import random_name
from emscher_portal.core.markup import long_text_render
from emscher_portal.core.models import (
    MarkdownField,
    Picture,
    PublishableModel,
    PublishableQuerySet,
    TimestampedModel,
    content_history,
)

# Ids the article page itself uses; a heading never gets one of them as its anchor.
PAGE_IDS = frozenset({"inhalt", "inhaltsverzeichnis", "artikel-titel", "verwandte-inhalte", "impressum-pdf"})

BODY_HELP = _(
    "Markdown: Absätze, Listen, Links, Zwischenüberschriften (## für Abschnitte, ### für Unterabschnitte; ab zwei "
    "Abschnitten erscheint ein Inhaltsverzeichnis). Kästen ohne HTML: eine Zeile „::: wissenswertes Titel“, der "
    "Text, dann eine Zeile „:::“. Ebenso „::: zitat Name, Funktion“ für ein Zitat mit Quelle und „::: abbildung 1“ "
    "für Bild 1 der Bilder unten (die Zeilen dazwischen ersetzen dessen Bildunterschrift)."
)


class Rubric(TimestampedModel):
    """A rubric of the articles („Aktuelles“, „Wissenswertes“, „Aus den Netzwerken“), edited by the Redaktion."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=100, unique=True)
    description = models.CharField(_("Beschreibung"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    history = content_history()

    class Meta:
        verbose_name = _("Rubrik")
        verbose_name_plural = _("Rubriken")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('articles:article-list')}?rubrik={self.slug}"


class ArticleQuerySet(PublishableQuerySet):
    def newest_first(self):
        return self.order_by("-date", "-pk")


class Article(PublishableModel):
    """One article. The author is a free text („Redaktion“) or a network member who agreed to be named; the body is
    safe Markdown with boxes (core.markup.long_text_render); pictures are `ArticleImage`s, one of them the cover."""

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    kicker = models.CharField(
        _("Unterzeile"), max_length=300, blank=True, help_text=_("Eine Zeile unter dem Titel, z. B. eine Zuspitzung.")
    )
    teaser = models.TextField(
        _("Anrisstext"), max_length=600, help_text=_("Zwei, drei Sätze für Übersicht, Startseite, Feed und Suche.")
    )
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="articles", verbose_name=_("Rubrik"))
    date = models.DateField(_("Datum"), db_index=True)
    author_text = models.CharField(
        _("Autor (Text)"),
        max_length=200,
        blank=True,
        help_text=_("Z. B. „Redaktion“. Bleibt das Feld leer und ist keine Person gewählt, steht dort „Redaktion“."),
    )
    author_member = models.ForeignKey(
        "networks.Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("Autorin oder Autor aus einem Netzwerk"),
        help_text=_("Erscheint nur, wenn die Person der Veröffentlichung ihres Namens zugestimmt hat."),
    )
    body = MarkdownField(_("Text"), help_text=BODY_HELP)
    is_example = models.BooleanField(
        _("Beispiel"), default=False, help_text=_("Kennzeichnet den Artikel öffentlich als Beispiel (Demo-Inhalte).")
    )
    events = models.ManyToManyField(
        "forums.Event", blank=True, related_name="articles", verbose_name=_("Veranstaltungen")
    )
    networks = models.ManyToManyField(
        "networks.Network", blank=True, related_name="articles", verbose_name=_("Experten-Netzwerke")
    )
    measures = models.ManyToManyField(
        "documents.Measure", blank=True, related_name="articles", verbose_name=_("Maßnahmen")
    )
    documents = models.ManyToManyField(
        "documents.Document", blank=True, related_name="articles", verbose_name=_("Dokumente")
    )
    printed_in = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="printed_articles",
        verbose_name=_("Gedruckt erschienen in"),
        help_text=_("Das Heft aus der Dokumentenbibliothek, in dem der Artikel auch gedruckt erschienen ist."),
    )
    printed_page = models.PositiveSmallIntegerField(
        _("Seite im Heft"), null=True, blank=True, help_text=_("Die erste Seite des Artikels in der PDF-Datei.")
    )

    objects = ArticleQuerySet.as_manager()

    history = content_history()

    class Meta:
        verbose_name = _("Artikel")
        verbose_name_plural = _("Artikel")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["status", "-date"], name="articles_article_status_date")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:article-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.printed_page and not self.printed_in_id:
            raise ValidationError({"printed_page": _("Eine Seite geht nur zusammen mit dem Heft.")})

    @property
    def author_display(self):
        """The author line: the member's name if they consented to be named, else the free text, else Redaktion."""
        member = self.author_member
        if member is not None and member.has_consented:
            return member.name
        return self.author_text or str(_("Redaktion"))

    @property
    def date_display(self):
        return date_format(self.date, "j. F Y")

    @property
    def pictures(self):
        """The article's pictures in order; reads the prefetched `picture_list` when there is one."""
        pictures = getattr(self, "picture_list", None)
        if pictures is None:
            pictures = list(self.images.order_by("position", "pk"))
        return pictures

    @property
    def cover(self):
        return next((picture for picture in self.pictures if picture.is_cover), None)

    @property
    def figures(self):
        """{number an editor writes after „::: abbildung“: picture}, counted from 1 in the order of the pictures."""
        return dict(enumerate(self.pictures, start=1))

    def rendered(self, *, for_print=False):
        """The body rendered (core.markup.RenderedText): safe HTML with anchors, headings, TOC, words."""
        cache = self.__dict__.setdefault("_rendered", {})
        if for_print not in cache:
            cache[for_print] = long_text_render(self.body, figures=self.figures, reserved=PAGE_IDS, for_print=for_print)
        return cache[for_print]

    @property
    def reading_minutes(self):
        return self.rendered().reading_minutes


def image_upload_to(instance, filename):
    # Pictures of draft articles sit in public media: a random name, only the (checked) extension is kept.
    return random_name("articles/images", os.path.splitext(filename)[1].lower())


class ArticleImage(Picture):
    """A picture of an article: the cover (`is_cover`) or a figure in the text („::: abbildung 2“)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images", verbose_name=_("Artikel"))
    image = models.ImageField(_("Bild"), upload_to=image_upload_to, width_field="width", height_field="height")

    history = content_history()

    class Meta:
        verbose_name = _("Bild")
        verbose_name_plural = _("Bilder")
        ordering = ["article", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article"],
                condition=Q(is_cover=True),
                name="articles_articleimage_one_cover_per_article",
                violation_error_message=_("Ein Artikel hat nur ein Titelbild."),
            ),
        ]
