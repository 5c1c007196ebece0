"""Pages of the alerts app: subscribe, one-click unsubscribe, manage an address's subscriptions."""

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alerts.forms import FrequencyForm, ManageLinkForm, SubscribeForm
from alerts.links import manage_hash_from_token, subscription_from_token
from alerts.models import Subscription
from alerts.services import (
    manage_link_request,
    subscription_delete,
    subscription_request,
    subscription_set_frequency,
)
from emscher_portal.core.confirmation import ConfirmationRefused
from emscher_portal.core.http import client_ip
from emscher_portal.core.parsing import whole_number


# No CSRF token: the small subscribe forms stand on cached pages that set no cookie. A forged request could only
# ask for a confirmation mail to an address — which anyone can do directly, within the same limits per address
# and per IP; nothing is subscribed without the button behind the link in that mail.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    status = 200
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_trap_filled:
            return redirect("alerts:subscribe-thanks")
        if form.is_valid():
            try:
                subscription_request(
                    topic=form.cleaned_data["topic"],
                    email=form.cleaned_data["email"],
                    frequency=form.cleaned_data["haeufigkeit"],
                    client_ip=client_ip(request),
                )
            except ValidationError as error:
                form.add_error("email", error)
            except ConfirmationRefused as refused:
                form.add_error(None, refused.message)
                status = 429
            else:
                return redirect("alerts:subscribe-thanks")
        if status == 200:
            status = 400
    else:
        initial = {key: request.GET.get(key, "") for key in ("thema", "q", "art", "jahr")}
        if initial["q"] and not initial["thema"]:
            initial["thema"] = "suche"
        form = SubscribeForm(initial={**initial, "haeufigkeit": Subscription.Frequency.WEEKLY})
    return render(request, "alerts/subscribe.html", {"form": form}, status=status)


@require_http_methods(["GET", "HEAD"])
def subscribe_thanks(request):
    return render(request, "alerts/subscribe_thanks.html")


# RFC 8058: the mail provider POSTs „List-Unsubscribe=One-Click“ to the link in List-Unsubscribe, without any
# cookie or token of ours; the signed link itself is the authorisation.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        subscription = subscription_from_token(token)
    except signing.BadSignature as exc:
        raise Http404(_("Dieser Link zum Abbestellen ist ungültig.")) from exc
    if request.method == "POST":
        label = subscription.label if subscription else ""
        if subscription is not None:
            subscription_delete(subscription=subscription)
        return render(request, "alerts/unsubscribe.html", {"state": "done", "label": label})
    state = "open" if subscription is not None else "gone"
    return render(
        request,
        "alerts/unsubscribe.html",
        {"state": state, "subscription": subscription, "label": subscription.label if subscription else ""},
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    try:
        hashed = manage_hash_from_token(token)
    except signing.SignatureExpired:
        return render(request, "alerts/manage.html", {"state": "expired", "form": ManageLinkForm()}, status=410)
    except signing.BadSignature as exc:
        raise Http404(_("Dieser Link ist ungültig.")) from exc
    subscriptions = Subscription.objects.filter(email_hash=hashed).order_by("label")
    message, status = "", 200
    if request.method == "POST":
        action = request.POST.get("action")
        chosen_pk = whole_number(request.POST.get("id"))
        chosen = subscriptions.filter(pk=chosen_pk) if chosen_pk is not None else None
        if action == "unsubscribe-all":
            for subscription in subscriptions:
                subscription_delete(subscription=subscription)
            message = _("Alle Benachrichtigungen dieser Adresse sind abbestellt. Wir schreiben Ihnen nicht mehr.")
        elif action in ("unsubscribe", "frequency") and chosen is not None and (target := chosen.first()):
            if action == "unsubscribe":
                subscription_delete(subscription=target)
                message = _("„%(label)s“ ist abbestellt.") % {"label": target.label}
            else:
                form = FrequencyForm(request.POST)
                if form.is_valid():
                    subscription_set_frequency(subscription=target, frequency=form.cleaned_data["haeufigkeit"])
                    message = _("„%(label)s“ kommt jetzt %(frequency)s.") % {
                        "label": target.label,
                        "frequency": target.get_frequency_display(),
                    }
                else:
                    message, status = _("Bitte wählen Sie „täglich“ oder „wöchentlich“."), 400
        else:
            message, status = _("Diese Benachrichtigung gibt es nicht (mehr)."), 400
    context = {
        "state": "open",
        "subscriptions": list(subscriptions),
        "message": message,
        "frequencies": Subscription.Frequency.choices,
    }
    return render(request, "alerts/manage.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage_request(request):
    """Ask for the link to the management page by mail (the answer never tells whether the address has
    subscriptions)."""
    status, sent = 200, False
    if request.method == "POST":
        form = ManageLinkForm(request.POST)
        if form.is_trap_filled:
            sent = True
        elif form.is_valid():
            if manage_link_request(email=form.cleaned_data["email"], client_ip=client_ip(request)):
                sent = True
            else:
                form.add_error(
                    None, _("Von Ihrem Anschluss oder für diese Adresse kamen in der letzten Stunde viele Anfragen.")
                )
                status = 429
        else:
            status = 400
    else:
        form = ManageLinkForm()
    return render(request, "alerts/manage_request.html", {"form": form, "sent": sent}, status=status)
