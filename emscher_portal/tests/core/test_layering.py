"""The import direction: core ← networks ← forums ← documents ← articles ← participation ← oparl ← alerts ← the top.

Read from the source, not from what happens to be imported at run time: every module is parsed and each import
statement is checked, wherever it stands (a function-local import counts the same).
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Lowest first: an app may import core, itself and the apps before it.
LAYERS = ["networks", "forums", "documents", "articles", "participation", "oparl", "alerts"]
CONTENT_APPS = [app for app in settings.LOCAL_APPS if app != "emscher_portal"]


def _modules(folder, *, skip=("tests", "migrations")):
    for path in sorted((ROOT / folder).rglob("*.py")):
        if not set(path.relative_to(ROOT).parts) & set(skip):
            yield path


def _imports(path):
    """(line, dotted module) of every import in the file."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def _name(path):
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _violations(paths, allowed):
    found = []
    for path in paths:
        for line, module in _imports(path):
            project = module.split(".")[0] in settings.LOCAL_APPS
            if project and not any(module == ok or module.startswith(f"{ok}.") for ok in allowed):
                found.append(f"{_name(path)}:{line} imports {module}")
    return found


def test_core_imports_no_content_app_and_nothing_of_the_top():
    modules = list(_modules("emscher_portal/core"))

    assert len(modules) > 20
    assert _violations(modules, allowed=["emscher_portal.core"]) == []


@pytest.mark.parametrize("app", LAYERS)
def test_each_app_imports_only_core_and_the_apps_below_it(app):
    below = LAYERS[: LAYERS.index(app)]

    assert _violations(_modules(app), allowed=["emscher_portal.core", app, *below]) == []


def test_every_content_app_has_its_place_in_the_layers():
    assert sorted(LAYERS) == sorted(CONTENT_APPS)


def test_no_model_is_looked_up_by_name_outside_migrations():
    calls = []
    for folder in [*settings.LOCAL_APPS, "bench"]:
        for path in _modules(folder, skip=("migrations",)):
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if isinstance(node, ast.Attribute) and node.attr in ("get_model", "import_string"):
                    calls.append(f"{_name(path)}:{node.lineno} {node.attr}")

    assert calls == []


def test_the_layering_check_sees_a_forbidden_import(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from documents.models import Document\n")

    assert _violations([probe], allowed=["emscher_portal.core"]) == [f"{probe}:2 imports documents.models"]
