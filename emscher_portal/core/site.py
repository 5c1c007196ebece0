"""Who runs the portal: the names written on pages, feeds, calendars, PDFs and as the issuer of documents."""

# The initiative's full name (page titles, footer, the issuer of documents, the organiser in calendars).
ORGANISATION_NAME = "Zukunftsinitiative „Wasser in der Stadt von morgen“"
# The portal's short name (calendar names, compact headers).
SITE_SHORT_NAME = "Emscher-Portal"
