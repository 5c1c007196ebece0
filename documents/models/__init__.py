"""Models of the documents app, one submodule per part.

- plan.py: the Maßnahmenplan 2020+ (Plan → ActionField → Measure, and the measures' status history).
- library.py: the document library (added by the library part).
"""

from .library import Document, DocumentKind, DocumentLanguage, DocumentPage, DocumentQuerySet, DocumentVersion
from .plan import ActionField, Measure, MeasureQuerySet, MeasureStatusChange, Plan

__all__ = [
    "Document",
    "DocumentKind",
    "DocumentLanguage",
    "DocumentPage",
    "DocumentQuerySet",
    "DocumentVersion",
    "ActionField",
    "Measure",
    "MeasureQuerySet",
    "MeasureStatusChange",
    "Plan",
]
