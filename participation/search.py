"""What the rounds of topics contribute to the site search: rounds and their public topics."""

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from emscher_portal.core.models import Status
from emscher_portal.core.search.registry import Adapter, Kind, Unit, joined, plain, register
from participation.models import Round, Topic


@register
class RoundAdapter(Adapter):
    model = Round
    kind = Kind("themenrunde", _("Themenrunden"))

    def queryset(self):
        return Round.objects.published().select_related("event")

    def units(self, round_):
        yield Unit(
            title=round_.title,
            url=round_.get_absolute_url(),
            summary=joined(round_.event.title if round_.event else "", str(_("Themen für das nächste Forum"))),
            body=plain(round_.introduction),
            date=round_.proposals_open_at.date(),
            date_text=date_format(round_.proposals_open_at.date(), "j. F Y"),
        )


@register
class TopicAdapter(Adapter):
    """Topics are found once approved (merged ones too, they point to their target), while their round is
    published."""

    model = Topic
    kind = Kind("thema", _("Themen"))

    def queryset(self):
        return (
            Topic.objects.public()
            .filter(round__status=Status.PUBLISHED)
            .select_related("round", "action_field", "network")
        )

    def units(self, topic):
        yield Unit(
            title=topic.title,
            url=topic.get_absolute_url(),
            summary=joined(
                topic.get_decision_display() if topic.decision else "",
                topic.round.title,
                topic.action_field.title if topic.action_field else "",
                topic.network.name if topic.network else "",
            ),
            body=joined(topic.description, topic.decision_reason, sep="\n"),
            date=(topic.submitted_at or topic.created_at).date(),
            date_text=date_format((topic.submitted_at or topic.created_at).date(), "j. F Y"),
        )
