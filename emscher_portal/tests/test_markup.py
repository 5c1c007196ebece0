"""Markup rules every rendered page keeps, checked without a browser."""

import re

import pytest

pytestmark = pytest.mark.django_db

# A <script> without src is inline code and banned by the CSP. The one exception is a JSON-LD data block
# (type="application/ld+json"): browsers never execute it, so script-src does not apply.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/ld\+json\")[^>]*>")

PAGES = ["/"]


@pytest.mark.parametrize("url", PAGES)
def test_page_has_no_inline_script_or_style(client, url):
    html = client.get(url).text

    assert ' style="' not in html
    assert INLINE_SCRIPT.findall(html) == []
    assert re.findall(r"\son[a-z]+=", html) == []


@pytest.mark.parametrize("url", PAGES)
def test_every_input_has_a_label(client, url):
    html = client.get(url).text

    ids = re.findall(r'<input[^>]*\bid="([^"]+)"', html)
    assert ids
    for input_id in ids:
        assert f'for="{input_id}"' in html


@pytest.mark.parametrize("url", PAGES)
def test_page_loads_nothing_from_another_host(client, url):
    html = client.get(url).text

    assert re.findall(r'\s(?:src|href)="(?:https?:)?//', html) == []


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<script type="application/ld+json">{"@type": "Event"}</script>', []),
        ('<script type="module" src="/static/js/a.js"></script>', []),
        ("<script>alert(1)</script>", ["<script>"]),
        ('<script type="text/javascript">alert(1)</script>', ['<script type="text/javascript">']),
        ('<script type="application/json">{}</script>', ['<script type="application/json">']),
    ],
)
def test_inline_script_check_allows_only_json_ld_data_blocks(html, found):
    assert INLINE_SCRIPT.findall(html) == found
