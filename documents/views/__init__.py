"""Views of the documents app, one submodule per part: plan.py (Maßnahmenplan), library.py (document library)."""
