"""Reading numbers that people typed: query strings, form fields, an editor's text."""


def whole_number(raw, *, max_digits=9):
    """The whole number `raw` spells in ASCII digits, or None.

    `str.isdigit()` alone is not enough: it accepts „²“ or Arabic-Indic digits, which `int()` then refuses or reads
    differently, and a number of thousands of digits, which `int()` refuses — a 500 instead of a clear answer.
    """
    text = str(raw).strip() if raw is not None else ""
    if not text or len(text) > max_digits or not (text.isascii() and text.isdigit()):
        return None
    return int(text)
