"""What participation's e-mail confirmations confirm (core.confirmation): a proposal and a ballot."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emscher_portal.core.confirmation import Outcome, Purpose, confirmation_purpose
from participation.models import Round, Topic
from participation.services import BALLOT_PURPOSE, PROPOSAL_PURPOSE, ballot_confirm, topic_submit


@confirmation_purpose
class ProposalConfirmation(Purpose):
    name = PROPOSAL_PURPOSE
    subject = gettext_lazy("Bitte bestätigen Sie Ihren Themenvorschlag")
    button = gettext_lazy("Themenvorschlag bestätigen")

    def _topic(self, confirmation):
        return Topic.objects.select_related("round").filter(pk=confirmation.payload.get("topic")).first()

    def describe(self, confirmation):
        topic = self._topic(confirmation)
        if topic is None:
            return _("Ihren Themenvorschlag (er ist inzwischen gelöscht).")
        return _("Ihren Themenvorschlag „%(title)s“ für „%(round)s“.") % {"title": topic.title, "round": topic.round}

    def confirm(self, confirmation, *, email):
        topic = self._topic(confirmation)
        if topic is None:
            return Outcome(message=_("Den Vorschlag gibt es nicht mehr."))
        topic_submit(topic=topic, email=email)
        return Outcome(
            message=_(
                "Ihr Vorschlag „%(title)s“ ist eingereicht. Die Arbeitsgruppe prüft ihn; sobald er freigegeben ist, "
                "steht er auf der Seite der Themenrunde, und wir schreiben Ihnen."
            )
            % {"title": topic.title},
            url=topic.round.get_absolute_url(),
            link_text=_("Zur Themenrunde „%(round)s“") % {"round": topic.round},
        )

    def done(self, confirmation):
        topic = self._topic(confirmation)
        return Outcome(
            message=_("Ihren Vorschlag haben Sie bereits bestätigt. Die Arbeitsgruppe prüft ihn."),
            url=topic.round.get_absolute_url() if topic else "",
            link_text=_("Zur Themenrunde") if topic else "",
        )

    def discard(self, confirmation):
        Topic.objects.filter(pk=confirmation.payload.get("topic"), moderation=Topic.Moderation.UNCONFIRMED).delete()

    def start_url(self):
        return reverse("participation:round-list")


@confirmation_purpose
class BallotConfirmation(Purpose):
    name = BALLOT_PURPOSE
    subject = gettext_lazy("Bitte bestätigen Sie Ihre Gewichtung")
    button = gettext_lazy("Gewichtung bestätigen")

    def _round(self, confirmation):
        return Round.objects.filter(pk=confirmation.payload.get("round")).first()

    def describe(self, confirmation):
        round_ = self._round(confirmation)
        total = sum(confirmation.payload.get("points", {}).values())
        return _("Ihre Gewichtung in „%(round)s“: %(total)d Punkte auf %(count)d Themen.") % {
            "round": round_,
            "total": total,
            "count": len(confirmation.payload.get("points", {})),
        }

    def confirm(self, confirmation, *, email):
        try:
            round_, _ballot, replaced = ballot_confirm(
                round_id=confirmation.payload["round"], points=confirmation.payload["points"], voter_email=email
            )
        except (ValidationError, Round.DoesNotExist) as error:
            messages = getattr(error, "messages", [str(error)])
            round_ = self._round(confirmation)
            return Outcome(
                message=_("Ihre Gewichtung konnte nicht gespeichert werden: %(why)s") % {"why": " ".join(messages)},
                url=round_.get_absolute_url() if round_ else "",
                link_text=_("Zur Themenrunde") if round_ else "",
            )
        if replaced:
            message = _("Ihre neue Gewichtung ersetzt die frühere. Sie können sie bis zum Ende des Gewichtens ändern.")
        else:
            message = _("Ihre Gewichtung ist gespeichert. Sie können sie bis zum Ende des Gewichtens ändern.")
        return Outcome(message=message, url=round_.get_absolute_url(), link_text=_("Zur Themenrunde"))

    def start_url(self):
        return reverse("participation:round-list")
