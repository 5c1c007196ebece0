import datetime
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.safestring import mark_safe

from emscher_portal.core.markup import markdown_to_html

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text, top_level=2):
    """{{ event.body|markdown }} — sanitised HTML from editor Markdown; {{ workshop.results|markdown:5 }} when the
    text stands below an h4, so its own headings start at h5."""
    return mark_safe(markdown_to_html(text, int(top_level)))  # noqa: S308 -- sanitised by nh3 in markdown_to_html


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter(name="json_ld")
def json_ld_filter(data):
    """{{ data|json_ld }} — a schema.org data block, escaped like json_script so no value can close the element.

    A `type="application/ld+json"` element is data, not script: browsers never execute it, so CSP allows it.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 -- escaped above


@register.filter(name="html_datetime")
def html_datetime_filter(value):
    """A `datetime` attribute value: local time to the second with its offset ("2026-12-01T19:33:39+01:00").
    HTML allows at most three fractional digits, so Django's "c" format (microseconds) is invalid there."""
    if not isinstance(value, datetime.datetime):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat(timespec="seconds")
