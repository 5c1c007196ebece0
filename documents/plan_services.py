"""Writes for the Maßnahmenplan: saving a measure keeps its status history."""

from django.db import transaction
from django.utils import timezone

from documents.models import Measure, MeasureStatusChange


@transaction.atomic
def measure_save(*, measure, user=None, changed_on=None, note=""):
    """Validate and store `measure`; when its implementation status is new or changed, add a history row.

    `changed_on` defaults to today (Europe/Berlin); `user` is remembered as the editor of the change.
    Returns the measure.
    """
    previous = None
    if measure.pk:
        previous = Measure.objects.filter(pk=measure.pk).values_list("implementation_status", flat=True).first()
    measure.full_clean()
    measure.save()
    if previous != measure.implementation_status:
        MeasureStatusChange.objects.create(
            measure=measure,
            old_status=previous or "",
            new_status=measure.implementation_status,
            changed_on=changed_on or timezone.localdate(),
            note=note,
            changed_by=user if user is not None and user.is_authenticated else None,
        )
    return measure


def measure_set_status(*, measure, status, user=None, changed_on=None, note=""):
    """Change a measure's implementation status and record the change (a no-op when it is already `status`)."""
    measure.implementation_status = status
    return measure_save(measure=measure, user=user, changed_on=changed_on, note=note)


@transaction.atomic
def measure_status_correction_add(*, measure, new_status, note, changed_on=None, user=None):
    """Append a correction to the measure's status history (the history is never edited or deleted): from the
    measure's current implementation status to `new_status`, with the reason in `note`. The measure takes
    `new_status` as its current status. Returns the new entry."""
    entry = MeasureStatusChange(
        measure=measure,
        old_status=measure.implementation_status,
        new_status=new_status,
        changed_on=changed_on or timezone.localdate(),
        note=note,
        changed_by=user if user is not None and user.is_authenticated else None,
    )
    entry.full_clean()
    entry.save()
    if measure.implementation_status != new_status:
        measure.implementation_status = new_status
        measure._change_reason = note[:100]
        measure.save(update_fields=["implementation_status", "updated_at"])
    return entry
