from django.utils.text import slugify


def german_slugify(value):
    """slugify() that keeps German words readable: „Mülheim“ becomes „muelheim“, not „mulheim“."""
    for umlaut, replacement in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        value = value.replace(umlaut, replacement).replace(umlaut.upper(), replacement.capitalize())
    return slugify(value)
