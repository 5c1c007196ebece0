"""What the alerts' e-mail confirmation confirms (core.confirmation): a subscription (double opt-in)."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alerts.links import manage_url
from alerts.models import Subscription
from alerts.services import SUBSCRIPTION_PURPOSE, subscription_confirm
from emscher_portal.core.confirmation import Outcome, Purpose, confirmation_purpose


@confirmation_purpose
class SubscriptionConfirmation(Purpose):
    name = SUBSCRIPTION_PURPOSE
    subject = gettext_lazy("Bitte bestätigen Sie Ihre Benachrichtigung")
    button = gettext_lazy("Benachrichtigung bestätigen")

    def describe(self, confirmation):
        payload = confirmation.payload
        frequency = Subscription.Frequency(payload.get("frequency", Subscription.Frequency.WEEKLY)).label
        return _("Benachrichtigungen per E-Mail (%(frequency)s) zu „%(label)s“.") % {
            "frequency": frequency,
            "label": payload.get("label", ""),
        }

    def confirm(self, confirmation, *, email):
        try:
            subscription, created = subscription_confirm(payload=confirmation.payload, email=email)
        except ValidationError as error:
            return Outcome(message=" ".join(error.messages))
        if created:
            message = _(
                "Ihre Benachrichtigung zu „%(label)s“ ist eingerichtet. Wir schreiben Ihnen %(frequency)s, wenn es "
                "Neues gibt – und nur dann. Jede E-Mail enthält einen Link zum Abbestellen."
            )
        else:
            message = _("Diese Benachrichtigung gab es schon; sie kommt jetzt %(frequency)s.")
        return Outcome(
            message=message % {"label": subscription.label, "frequency": subscription.get_frequency_display()},
            url=manage_url(subscription.email_hash),
            link_text=_("Alle Ihre Benachrichtigungen verwalten"),
        )

    def start_url(self):
        return reverse("alerts:subscribe")
