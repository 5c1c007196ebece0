"""Pages of the rounds of topics: /themen/, a round, a topic, proposing and weighing."""

import csv
import json

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from emscher_portal.core.confirmation import ConfirmationRefused
from emscher_portal.core.http import client_ip
from participation.forms import BallotForm, ProposalForm
from participation.models import Phase
from participation.selectors import (
    round_get_queryset,
    round_list_visible,
    round_log,
    round_results,
    topic_get_queryset_for_detail,
    topic_ledger,
    topic_list_for_round,
    topic_list_public_for_round,
)
from participation.services import ballot_request, topic_propose


def _round(request, slug):
    return get_object_or_404(round_get_queryset(user=request.user), slug=slug)


@require_safe
def round_list(request):
    rounds = list(round_list_visible(user=request.user))
    return render(request, "participation/round_list.html", {"rounds": rounds})


@require_safe
def ledger(request):
    """„Was wurde daraus?“ across all rounds: every decided topic and what came of it."""
    return render(request, "participation/ledger.html", {"topics": list(topic_ledger(user=request.user))})


@require_safe
def round_detail(request, slug):
    round_ = _round(request, slug)
    public = list(topic_list_public_for_round(round_))
    topics = [topic for topic in public if not topic.merged_into_id]
    results = round_results(round_, topics=public) if round_.shows_results else None
    return render(
        request,
        "participation/round_detail.html",
        {
            "round": round_,
            "phase": round_.phase,
            "Phase": Phase,
            "topics": topics,
            "merged_count": len(public) - len(topics),
            "results": results,
        },
    )


@require_safe
def topic_detail(request, round_slug, slug):
    round_ = _round(request, round_slug)
    topic = get_object_or_404(topic_get_queryset_for_detail(round_), slug=slug)
    weighed = None
    if round_.shows_results:
        for row in round_results(round_):
            if row.topic.pk == topic.pk or topic in row.merged:
                weighed = row
                break
    return render(
        request,
        "participation/topic_detail.html",
        {"round": round_, "topic": topic, "weighed": weighed, "Phase": Phase},
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def topic_propose_view(request, slug):
    round_ = _round(request, slug)
    if not round_.accepts_proposals:
        return render(request, "participation/closed.html", {"round": round_, "what": "proposals"}, status=409)
    form = ProposalForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.is_trap_filled:
            return HttpResponseRedirect(reverse("participation:propose-thanks", kwargs={"slug": round_.slug}))
        data = form.cleaned_data
        try:
            topic_propose(
                round_=round_,
                title=data["title"],
                description=data["description"],
                action_field=data["action_field"],
                network=data["network"],
                public_name=data["public_name"] if data["name_consent"] else "",
                email=data["email"],
                client_ip=client_ip(request),
            )
        except ConfirmationRefused as refused:
            form.add_error(None, refused.message)
            status = 429
        except ValidationError as error:
            form.add_error(None, error)
            status = 409
        else:
            return HttpResponseRedirect(reverse("participation:propose-thanks", kwargs={"slug": round_.slug}))
    return render(request, "participation/topic_form.html", {"round": round_, "form": form}, status=status)


@require_safe
def propose_thanks(request, slug):
    return render(request, "participation/mail_sent.html", {"round": _round(request, slug), "what": "proposal"})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def ballot_view(request, slug):
    round_ = _round(request, slug)
    if not round_.accepts_ballots:
        return render(request, "participation/closed.html", {"round": round_, "what": "ballots"}, status=409)
    topics = list(topic_list_for_round(round_))
    form = BallotForm(request.POST or None, round_=round_, topics=topics)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if form.is_trap_filled:
                return HttpResponseRedirect(reverse("participation:ballot-thanks", kwargs={"slug": round_.slug}))
            try:
                ballot_request(
                    round_=round_,
                    points=form.cleaned_data["points"],
                    email=form.cleaned_data["email"],
                    client_ip=client_ip(request),
                )
            except ConfirmationRefused as refused:
                form.add_error(None, refused.message)
                status = 429
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                return HttpResponseRedirect(reverse("participation:ballot-thanks", kwargs={"slug": round_.slug}))
        else:
            status = 400
    return render(request, "participation/ballot_form.html", {"round": round_, "form": form}, status=status)


@require_safe
def ballot_thanks(request, slug):
    return render(request, "participation/mail_sent.html", {"round": _round(request, slug), "what": "ballot"})


@require_safe
def moderation_log(request, slug):
    round_ = _round(request, slug)
    return render(request, "participation/moderation_log.html", {"round": round_, "entries": list(round_log(round_))})


# ---------------------------------------------------------------------------
# Open data of a closed round: CSV and JSON, no personal data
# ---------------------------------------------------------------------------

EXPORT_COLUMNS = [
    "rang",
    "titel",
    "adresse",
    "punkte",
    "unterstuetzende",
    "zusammengefuehrt",
    "entscheidung",
    "begruendung",
    "entschieden_am",
    "handlungsfeld",
    "netzwerk",
    "workshops",
    "programmpunkte",
    "dokumente",
    "massnahmen",
    "beispiel",
]


def _export_rows(request, round_):
    topics = list(topic_get_queryset_for_detail(round_))
    rows = []
    for row in round_results(round_, topics=topics):
        topic = row.topic
        rows.append(
            {
                "rang": row.rank,
                "titel": topic.title,
                "adresse": request.build_absolute_uri(topic.get_absolute_url()),
                "punkte": row.points,
                "unterstuetzende": row.supporter_count,
                "zusammengefuehrt": [merged.title for merged in row.merged],
                "entscheidung": topic.get_decision_display() if topic.decision else "",
                "begruendung": topic.decision_reason,
                "entschieden_am": topic.decided_at.date().isoformat() if topic.decided_at else "",
                "handlungsfeld": str(topic.action_field) if topic.action_field else "",
                "netzwerk": str(topic.network) if topic.network else "",
                "workshops": [
                    request.build_absolute_uri(f"{workshop.event.get_absolute_url()}#workshop-{workshop.pk}")
                    for workshop in topic.workshops.all()
                ],
                "programmpunkte": [
                    request.build_absolute_uri(f"{item.event.get_absolute_url()}#programm")
                    for item in topic.programme_items.all()
                ],
                "dokumente": [request.build_absolute_uri(doc.get_absolute_url()) for doc in topic.documents.all()],
                "massnahmen": [request.build_absolute_uri(m.get_absolute_url()) for m in topic.measures.all()],
                "beispiel": topic.is_example,
            }
        )
    return rows


# A cell a spreadsheet would read as a formula (titles and reasons come from the public): kept as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _spreadsheet_safe(value):
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_STARTS) else value


@require_safe
def round_export(request, slug, fmt):
    round_ = _round(request, slug)
    if not round_.is_closed:
        raise Http404(_("Die Daten einer Runde gibt es, sobald sie abgeschlossen ist."))
    rows = _export_rows(request, round_)
    filename = f"themenrunde-{round_.slug}.{fmt}"
    if fmt == "json":
        body = json.dumps(
            {"runde": round_.title, "adresse": request.build_absolute_uri(round_.get_absolute_url()), "themen": rows},
            ensure_ascii=False,
            indent=2,
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # spreadsheet programmes read UTF-8 only with the mark
        writer = csv.writer(response)
        writer.writerow(EXPORT_COLUMNS)
        for row in rows:
            writer.writerow(
                [
                    _spreadsheet_safe("; ".join(value) if isinstance(value, list) else value)
                    for value in (row[c] for c in EXPORT_COLUMNS)
                ]
            )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
