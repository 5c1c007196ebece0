"""The PDF pipeline: every generated PDF („PDF anzeigen“, forum documentation, the plan) goes through it.

- `render`: a print template to PDF bytes with WeasyPrint, once per content version, stored in media storage;
- `fetch`: what a render may load (only our own static and media files);
- `stamp`: cache keys from everything a PDF shows;
- `views`: `ObjectPdfView`, which every app's PDF view extends, and the registry of them by model;
- `responses`: streaming a stored PDF with ETag, 304 and the right cache headers;
- `tasks`: the prerender the change map queues.

WeasyPrint is imported only inside a render, so a web worker that never renders never loads it.
"""
