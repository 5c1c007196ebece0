"""Scheduled publishing: „Veröffentlichen am“ / „Zurückziehen am“ of every publishable model, carried out on time.

`publication_run_due()` is the one service: it finds every publishable model through the app registry, publishes
each draft whose `publish_at` has come and withdraws each published object whose `unpublish_at` has come — one
real `save()` per object, so the change map follows it (page cache, search index, sitemap, feeds, PDF prerenders)
and the history records it („Geplante Veröffentlichung“). An object whose publish checks find an error is not
published; its schedule is cleared and the history says why.

It is invoked
(a) by the page cache's lookup on every page read (`core.pagecache`): the time of the next due transition is kept
    beside the content version (in the `ContentVersion` row and, with a shared cache, in the same MGET as the
    version), so the check costs no extra query; when that time has come the service runs before the page is
    looked up, and the next request after the minute sees the change even without a task worker. Staff requests,
    which bypass the page cache, make the same check with one small query;
(b) by the task worker every minute (the periodic job `publications_due` in emscher_portal/periodic.py), so a due
    change happens on time even when nobody reads a page.

The next due time is worked out again after each run and after every committed save of an object with a schedule.

Pages may also change at a time without any save: a round of topics moves from proposing to weighing at a set
minute. An app registers such times with `@page_change_times` (a function of `now` returning the coming times);
they count as due transitions too, and when one has come the content version is counted up, so no cached page
shows the old phase.
"""

import logging

from django.apps import apps
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from emscher_portal.core.models import PublishableModel, Status
from emscher_portal.core.pagecache.version import bump_content_version, schedule_due, schedule_due_store
from emscher_portal.core.publish_checks import publish_findings

logger = logging.getLogger(__name__)

REASON_PUBLISH = "Geplante Veröffentlichung"
REASON_WITHDRAW = "Geplantes Zurückziehen"


def publishable_models():
    """Every concrete model built on PublishableModel, from the app registry (core imports no content app)."""
    return [model for model in apps.get_models() if issubclass(model, PublishableModel)]


_page_change_times = []


def page_change_times(function):
    """Decorator: `function(now)` returns the coming times (after `now`) at which some page changes without a save
    (e.g. a phase of a round begins). The page cache starts afresh at each of them."""
    _page_change_times.append(function)
    return function


def publication_next_due(now=None):
    """The earliest pending `publish_at` of a draft or `unpublish_at` of a published object, or the next registered
    page change time, or None."""
    now = now or timezone.now()
    times = [moment for function in _page_change_times for moment in function(now) if moment > now]
    for model in publishable_models():
        found = model._base_manager.aggregate(
            publish=Min("publish_at", filter=Q(status=Status.DRAFT)),
            withdraw=Min("unpublish_at", filter=Q(status=Status.PUBLISHED)),
        )
        times.extend(value for value in found.values() if value is not None)
    return min(times, default=None)


def _transition(obj, *, status, reason):
    obj.status = status
    obj.publish_at = None if status == Status.PUBLISHED else obj.publish_at
    obj.unpublish_at = None if status == Status.DRAFT else obj.unpublish_at
    obj._change_reason = reason
    obj.save(update_fields=["status", "publish_at", "unpublish_at", "updated_at"])


def publication_run_due(*, now=None):
    """Carry out every due scheduled publication and withdrawal; returns (published, withdrawn, refused) counts.

    Each object is saved in its own transaction (rows locked and skipped when another process has them), so two
    processes never both publish one object and one failing object stops no other."""
    now = now or timezone.now()
    due = schedule_due()
    published = withdrawn = refused = 0
    for model in publishable_models():
        for pk in list(
            model._base_manager.filter(status=Status.DRAFT, publish_at__lte=now).values_list("pk", flat=True)
        ):
            with transaction.atomic():
                obj = _locked(model, pk, Status.DRAFT, publish_at__lte=now)
                if obj is None:
                    continue
                errors = [finding.message for finding in publish_findings(obj) if finding.is_error]
                if errors:
                    obj.publish_at = None
                    obj._change_reason = (_("Geplante Veröffentlichung abgebrochen: %s") % " ".join(errors))[:100]
                    obj.save(update_fields=["publish_at", "updated_at"])
                    logger.warning("scheduled publication of %s %s refused: %s", model._meta.label, pk, errors)
                    refused += 1
                    continue
                _transition(obj, status=Status.PUBLISHED, reason=REASON_PUBLISH)
                published += 1
        for pk in list(
            model._base_manager.filter(status=Status.PUBLISHED, unpublish_at__lte=now).values_list("pk", flat=True)
        ):
            with transaction.atomic():
                obj = _locked(model, pk, Status.PUBLISHED, unpublish_at__lte=now)
                if obj is None:
                    continue
                _transition(obj, status=Status.DRAFT, reason=REASON_WITHDRAW)
                withdrawn += 1
    if published or withdrawn or refused:
        logger.info("scheduled publishing: %d published, %d withdrawn, %d refused", published, withdrawn, refused)
    if due is not None and due <= now and not (published or withdrawn):
        # A registered page change time has come (or a schedule another process carried out): pages may differ now.
        bump_content_version()
    schedule_refresh(now=now)
    return published, withdrawn, refused


def _locked(model, pk, status, **due):
    rows = model._base_manager.filter(pk=pk, status=status, **due)
    return rows.select_for_update(skip_locked=True).first()


def schedule_refresh(now=None):
    """Work out the next due transition again and keep it where the page cache's lookup reads it."""
    schedule_due_store(publication_next_due(now))


def _saved(sender, instance, raw=False, **kwargs):
    if not raw and (instance.publish_at or instance.unpublish_at):
        transaction.on_commit(schedule_refresh, robust=True)


def connect():
    """Listen for saves of objects with a schedule, so the page cache's check learns of it after the commit."""
    for model in publishable_models():
        post_save.connect(_saved, sender=model, dispatch_uid=f"core-scheduling-{model._meta.label}")
