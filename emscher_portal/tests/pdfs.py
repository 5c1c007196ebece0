"""Reading generated PDFs back in tests, as a reader's PDF viewer would."""

import io

from pypdf import PdfReader


def response_bytes(response):
    """The body of a response, streamed (a FileResponse) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def read_pdf(response):
    """(PdfReader, text of all pages) of a 200 PDF response; fails unless it is one."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = response_bytes(response)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def outline_titles(items):
    """The PDF's bookmarks, nested ones flattened, in order."""
    titles = []
    for item in items:
        titles += outline_titles(item) if isinstance(item, list) else [item.title]
    return titles


def outline_tree(items):
    """The PDF's bookmarks as nested (title, [children]) pairs, as a viewer's sidebar shows them."""
    tree = []
    for item in items:
        if isinstance(item, list):
            title, _children = tree[-1]
            tree[-1] = (title, outline_tree(item))
        else:
            tree.append((item.title, []))
    return tree
