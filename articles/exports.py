"""An article as schema.org JSON-LD and its citation line."""

from django.utils.translation import gettext as _

from emscher_portal.core.site import ORGANISATION_NAME


def article_json_ld(article, *, url, image_url="", issue=None, issue_url=""):
    """schema.org Article as a dict (rendered with the json_ld filter): author, dates, section, and `isPartOf` the
    printed issue where the article appeared in one that is in the document library."""
    member = article.author_member
    if member is not None and member.has_consented:
        author = {"@type": "Person", "name": member.name}
    else:
        author = {"@type": "Organization", "name": article.author_text or ORGANISATION_NAME}
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.title,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.date.isoformat(),
        "dateModified": article.updated_at.isoformat() if article.updated_at else article.date.isoformat(),
        "author": author,
        "publisher": {"@type": "Organization", "name": ORGANISATION_NAME},
        "articleSection": article.rubric.name,
        "description": article.teaser,
        "inLanguage": "de",
        "wordCount": article.rendered().words,
        "timeRequired": f"PT{article.reading_minutes}M",
    }
    if article.kicker:
        data["alternativeHeadline"] = article.kicker
    if image_url:
        data["image"] = [image_url]
    if issue is not None:
        data["isPartOf"] = {"@type": "PublicationIssue", "name": issue.title, "url": issue_url}
        if article.printed_page:
            data["pageStart"] = article.printed_page
    return data


def article_citation(article, *, url):
    """„Redaktion: Titel. In: Zukunftsinitiative …, 5. Dezember 2025. URL“ — for the PDF and the page."""
    return _("%(author)s: %(title)s. %(publisher)s, %(date)s. %(url)s") % {
        "author": article.author_display,
        "title": article.title,
        "publisher": ORGANISATION_NAME,
        "date": article.date_display,
        "url": url,
    }
