from emscher_portal.core.markup import markdown_to_html


def test_markdown_renders_paragraphs_lists_links_and_headings():
    html = markdown_to_html("# Ergebnisse\n\nText mit [Link](https://example.org).\n\n- eins\n- zwei")

    assert html == (
        "<h2>Ergebnisse</h2>\n"
        '<p>Text mit <a href="https://example.org" rel="noopener noreferrer">Link</a>.</p>\n'
        "<ul>\n<li>eins</li>\n<li>zwei</li>\n</ul>"
    )


def test_markdown_never_passes_raw_html_through():
    html = markdown_to_html('<script>alert(1)</script> <img src=x onerror="alert(1)">')

    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


def test_markdown_drops_javascript_links():
    html = markdown_to_html("[klick](javascript:alert(1))")

    assert "javascript:" not in html
