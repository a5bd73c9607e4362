"""No import circles among the project's modules (issue 16): see tests/portal/import_graph.py."""

import textwrap
from pathlib import Path

from tests.portal.import_graph import (
    Graph,
    describe,
    import_graph,
    project_modules,
    strongly_connected,
)


def test_the_project_has_no_import_circle():
    graph = import_graph()
    circles = strongly_connected(graph)
    assert not circles, describe(graph, circles)


def test_no_module_imports_a_tasks_module():
    """tasks.py imports services; a service starts a task by name (portal.lib.tasks)."""
    graph = import_graph()
    found = [
        f"{graph.edges[source][target][0]}:{graph.edges[source][target][1]} imports {target}"
        for source in sorted(graph.edges)
        for target in sorted(graph.targets(source))
        if target.endswith(".tasks") and target != "portal.lib.tasks"
    ]
    assert not found, "\n".join(
        ["These modules import a Celery tasks module; use portal.lib.tasks.enqueue instead:"]
        + found
    )


def test_the_check_reads_every_project_package():
    modules = project_modules()
    assert {"portal.lib.tasks", "matching.services", "permits.tasks", "portal"} <= set(modules)
    assert not [name for name in modules if ".migrations" in name or ".tests" in name]


def fake_graph(edges: dict[str, list[str]]) -> Graph:
    graph = Graph()
    for source, targets in edges.items():
        for target in targets:
            graph.add(source, target, (source.replace(".", "/") + ".py", 1))
    return graph


def test_the_finder_reports_each_circle_as_a_chain():
    graph = fake_graph(
        {
            "app.services": ["app.models", "app.tasks"],
            "app.tasks": ["app.services"],
            "app.models": [],
            "core.a": ["core.b"],
            "core.b": ["core.c", "app.models"],
            "core.c": ["core.a"],
            "other.x": ["core.a"],  # reaches a circle, is not in one
        }
    )
    circles = strongly_connected(graph)
    assert circles == [["app.services", "app.tasks"], ["core.a", "core.b", "core.c"]]
    message = describe(graph, circles)
    assert (
        "1. 2 modules: app.services, app.tasks\n   app.services -> app.tasks -> app.services"
        in message
    )
    assert "app/tasks.py:1 imports app.services" in message
    assert "   core.a -> core.b -> core.c -> core.a" in message
    assert "enqueue_on_commit" in message


def test_a_graph_without_circles_passes():
    graph = fake_graph({"a.tasks": ["a.services"], "a.services": ["a.models", "portal.lib"]})
    assert strongly_connected(graph) == []


def write(root: Path, name: str, source: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source))


def test_late_relative_and_from_imports_are_edges_type_checking_ones_are_not(tmp_path):
    write(tmp_path, "app/__init__.py", "")
    write(tmp_path, "app/models.py", "from typing import TYPE_CHECKING\n")
    write(
        tmp_path,
        "app/services.py",
        """
        from typing import TYPE_CHECKING
        from . import models
        if TYPE_CHECKING:
            from app.views import View
        def start():
            from app.tasks import run  # late, still an edge to app.tasks
        """,
    )
    write(tmp_path, "app/tasks.py", "from app import services\n")
    write(tmp_path, "app/views.py", "import app.services\nfrom ..core import hooks\n")
    write(tmp_path, "app/sub/__init__.py", "from .inner import thing\n")
    write(tmp_path, "app/sub/inner.py", "from app.sub import thing\nfrom app.models import M\n")
    write(tmp_path, "app/migrations/0001.py", "from app import tasks\n")
    modules = project_modules(tmp_path, ["app"])
    graph = import_graph(modules, tmp_path)
    assert dict(graph.edges["app.services"]) == {
        "app.models": ("app/services.py", 3),
        "app.tasks": ("app/services.py", 7),
    }
    assert set(graph.targets("app.tasks")) == {"app.services"}
    assert set(graph.targets("app.views")) == {"app.services"}  # ..core is outside the project
    # A module's own package counts only when named; another package's __init__ always runs.
    assert set(graph.targets("app.sub.inner")) == {"app.sub", "app.models"}
    assert "app.migrations.0001" not in modules
    assert strongly_connected(graph) == [
        ["app.services", "app.tasks"],
        ["app.sub", "app.sub.inner"],
    ]


def private_imports(modules: dict[str, Path]) -> list[str]:
    """`from a.b import _name` where a.b is another project module (the rule: public names
    only across modules; a module's own package may share its helpers through a public name)."""
    import ast

    found = []
    for name, path in sorted(modules.items()):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
                continue
            if node.module.split(".")[0] not in {m.split(".")[0] for m in modules}:
                continue  # a library's private name (e.g. Django's) is not ours to rename
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{path}:{node.lineno} {name} imports {node.module}.{alias.name}")
    return found


def test_no_module_imports_another_modules_private_name():
    found = private_imports(project_modules())
    assert not found, "\n".join(
        ["Give these helpers a public name (or move them where both callers can use them):"] + found
    )


def test_the_private_name_check_finds_one(tmp_path):
    write(tmp_path, "app/__init__.py", "")
    write(tmp_path, "app/views.py", "from app.services import _locked, public\n")
    write(tmp_path, "app/services.py", "from django.utils.html import _json_script_escapes\n")
    found = private_imports(project_modules(tmp_path, ["app"]))
    assert len(found) == 1 and "app.views imports app.services._locked" in found[0]
