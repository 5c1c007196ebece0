"""/feeds/themen/<round>/: what is new in a round of topics — newly approved topics and decisions — as Atom."""

from django.shortcuts import get_object_or_404
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from emscher_portal.core.feeds import FEED_SIZE, ContentFeed
from participation.models import Round, Topic


class RoundFeed(ContentFeed):
    """A round's new topics (once the working group approved them) and its decisions with their reasons, newest
    first; no personal data (no proposer's name, even one shown on the topic's page). Three queries."""

    def get_object(self, request, slug):
        return get_object_or_404(Round.objects.published(), slug=slug)

    def title(self, round_):
        return _("Emscher-Portal: %(title)s") % {"title": round_.title}

    def subtitle(self, round_):
        return _("Neu freigegebene Themen und die Entscheidungen der Arbeitsgruppe in der Runde „%(title)s“.") % {
            "title": round_.title
        }

    def link(self, round_):
        return round_.get_absolute_url()

    def items(self, round_):
        topics = Topic.objects.filter(round=round_).select_related("round")
        approved = topics.weighable().exclude(moderated_at=None).order_by("-moderated_at", "-pk")[:FEED_SIZE]
        decided = topics.public().exclude(decision="").exclude(decided_at=None).order_by("-decided_at", "-pk")
        rows = [("approved", topic, topic.moderated_at) for topic in approved]
        rows += [("decided", topic, topic.decided_at) for topic in decided[:FEED_SIZE]]
        return sorted(rows, key=lambda row: row[2], reverse=True)[:FEED_SIZE]

    def item_title(self, item):
        kind, topic, _moment = item
        if kind == "decided":
            return _("Entschieden: %(title)s – %(decision)s") % {
                "title": topic.title,
                "decision": topic.get_decision_display(),
            }
        return _("Neues Thema: %(title)s") % {"title": topic.title}

    def item_link(self, item):
        return item[1].get_absolute_url()

    def item_guid(self, item):
        kind, topic, moment = item
        # A decision changed later is a new entry; the approval of a topic happens once.
        suffix = f"entscheidung-{int(moment.timestamp())}" if kind == "decided" else "freigegeben"
        return f"{topic.get_absolute_url()}#{suffix}"

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return item[2]

    def item_updateddate(self, item):
        return item[2]

    def item_categories(self, item):
        kind, topic, _moment = item
        if kind == "decided":
            return [str(_("Entscheidung")), topic.get_decision_display()]
        return [str(_("Neues Thema"))]

    def item_description(self, item):
        kind, topic, _moment = item
        if kind == "decided":
            return topic.decision_reason
        return Truncator(topic.description).words(60)
