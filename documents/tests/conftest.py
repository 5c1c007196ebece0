import pytest

from documents import pdf as pipeline


@pytest.fixture
def render_spy(monkeypatch):
    """Counts real renders: wraps pdf_render_bytes and still calls through to WeasyPrint."""
    calls = []
    real = pipeline.pdf_render_bytes

    def spy(**kwargs):
        calls.append(kwargs["template"])
        return real(**kwargs)

    monkeypatch.setattr(pipeline, "pdf_render_bytes", spy)
    return calls
