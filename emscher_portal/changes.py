"""What a change of a top-app model affects (read by the change map, `emscher_portal.core.changes`)."""

from emscher_portal.core.changes import content, ignore
from emscher_portal.models import ContactMessage, LegalPage, SignLanguageVideo

content(LegalPage, SignLanguageVideo)
ignore(ContactMessage, reason="readers' messages are never shown, and an anonymous POST must not flush the cache")
