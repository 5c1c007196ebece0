"""Markup rules every rendered page keeps, checked without a browser."""

import re

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/"]


@pytest.mark.parametrize("url", PAGES)
def test_page_has_no_inline_script_or_style(client, url):
    html = client.get(url).text

    assert ' style="' not in html
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
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
