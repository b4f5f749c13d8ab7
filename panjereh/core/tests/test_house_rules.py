"""House rules that are checked on the source itself, for every app found under `panjereh/`.

1. No view, API or admin module imports another app's models at run time. An app reads and writes
   another app's rows through that app's `services` and `selectors`. The modules checked are
   `views.py`, `*_views.py`, `api.py`, `*_api.py`, `admin.py`, `*admin*.py`, every module of a
   `views/`, `api/` or `admin/` package, and everything in `panjereh/portal/` and `panjereh/api/`
   (tests and migrations excepted). The apps are the packages found under `panjereh/` on disk, so a
   new app is covered without editing this file. Imports under `if TYPE_CHECKING:` are allowed:
   they are never run, and serve annotations only (the rows still come from services and
   selectors); an import inside a function, or in the `else:` of such an `if`, runs and counts.
   Only import statements are read: `apps.get_model(...)` is not looked for.
2. No module of `panjereh/` is over 500 lines (migrations, tests and the sample data modules of
   `panjereh/catalog/sample/` excepted): a module that grows past that becomes a package.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PANJEREH = Path(__file__).resolve().parents[2]
APPS = frozenset(path.name for path in PANJEREH.iterdir() if (path / "__init__.py").is_file())
TOP_APPS = frozenset({"portal", "api"})  # presentation only: every module of theirs is checked
PRESENTATION_PACKAGES = frozenset({"views", "api", "admin"})
NOT_CODE = frozenset({"tests", "migrations", "__pycache__"})
MAX_LINES = 500
LONG_ALLOWED = (PANJEREH / "catalog" / "sample",)


def modules() -> Iterator[Path]:
    """Every Python module of panjereh/ (its own, such as settings.py, and its apps'), tests and
    migrations left out."""
    for path in sorted(PANJEREH.rglob("*.py")):
        if not NOT_CODE.intersection(path.relative_to(PANJEREH).parts):
            yield path


def app_modules() -> Iterator[Path]:
    """The modules that belong to an app."""
    for path in modules():
        parts = path.relative_to(PANJEREH).parts
        if len(parts) > 1 and parts[0] in APPS:
            yield path


def is_presentation(path: Path) -> bool:
    """A view, API or admin module (see the rules above)."""
    parts = path.relative_to(PANJEREH).parts
    app, packages, name = parts[0], parts[1:-1], path.name
    stem = path.stem
    return (
        app in TOP_APPS
        or name in {"views.py", "api.py", "admin.py"}
        or stem.endswith(("_views", "_api"))
        or "admin" in stem
        or bool(PRESENTATION_PACKAGES.intersection(packages))
    )


def module_name(path: Path) -> tuple[str, bool]:
    """The dotted name of a module under panjereh/, and whether it is a package's `__init__`."""
    relative = path.relative_to(PANJEREH.parent).with_suffix("")
    parts = relative.parts
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def runtime_imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements that run: all of them but those in the body of `if TYPE_CHECKING:`."""
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            pending.extend(node.orelse)
        else:
            pending.extend(ast.iter_child_nodes(node))


def imported_names(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    """The dotted names an import statement may bring in (`from x import y` may be module x.y)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        anchor = package[: len(package) - (node.level - 1)]
        base = ".".join([*anchor, base] if base else anchor)
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


def reaches_models_of_another_app(name: str, own_app: str) -> bool:
    parts = name.split(".")
    return (
        len(parts) >= 3
        and parts[0] == "panjereh"
        and parts[1] in APPS
        and parts[1] != own_app
        and ("models" in parts[2:])
    )


def model_imports(source: str, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, statement) of each run-time import of another app's models in a module's source."""
    own_app = module.split(".")[1]
    found = []
    for node in runtime_imports(ast.parse(source)):
        if any(reaches_models_of_another_app(name, own_app) for name in imported_names(node, module, is_package)):
            found.append((node.lineno, ast.get_source_segment(source, node) or ""))
    return sorted(found)


def test_the_walk_finds_the_apps_and_their_view_api_and_admin_modules() -> None:
    # The rule below is only as good as the walk: it must see the modules it is about.
    assert {"accounts", "catalog", "exchange", "applications", "portal", "api"} <= APPS
    checked = {str(path.relative_to(PANJEREH)) for path in app_modules() if is_presentation(path)}
    assert {
        "catalog/admin.py",
        "accounts/admin_site.py",
        "exchange/system_api.py",
        "applications/documents/admin.py",
        "portal/document_views.py",
        "api/main.py",
    } <= checked
    assert "catalog/selectors.py" not in checked
    assert not any("/tests/" in f"/{name}" or "/migrations/" in f"/{name}" for name in checked)


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ("from panjereh.agencies.models import Agency", [1]),
        ("import panjereh.agencies.models", [1]),
        ("from panjereh.agencies import models", [1]),
        ("from ..agencies.models import Agency", [1]),
        ("def f():\n    from panjereh.agencies.models import Agency", [2]),
        ("if TYPE_CHECKING:\n    from panjereh.agencies.models import Agency", []),
        ("if typing.TYPE_CHECKING:\n    pass\nelse:\n    from panjereh.agencies.models import Agency", [4]),
        ("from panjereh.catalog.models import Service", []),  # its own app's
        ("from panjereh.agencies.selectors import agency_model", []),
        ("from django.db.models import Q", []),
    ],
)
def test_the_check_flags_only_run_time_imports_of_another_apps_models(source: str, flagged: list[int]) -> None:
    assert [line for line, _ in model_imports(source, "panjereh.catalog.admin")] == flagged


def test_no_view_api_or_admin_module_imports_another_apps_models_at_run_time() -> None:
    offences = []
    for path in app_modules():
        if not is_presentation(path):
            continue
        module, is_package = module_name(path)
        for line, statement in model_imports(path.read_text(encoding="utf-8"), module, is_package):
            offences.append(f"{path.relative_to(PANJEREH.parent)}:{line}: {statement}")
    assert not offences, (
        "view, API and admin modules must reach another app's rows through its services and selectors "
        "(an import for annotations only goes under `if TYPE_CHECKING:`):\n" + "\n".join(offences)
    )


def test_no_module_is_over_500_lines() -> None:
    assert PANJEREH / "settings.py" in set(modules())
    long = []
    for path in modules():
        if any(path.is_relative_to(allowed) for allowed in LONG_ALLOWED):
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            long.append(f"{path.relative_to(PANJEREH.parent)}: {lines} lines")
    assert not long, f"modules over {MAX_LINES} lines (make each a package by capability):\n" + "\n".join(long)
