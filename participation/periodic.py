"""Periodic jobs of the participation app, run by the task worker (see emscher_portal/core/worker/periodic.py)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from emscher_portal.core.pdf.tasks import pdf_prerender
from emscher_portal.core.worker.periodic import periodic
from participation.models import Round, Topic
from participation.selectors import round_list_phase_begun
from participation.services import round_forget_addresses, topic_purge_unconfirmed

PHASE_PDF_EVERY = timedelta(minutes=10)


@periodic(every=timedelta(hours=1))
def participation_addresses_purge():
    """What the Datenschutz page promises: unconfirmed proposals go (normally with their confirmation request, this
    catches the rest), and proposers' addresses are deleted once their round is closed."""
    older_than = timezone.now() - timedelta(
        hours=settings.CONFIRMATION_VALID_HOURS, days=settings.CONFIRMATION_KEEP_DAYS + 1
    )
    proposals = topic_purge_unconfirmed(older_than=older_than)
    addresses = round_forget_addresses()
    return f"{proposals} unbestätigte Vorschläge und {addresses} Adressen gelöscht"


@periodic(every=PHASE_PDF_EVERY)
def participation_pdfs_after_phase_change():
    """A round's PDF and its topics' PDFs show the phase, and from the end of the weighing on the points: a change
    that comes with the clock, not with a save, so the change map does not see it. This job prerenders them after
    each phase change, so the first reader gets a stored file. It looks back twice its interval (a late run still
    finds the change); a PDF already stored is not rendered again."""
    if not settings.PDF_PRERENDER:
        return "PDF_PRERENDER ist aus"
    now = timezone.now()
    rounds = list(round_list_phase_begun(since=now - 2 * PHASE_PDF_EVERY, until=now))
    topics = list(Topic.objects.filter(round__in=rounds).public().values_list("pk", flat=True))
    for round_ in rounds:
        pdf_prerender.enqueue(model=Round._meta.label, pk=round_.pk)
    for pk in topics:
        pdf_prerender.enqueue(model=Topic._meta.label, pk=pk)
    return f"{len(rounds)} Runden und {len(topics)} Themen zum Vorab-Erzeugen der PDFs eingereiht"
