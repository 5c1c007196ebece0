"""Keeps generated PDFs current: publishing or editing content queues a re-render in the task worker, so readers
get a stored file instead of waiting. (The views' remembered answers follow the site-wide content version of
emscher_portal.pagecache, which every content change replaces.)

Connected in DocumentsConfig.ready(). Which PDF a model's change affects is listed in PRERENDER below, by dotted
path: the pipeline itself (documents.pdf) stays ignorant of forums, networks and the plan.
"""

import logging
from functools import partial

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

EVENT_PDF = "forums.views.EventPdfView"
NETWORK_PDF = "documents.views.pdf.NetworkPdfView"
MEASURE_PDF = "documents.views.pdf.MeasurePdfView"
PLAN_PDF = "documents.views.pdf.PlanPdfView"
LEGAL_PDF = "documents.views.pdf.LegalPagePdfView"


def _documents_targets(document):
    targets = [(EVENT_PDF, document.event_id, None)] if document.event_id else []
    targets += [(NETWORK_PDF, pk, None) for pk in document.networks.values_list("pk", flat=True)]
    targets += [(MEASURE_PDF, pk, None) for pk in document.measures.values_list("pk", flat=True)]
    return targets


# model label → function(instance) → [(view path, pk or None, URL kwargs or None)]
PRERENDER = {
    "forums.Event": lambda event: [(EVENT_PDF, event.pk, None)],
    "forums.ProgrammeItem": lambda item: [(EVENT_PDF, item.event_id, None)],
    "forums.Workshop": lambda workshop: [(EVENT_PDF, workshop.event_id, None)],
    "forums.Photo": lambda photo: [(EVENT_PDF, photo.event_id, None)],
    "networks.Network": lambda network: [(NETWORK_PDF, network.pk, None)],
    "networks.Member": lambda member: [(NETWORK_PDF, member.network_id, None)],
    "documents.Document": _documents_targets,
    "documents.Plan": lambda plan: [(PLAN_PDF, None, None)],
    "documents.ActionField": lambda field: [(PLAN_PDF, None, None)],
    "documents.Measure": lambda measure: [(MEASURE_PDF, measure.pk, None), (PLAN_PDF, None, None)],
    "emscher_portal.LegalPage": lambda page: [(LEGAL_PDF, None, {"kind": page.kind})],
}


def _enqueue(view, pk, kwargs):
    from documents.tasks import pdf_prerender  # noqa: PLC0415 -- tasks import the pipeline; avoid the cycle

    # Several saves in one admin form may queue the same PDF more than once: the task finds the stored file
    # (or waits for the advisory lock of the render in progress), so a repeat costs a few queries, not a render.
    pdf_prerender.enqueue(view=view, pk=pk, kwargs=kwargs)


def content_saved(sender, instance, **kwargs):
    if not getattr(settings, "PDF_PRERENDER", True) or kwargs.get("raw"):
        return
    targets_for = PRERENDER.get(sender._meta.label)
    if targets_for is None:
        return
    try:
        targets = targets_for(instance)
    except Exception:  # noqa: BLE001 -- a missed prerender only means the first reader renders
        logger.exception("PDF prerender: could not work out the PDFs of %s %s", sender._meta.label, instance.pk)
        return
    for view, pk, url_kwargs in targets:
        transaction.on_commit(partial(_enqueue, view, pk, url_kwargs))


def relations_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        content_saved(type(instance), instance)


def connect():
    for label in PRERENDER:
        model = apps.get_model(label)
        post_save.connect(content_saved, sender=model, dispatch_uid=f"pdf-save-{label}")
        # A deleted workshop or photo changes its event's PDF just like an edited one.
        post_delete.connect(content_saved, sender=model, dispatch_uid=f"pdf-delete-{label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(relations_changed, sender=through, dispatch_uid=f"pdf-m2m-{through._meta.label}")
