"""A round of topics and a topic as PDFs („PDF anzeigen“), through the shared pipeline (`emscher_portal.core.pdf`).

Neither PDF shows personal data: no address (the topic's is not even loaded), a proposer's name only where they
agreed to show it (`public_name` is empty otherwise), and ballots only as sums.
"""

from django.utils.translation import gettext as _

from emscher_portal.core.pdf.stamp import loaded_stamp
from emscher_portal.core.pdf.views import ObjectPdfView, pdf_view
from participation.models import Phase, Round, Topic
from participation.selectors import (
    TOPIC_FIELDS_NOT_SHOWN,
    round_get_queryset,
    round_results,
    topic_get_queryset_for_pdf,
    topic_list_public_for_round,
)

# Points and supporters go into a PDF only once the weighing is over: from then on no ballot changes them, so the
# stored PDF (keyed on them, and found again by the content version, which ballots do not change) stays true.
RESULT_PHASES = (Phase.EVALUATING, Phase.CLOSED)


def _result_stamp(rows):
    return [(row.topic.pk, row.rank, row.points, row.supporter_count, [m.pk for m in row.merged]) for row in rows]


@pdf_view
class RoundPdfView(ObjectPdfView):
    """/themen/<round>/pdf/: the round, its phases, its topics with their decisions and reasons, and — once the
    weighing is over — the ranking with points and supporters."""

    model = Round
    template_name = "participation/print/round.html"

    def get_queryset(self):
        return round_get_queryset(user=self.viewer)

    def _content(self, round_):
        if getattr(self, "_cached_content", None) is None:
            public = list(topic_list_public_for_round(round_).defer(*TOPIC_FIELDS_NOT_SHOWN))
            phase = round_.phase
            self._cached_content = {
                "phase": phase,
                "public": public,
                "topics": [topic for topic in public if not topic.merged_into_id],
                "results": round_results(round_, topics=public) if phase in RESULT_PHASES else None,
            }
        return self._cached_content

    def get_extra_cache_parts(self, round_):
        content = self._content(round_)
        # The phase is a matter of the clock, not of a row: it decides what the PDF says about the next steps.
        return [
            str(content["phase"]),
            [loaded_stamp(topic) for topic in content["public"]],
            _result_stamp(content["results"] or []),
        ]

    def get_pdf_context(self, round_):
        content = self._content(round_)
        merged = {}
        for topic in content["public"]:
            if topic.merged_into_id:
                merged.setdefault(topic.merged_into_id, []).append(topic)
        topics = [{"topic": topic, "merged": merged.get(topic.pk, [])} for topic in content["topics"]]
        return {
            **super().get_pdf_context(round_),
            "round": round_,
            "phase": content["phase"],
            "Phase": Phase,
            "topics": topics,
            "results": content["results"],
        }

    def get_filename(self, round_):
        return f"{round_.title}.pdf"


@pdf_view
class TopicPdfView(ObjectPdfView):
    """/themen/<round>/<topic>/pdf/: a topic and „Was wurde daraus?“ — proposed, approved or merged, weighed,
    decided with the reason, worked on at which forum and workshop, documents, and the measure it became."""

    model = Topic
    template_name = "participation/print/topic.html"

    def get_queryset(self):
        return topic_get_queryset_for_pdf(user=self.viewer)

    def find_object(self, queryset):
        return queryset.filter(round__slug=self.kwargs["round_slug"], slug=self.kwargs["slug"]).first()

    def is_public(self, topic):
        return topic.round.is_published and not getattr(self.viewer, "is_staff", False)

    def _weighed(self, topic):
        if not hasattr(self, "_cached_weighed"):
            self._cached_weighed = None
            if topic.round.phase in RESULT_PHASES:
                for row in round_results(topic.round):
                    if row.topic.pk == topic.pk or topic in row.merged:
                        self._cached_weighed = row
                        break
        return self._cached_weighed

    def get_extra_cache_parts(self, topic):
        weighed = self._weighed(topic)
        return [str(topic.round.phase), _result_stamp([weighed] if weighed else [])]

    def get_pdf_context(self, topic):
        return {
            **super().get_pdf_context(topic),
            # The draft stamp of print/base.html follows the round: a topic is as public as its round.
            "object": topic.round,
            "round": topic.round,
            "topic": topic,
            "weighed": self._weighed(topic),
            "Phase": Phase,
        }

    def get_filename(self, topic):
        return _("Thema %(title)s.pdf") % {"title": topic.title}
