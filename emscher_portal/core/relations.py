"""Reading rows of a higher app from a lower one, through the reverse relation the higher app declared."""


def reverse_related_model(model, name):
    """The model behind `model`'s reverse relation `name` (e.g. `Network`, "events" → the forums' Event).

    A lower app may show rows of a higher one (a network's page lists its events) but must not import it; the
    relation the higher app declared leads to its model.
    """
    return model._meta.get_field(name).related_model
