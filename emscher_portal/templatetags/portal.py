from django import template
from django.utils.safestring import mark_safe

from emscher_portal.markup import markdown_to_html

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """{{ event.body|markdown }} — sanitised HTML from editor Markdown."""
    return mark_safe(markdown_to_html(text))  # noqa: S308 -- sanitised by nh3 in markdown_to_html
