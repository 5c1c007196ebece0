"""Walk the OParl API as a client would: from the System object, following every URL of the API it finds."""

import json
import re
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from jsonschema import Draft4Validator, FormatChecker

SCHEMA_DIR = Path(__file__).resolve().parent / "oparl_schema"
OPARL = "https://schema.oparl.org/1.1/"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Chapter 2.4: yyyy-mm-ddThh:mm:ss±hh:mm
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


def _format_checker():
    checker = FormatChecker(formats=())
    checker.checks("url")(lambda value: not isinstance(value, str) or value.startswith(("https://", "http://")))
    checker.checks("date")(lambda value: not isinstance(value, str) or bool(_DATE.match(value)))
    checker.checks("date-time")(lambda value: not isinstance(value, str) or bool(_DATE_TIME.match(value)))
    return checker


FORMATS = _format_checker()
VALIDATORS = {
    OPARL + path.stem: Draft4Validator(json.loads(path.read_text()), format_checker=FORMATS)
    for path in SCHEMA_DIR.glob("*.json")
}


def api_base():
    return settings.SITE_URL.rstrip("/") + "/api/oparl/v1/"


def get_json(client, url):
    parts = urlsplit(url)
    response = client.get(f"{parts.path}?{parts.query}" if parts.query else parts.path)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def _objects(data):
    """Every OParl object in `data`, embedded ones too (those have a `type` and an `id`)."""
    if isinstance(data, dict):
        if isinstance(data.get("type"), str) and "id" in data:
            yield data
        for value in data.values():
            yield from _objects(value)
    elif isinstance(data, list):
        for value in data:
            yield from _objects(value)


def _urls(data, base):
    if isinstance(data, dict):
        for key, value in data.items():
            if key != "type":
                yield from _urls(value, base)
    elif isinstance(data, list):
        for value in data:
            yield from _urls(value, base)
    elif isinstance(data, str) and data.startswith(base):
        yield data


def walk(client, *, extension_validators=None):
    """Fetch everything reachable from the System object; return {url: answer} and the objects by type.

    Every object, embedded or not, is validated against its schema (OParl's, or an extension's served at its type
    URL); an object of an unknown type fails the walk."""
    base = api_base()
    validators = dict(VALIDATORS)
    seen, queue, answers, by_type = set(), deque([base]), {}, {}
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        data = get_json(client, url)
        answers[url] = data
        for obj in _objects(data):
            kind = obj["type"]
            if kind not in validators:
                assert kind.startswith(base), f"unknown type {kind} in {url}"
                validators[kind] = Draft4Validator(get_json(client, kind), format_checker=FORMATS)
            errors = [f"{list(error.path)}: {error.message}" for error in validators[kind].iter_errors(obj)]
            assert errors == [], (url, obj.get("id"), errors)
            by_type.setdefault(kind.rsplit("/", 1)[-1], {})[obj["id"]] = obj
        queue.extend(found for found in _urls(data, base) if found not in seen)
    return answers, by_type
