"""Demo content of the site-wide app: the legal pages and the Leichte-Sprache page.

The legal texts are templates for the Redaktion to complete: every placeholder is marked „[bitte ergänzen]“ and each
page opens with a note saying so. The operator's details are no placeholders but the SiteOperator record, which the
Impressum and the Datenschutzerklärung show; the demo fills in only the publisher's name, the one detail known.
The Leichte-Sprache text follows the rules of Leichte Sprache: short sentences, one statement per sentence, no
passive, no abbreviations.
"""

from emscher_portal.core.models import SiteOperator, Status
from emscher_portal.core.site import ORGANISATION_NAME
from emscher_portal.models import LegalPage

TEMPLATE_NOTE = (
    "**Vorlage der Redaktion:** Dieser Text ist ein Beispieltext. Bitte vervollständigen Sie alle Stellen mit "
    "„[bitte ergänzen]“ und lassen Sie ihn vor der Veröffentlichung rechtlich prüfen.\n\n"
)

# The operator's details (Herausgeber, address, contact, responsible person) are not text but the one
# SiteOperator record, shown above this text; the demo fills in only what is known (see load()).
IMPRINT = """*Beispieltext der Redaktion: Die Hinweise auf dieser Seite sind ein Entwurf und werden vor der
Veröffentlichung rechtlich geprüft.*

## Haftung für Links

Dieses Portal verlinkt auf Seiten anderer Anbieter. Für deren Inhalte sind allein diese Anbieter verantwortlich.

## Fotos und Dokumente

Wer ein Foto gemacht hat, steht neben dem Foto. Die Dokumente in der Dokumentenbibliothek nennen ihre Herausgeber.
"""

PRIVACY = (
    TEMPLATE_NOTE
    + """## Das Wichtigste in Kürze

- Wer dieses Portal nur liest, bekommt **kein Cookie** und wird nicht verfolgt. Es gibt keine Statistik- oder
  Analysewerkzeuge.
- Alle Schriften, Bilder und Programme werden von unserem eigenen Server geladen, nie von anderen Anbietern.
- Daten, die Sie uns über das Kontaktformular senden, nutzen wir nur, um Ihre Nachricht zu beantworten.

## Server-Protokolle

Beim Aufruf einer Seite verarbeitet der Server technisch notwendige Daten (IP-Adresse, Zeitpunkt, aufgerufene
Adresse). [bitte ergänzen: Speicherdauer der Protokolle und Rechtsgrundlage]

## Cookies

Nur auf Seiten mit einem Formular (zum Beispiel dem Kontaktformular) setzt das Portal ein technisch notwendiges
Sicherheits-Cookie („csrftoken“). Es schützt das Formular vor Missbrauch und enthält keine Daten über Sie.

## Kontaktformular

Wenn Sie uns schreiben, speichern wir Ihren Namen, Ihre E-Mail-Adresse, Ihre Organisation (freiwillig) und Ihre
Nachricht und leiten sie per E-Mail an die Redaktion weiter. Zum Schutz vor massenhaften Zusendungen wird Ihre
IP-Adresse für höchstens eine Stunde im Zwischenspeicher gezählt, nicht gespeichert.

## Ihre Rechte

Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der Verarbeitung sowie ein
Beschwerderecht bei der Aufsichtsbehörde: [bitte ergänzen: Landesbeauftragte für Datenschutz und
Informationsfreiheit Nordrhein-Westfalen, Anschrift prüfen]
"""
)

ACCESSIBILITY = (
    TEMPLATE_NOTE
    + """Die Zukunftsinitiative „Wasser in der Stadt von morgen“ möchte dieses Portal für alle Menschen
zugänglich machen. Rechtsgrundlage sind das Behindertengleichstellungsgesetz Nordrhein-Westfalen und die
Barrierefreie-Informationstechnik-Verordnung Nordrhein-Westfalen (BITV NRW), die auf die BITV 2.0 und die
europäische Norm EN 301 549 verweisen. Wir prüfen das Portal gegen die Web Content Accessibility Guidelines
(WCAG) 2.2, Stufe AA.

## Stand der Vereinbarkeit

Dieses Portal ist **teilweise barrierefrei**. Jede Seitenart wird bei jeder Änderung automatisch in einem echten
Browser mit dem Prüfwerkzeug axe-core geprüft, auch mit der Tastatur, bei 320 Pixel Breite und bei 200 Prozent
Textgröße. Eine vollständige Prüfung durch Fachleute steht noch aus. [bitte ergänzen: Datum und Art der Prüfung]

## Bekannte Einschränkungen

- Ältere PDF-Dokumente in der Dokumentenbibliothek sind nicht vollständig barrierefrei. Eine Liste der Dateien, die
  vor dem 23. September 2018 veröffentlicht wurden, steht unten.
- Hochgeladene Präsentationen und Fotos von Veranstaltungen stammen aus vielen Quellen. Ihre Bildbeschreibungen
  können unvollständig sein.
- [bitte ergänzen: weitere bekannte Mängel]

## Erstellung dieser Erklärung

Diese Erklärung wurde am [bitte ergänzen: Datum] erstellt und zuletzt am [bitte ergänzen] überprüft.

## Feedback und Kontakt

Ist Ihnen eine Barriere aufgefallen, oder brauchen Sie einen Inhalt in einer anderen Form? Nutzen Sie den Link
„Barriere melden“ unten auf jeder Seite oder das [Kontaktformular](/kontakt/?betreff=barriere). Wir antworten
innerhalb von [bitte ergänzen: Frist].

## Durchsetzungsverfahren

Wenn Sie auf Ihre Meldung keine zufriedenstellende Antwort bekommen, können Sie sich an die Ombudsstelle für
barrierefreie Informationstechnik des Landes Nordrhein-Westfalen wenden. Sie ist bei der oder dem Beauftragten der
Landesregierung für Menschen mit Behinderung angesiedelt und vermittelt kostenlos zwischen Ihnen und uns.

Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen  
bei der oder dem Beauftragten der Landesregierung für Menschen mit Behinderung  
Fürstenwall 25, 40219 Düsseldorf  
E-Mail: [ombudsstelle-barrierefreie-it@mags.nrw.de](mailto:ombudsstelle-barrierefreie-it@mags.nrw.de)

[bitte vor der Veröffentlichung prüfen: Anschrift und E-Mail-Adresse der Ombudsstelle, Telefonnummer ergänzen]
"""
)

EASY_LANGUAGE = """Hier erklären wir diese Internet-Seite in Leichter Sprache.

## Worum geht es?

Viele Städte liegen an dem Fluss Emscher.
Die Städte arbeiten zusammen.
Die Emscher-Genossenschaft arbeitet mit.
Die Emscher-Genossenschaft kümmert sich um das Wasser an der Emscher.
Das Land Nordrhein-Westfalen arbeitet auch mit.

Die Zusammenarbeit heißt: Zukunfts-Initiative Wasser in der Stadt von morgen.

Das Wetter ändert sich.
Die Sommer werden heißer.
Es gibt mehr starken Regen.
Die Städte wollen sich darauf vorbereiten.
Die Städte sollen gesund bleiben.
Die Menschen sollen gut in den Städten leben können.

## Was finden Sie auf dieser Internet-Seite?

Fach-Leute aus den Städten treffen sich einmal im Jahr.
Das Treffen heißt: Experten-Forum.
Dort lernen die Fach-Leute voneinander.
Auf dieser Internet-Seite finden Sie alle Treffen.
Sie finden auch Fotos und Berichte von den Treffen.

Die Fach-Leute arbeiten auch zwischen den Treffen zusammen.
Das machen sie in Gruppen.
Die Gruppen heißen: Experten-Netzwerke.

Die Städte haben einen gemeinsamen Plan.
Der Plan heißt: Maßnahmen-Plan.
In dem Plan steht: Das wollen wir tun.

Sie können viele Texte herunterladen.
Die Texte sind PDF-Dateien.

## Wie finden Sie sich zurecht?

Ganz oben auf jeder Seite ist ein Menü.
Mit dem Menü kommen Sie zu den Treffen, zu den Gruppen, zu dem Plan und zu den Texten.
Oben gibt es auch ein Such-Feld.
Dort können Sie ein Wort eingeben.
Dann zeigt Ihnen die Seite alles zu diesem Wort.

Sie können die Seite auch nur mit der Tastatur benutzen.
Drücken Sie dafür die Tab-Taste.

## Ist die Internet-Seite barrierefrei?

Barrierefrei bedeutet: Alle Menschen können die Seite gut benutzen.
Wir prüfen die Seite regelmäßig.
Die Seite ist noch nicht ganz barrierefrei.
Manche alten PDF-Dateien sind schwer zu lesen.

Sie haben ein Problem mit der Seite?
Dann schreiben Sie uns.
Unten auf jeder Seite steht: Barriere melden.
Klicken Sie darauf.
Dann kommen Sie zu einem Formular.

Wir antworten Ihnen nicht?
Oder Sie sind mit der Antwort nicht zufrieden?
Dann können Sie sich an eine Schlichtungs-Stelle wenden.
Die Schlichtungs-Stelle hilft Ihnen.
Das kostet nichts.
Mehr dazu steht in der Erklärung zur Barriere-Freiheit.
"""


def _one_sentence_per_line(text):
    """Leichte Sprache puts each sentence on its own line: a Markdown hard break (two spaces) after each one."""
    lines = text.split("\n")
    return "\n".join(
        line + "  " if line and index + 1 < len(lines) and lines[index + 1] and not line.startswith("#") else line
        for index, line in enumerate(lines)
    )


EASY_LANGUAGE = _one_sentence_per_line(EASY_LANGUAGE)

PAGES = [
    (LegalPage.Kind.IMPRINT, "Impressum", "Wer das Emscher-Portal betreibt und wie Sie uns erreichen.", IMPRINT),
    (
        LegalPage.Kind.PRIVACY,
        "Datenschutzerklärung",
        "Kein Tracking, keine Cookies für Lesende: wie das Emscher-Portal mit Ihren Daten umgeht.",
        PRIVACY,
    ),
    (
        LegalPage.Kind.ACCESSIBILITY,
        "Erklärung zur Barrierefreiheit",
        "Wie barrierefrei das Emscher-Portal ist, welche Einschränkungen es gibt und wie Sie eine Barriere melden.",
        ACCESSIBILITY,
    ),
    (
        LegalPage.Kind.EASY_LANGUAGE,
        "Informationen in Leichter Sprache",
        "Was diese Internet-Seite bietet, in Leichter Sprache erklärt.",
        EASY_LANGUAGE,
    ),
]


def load():
    # Of the operator's details only the name the portal appears under is known; the Impressum says plainly which
    # details are not filled in yet (legal body, representative, address, e-mail, responsible person).
    SiteOperator.objects.update_or_create(pk=SiteOperator.SINGLE_ROW, defaults={"publisher": ORGANISATION_NAME})
    for kind, title, summary, body in PAGES:
        LegalPage.objects.update_or_create(
            kind=kind, defaults={"title": title, "summary": summary, "body": body, "status": Status.PUBLISHED}
        )
