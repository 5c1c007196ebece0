"""Reading rows of a higher app from a lower one, through the reverse relation the higher app declared."""

from django.db.models import Prefetch


def reverse_related_model(model, name):
    """The model behind `model`'s reverse relation `name` (e.g. `Network`, "events" → the forums' Event).

    A lower app may show rows of a higher one (a network's page lists its events) but must not import it; the
    relation the higher app declared leads to its model.
    """
    return model._meta.get_field(name).related_model


def published_reverse_prefetch(model, name, *, to_attr, order_by=(), select_related=()):
    """A Prefetch of the published rows of `model`'s reverse relation `name` (a higher app's content), as the list
    `to_attr`: e.g. an event page's articles, read without importing the articles app. One query."""
    queryset = reverse_related_model(model, name).objects.published()
    if select_related:
        queryset = queryset.select_related(*select_related)
    if order_by:
        queryset = queryset.order_by(*order_by)
    return Prefetch(name, queryset=queryset, to_attr=to_attr)
