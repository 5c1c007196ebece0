"""/katalog/: the DCAT-AP.de catalogue (`documents.catalogue`), Turtle or JSON-LD."""

from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from documents.catalogue import FORMATS, catalogue_serialise

_JSON_LD_TYPES = ("application/ld+json", "application/json")


def _wants_json_ld(request):
    accept = request.headers.get("Accept", "")
    return any(kind in accept for kind in _JSON_LD_TYPES) and "text/turtle" not in accept


def _response(fmt):
    response = HttpResponse(catalogue_serialise(fmt), content_type=FORMATS[fmt])
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def catalogue(request):
    """Turtle, or JSON-LD when the client asks for it (Accept: application/ld+json)."""
    response = _response("json-ld" if _wants_json_ld(request) else "turtle")
    patch_vary_headers(response, ("Accept",))
    return response


@require_safe
def catalogue_turtle(request):
    return _response("turtle")


@require_safe
def catalogue_json_ld(request):
    return _response("json-ld")
