"""The change map: which objects a committed change affects, and what follows from it.

Each app declares in its `changes.py`, next to its models, which objects a change of one of its models affects —
its parents (a programme item's event) and what shows it elsewhere (the networks listed on an event's page):

    @affects(ProgrammeItem)
    def programme_item_affects(item):
        yield item.event

The changed object itself always counts. A model may be declared more than once: an app higher up in the layering
adds which of its own objects show a lower app's model (documents declares that an event's documents show the
event), because only it may import both. A model whose changes no page shows is declared with
`ignore(model, reason=…)`. A model of the project's apps declared neither way fails a test, so nothing new is
silently left out.

One receiver turns every committed save, delete and many-to-many change of a declared model into:

- a new page-cache version (once per transaction; `core.pagecache.version`),
- re-indexing of every affected object that has a search adapter (`core.search`),
- the prerender of the PDF of every affected object that has a PDF view (`core.pdf`, in the task worker, while
  PDF_PRERENDER is on).

What a saved object affects is worked out after the commit, from the committed rows; what a deleted object
affects is worked out before the delete, while its relations still exist. Several changes in one transaction are
followed together, each affected object once.
"""

import logging
import threading
import weakref
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.utils.module_loading import autodiscover_modules
from simple_history.models import HistoricalChanges

from emscher_portal.core.models import (
    Confirmation,
    ContentVersion,
    LimitCounter,
    OldSlug,
    PartnerLogo,
    PeriodicJob,
    PreviewLink,
    SearchEntry,
    SearchTerm,
    SiteOperator,
    TaskWorker,
)
from emscher_portal.core.pagecache.version import bump_content_version, bump_local
from emscher_portal.core.pdf.tasks import pdf_prerender
from emscher_portal.core.pdf.views import pdf_view_for
from emscher_portal.core.search.indexing import reindex
from emscher_portal.core.search.registry import adapter_for

logger = logging.getLogger(__name__)

# The modules every app may have to plug into the shared machinery; imported once the app registry is ready.
# (`periodic`: the app's periodic jobs for the task worker, see core/worker/periodic.py; `confirmations`: what its
# e-mail confirmations confirm, see core/confirmation.py.)
APP_MODULES = ("changes", "search", "pdf", "publish_checks", "periodic", "confirmations")

_affects = defaultdict(list)  # model → [function(instance) → iterable of affected objects]
_ignored = {}  # model → why its changes affect no page


def affects(*models):
    """Decorator: `function(instance)` yields the objects (other than `instance`) a change of it affects."""

    def decorator(function):
        for model in models:
            _affects[model].append(function)
        return function

    return decorator


def content(*models):
    """Declare models whose changes change what readers see but affect no other object (a former slug)."""
    for model in models:
        _affects[model]  # noqa: B018 -- creates the (empty) entry that makes the model content


def ignore(model, *, reason):
    """Declare that no page, search entry or PDF shows `model` (e.g. readers' messages), and say why."""
    _ignored[model] = reason


def is_history(model):
    """A model's history rows (django-simple-history): written with every change of the model they record, whose
    own change the map follows; no page shows them. Declared here once for every content model's history."""
    return issubclass(model, HistoricalChanges)


def is_declared(model):
    return model in _affects or model in _ignored or is_history(model)


def undeclared(models):
    """The models among `models` that no app declared, with `affects`, `content` or `ignore`."""
    return [model for model in models if not is_declared(model)]


def is_content(model):
    """True when a change of `model` may change what readers see."""
    return model in _affects


def affected_by(instance):
    """{(model, pk)} of `instance` and every object the declarations name for it."""
    found = {(type(instance), instance.pk)}
    for function in _affects.get(type(instance), ()):
        found.update((type(obj), obj.pk) for obj in function(instance) if obj is not None and obj.pk is not None)
    return found


# ---------------------------------------------------------------------------
# Collecting the changes of a transaction
# ---------------------------------------------------------------------------

_local = threading.local()


def _live(using):
    """This thread's changes on database `using` whose transaction has not ended yet (connections are per thread)."""
    live = getattr(_local, "live", None)
    if live is None:
        live = _local.live = defaultdict(weakref.WeakSet)
    return live[using]


class _Changes:
    """Some changes of one transaction, followed after it commits (an on_commit callback).

    Every change registers one of these, so a savepoint that rolls back takes its changes with it. The first one
    to run after the commit follows all that are pending in this thread — each affected object once — and the
    others find nothing left to do. A transaction that rolls back drops its callbacks, and with them (weakly
    referenced) its changes.
    """

    def __init__(self, using):
        self.using = using
        self.changed = set()  # (model, pk) saved or re-linked: what they affect is read after the commit
        self.affected = set()  # (model, pk) worked out before a delete
        self.done = False

    def __call__(self):
        batch = [changes for changes in list(_live(self.using)) if not changes.done]
        changed, affected = set(), set()
        for changes in batch:
            changes.done = True
            changed |= changes.changed
            affected |= changes.affected
        if batch:
            follow(changed=changed, affected=affected)


def _record(using, *, changed=(), affected=()):
    bump_local()
    changes = _Changes(using)
    changes.changed.update(changed)
    changes.affected.update(affected)
    _live(using).add(changes)
    # robust: a failure while following (a search or cache outage) is logged and never undoes the commit.
    transaction.on_commit(changes, using=using, robust=True)


def follow(*, changed=(), affected=()):
    """What a committed change sets off: the page-cache version, the search index, the PDF prerenders.

    `changed`: (model, pk) of saved objects, whose affected objects are read now; `affected`: (model, pk) known
    already (from before a delete).
    """
    keys = set(affected) | set(changed)
    by_model = defaultdict(set)
    for model, pk in changed:
        by_model[model].add(pk)
    for model, pks in by_model.items():
        for instance in model._base_manager.filter(pk__in=pks):
            keys |= affected_by(instance)
    bump_content_version()
    pks_by_model = defaultdict(set)
    for model, pk in keys:
        pks_by_model[model].add(pk)
    for model, pks in pks_by_model.items():
        if adapter_for(model) is not None:
            try:
                reindex(model, pks)
            except Exception:  # noqa: BLE001 -- the index is rebuilt by a command; the other effects must happen
                logger.exception("search index: could not re-index %s %s", model._meta.label, sorted(pks))
        if settings.PDF_PRERENDER and pdf_view_for(model) is not None:
            for pk in sorted(pks):
                pdf_prerender.enqueue(model=model._meta.label, pk=pk)


# ---------------------------------------------------------------------------
# The receivers
# ---------------------------------------------------------------------------


def _saved(sender, instance, raw=False, using=None, **kwargs):
    if not is_content(sender):
        return
    if raw:
        # Fixtures: the page cache must still move; the index is rebuilt with `rebuild_search_index` afterwards.
        _record(using)
        return
    _record(using, changed={(sender, instance.pk)})


def _deleting(sender, instance, using=None, **kwargs):
    if is_content(sender):
        _record(using, affected=affected_by(instance))


def _related_pks(through, instance, model):
    """The pks of `model` linked to `instance` through the M2M table `through` (before a clear)."""
    own = next(field for field in through._meta.fields if field.is_relation and field.related_model is type(instance))
    other = next(field for field in through._meta.fields if field.is_relation and field.related_model is model)
    return set(through._base_manager.filter(**{own.name: instance.pk}).values_list(other.attname, flat=True))


def _relinked(sender, instance, action, model, pk_set, using=None, **kwargs):
    if not (is_content(type(instance)) or is_content(model)):
        return
    if action == "pre_clear":
        instance._changes_cleared = _related_pks(sender, instance, model)
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    others = pk_set if action != "post_clear" else getattr(instance, "_changes_cleared", set())
    _record(using, changed={(type(instance), instance.pk)} | {(model, pk) for pk in others or ()})


def connect():
    """Import every app's `changes`, `search`, `pdf` and `periodic` modules (they register themselves), then
    listen for changes. Called once from the top app's ready()."""
    autodiscover_modules(*APP_MODULES)
    post_save.connect(_saved, dispatch_uid="core-changes-save")
    pre_delete.connect(_deleting, dispatch_uid="core-changes-delete")
    m2m_changed.connect(_relinked, dispatch_uid="core-changes-m2m")


# The machinery's own rows.
content(OldSlug)  # a former slug turns a 404 into a redirect
# Every page's footer and the Impressum show the operator; every PDF's cache key holds it (core.pdf.views), so
# the PDFs render afresh when they are next asked for.
content(SiteOperator, PartnerLogo)
ignore(ContentVersion, reason="the page-cache version itself")
ignore(SearchEntry, reason="the index mirrors content whose own change is followed")
ignore(SearchTerm, reason="words of the index, for suggestions")
ignore(TaskWorker, reason="the heartbeats of the task workers")
ignore(PeriodicJob, reason="when the worker last ran a periodic job")
ignore(PreviewLink, reason="a link to a draft; the draft's own page is never cached and shows no link")
ignore(LimitCounter, reason="counters of the rate limits and single-use tokens (core.limits)")
ignore(Confirmation, reason="requests to confirm an address; what they confirm is followed in its own model")
