"""What a change of a documents model affects (read by the change map, `emscher_portal.core.changes`).

Documents declares both sides of its links to forums and networks: a document names its event, and the event's,
network's and measure's pages and PDFs list documents and measures.
"""

from documents.models import ActionField, Document, DocumentPage, DocumentVersion, Measure, MeasureStatusChange, Plan
from emscher_portal.core.changes import affects
from forums.models import Event
from networks.models import Municipality, Network


@affects(Document)
def document_affects(document):
    # Event, network and measure pages and PDFs list their documents.
    if document.event_id:
        yield document.event
    yield from document.networks.all()
    yield from document.measures.all()


@affects(DocumentVersion, DocumentPage)
def document_file_affects(part):
    # The file's facts and page texts belong to the document (its page, its search entries).
    yield part.document


@affects(Event)
def event_affects(event):
    # A document's page and search entry name its event; a measure names the event it came from; the plan the
    # meeting that adopted it.
    yield from event.documents.all()
    yield from event.measures.all()
    yield from event.adopted_plans.all()


@affects(Plan)
def plan_affects(plan):
    # Measures are public only while their plan is published.
    yield from Measure.objects.filter(action_field__plan=plan)


@affects(ActionField)
def action_field_affects(field):
    # The plan and every measure of the field print the field's number and title.
    yield field.plan
    yield from field.measures.all()


@affects(Measure)
def measure_affects(measure):
    # The plan lists its measures; a network's page and PDF list the measures it is responsible for; the page of the
    # event a measure arose at lists it (and the event's PDF is keyed on everything its selector loads).
    yield measure.action_field.plan
    yield from measure.networks.all()
    if measure.origin_event_id:
        yield measure.origin_event


@affects(MeasureStatusChange)
def status_change_affects(change):
    yield change.measure


@affects(Network, Municipality)
def participant_affects(network_or_municipality):
    # Measures (and the plan that lists them) name their networks and municipalities.
    measures = list(network_or_municipality.measures.select_related("action_field__plan"))
    yield from measures
    yield from {measure.action_field.plan for measure in measures}
