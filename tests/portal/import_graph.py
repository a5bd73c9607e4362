"""The project's import graph, read from the source with `ast` (nothing is imported).

Every import counts, wherever it is written: at the top of a module or inside a function
(a late import is still a circle, it only fails later). Imports under `if TYPE_CHECKING:`
do not count: they never run.
"""

import ast
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = (
    "portal",
    "accounts",
    "credentials",
    "matching",
    "jobboard",
    "licensing",
    "permits",
    "casework",
    "billing",
)
SKIPPED_DIRS = {"migrations", "tests", "bench", "__pycache__"}


@dataclass
class Graph:
    """module -> {imported module: (file, line) of the first import seen}"""

    edges: dict[str, dict[str, tuple[str, int]]] = field(default_factory=dict)

    def add(self, source: str, target: str, where: tuple[str, int]) -> None:
        if source != target:
            self.edges.setdefault(source, {}).setdefault(target, where)

    def targets(self, module: str) -> Iterable[str]:
        return self.edges.get(module, {})


def project_modules(root: Path = ROOT, packages: Iterable[str] = PACKAGES) -> dict[str, Path]:
    modules: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if SKIPPED_DIRS.intersection(parts):
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth, except the bodies of `if TYPE_CHECKING:`."""
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            todo.extend(node.orelse)
        else:
            todo.extend(ast.iter_child_nodes(node))


def _known(name: str, modules: dict[str, Path]) -> str | None:
    """The project module `name` is, or the longest project module it lies in."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def _imported(module: str, is_package: bool, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The dotted names a statement imports (`from pkg import name` gives pkg.name)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        prefix = ".".join([*base, node.module] if node.module else base)
    else:
        prefix = node.module or ""
    return [f"{prefix}.{alias.name}" if alias.name != "*" else prefix for alias in node.names]


def _ancestors(module: str) -> set[str]:
    parts = module.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def import_graph(modules: dict[str, Path] | None = None, root: Path = ROOT) -> Graph:
    """Edges between project modules. `from pkg import name` is an edge to `pkg.name` when
    that is a module, else to `pkg`; importing `a.b.c` also runs the `__init__` of `a` and
    `a.b` (not counted when they are the importer's own packages, already being imported)."""
    modules = project_modules(root) if modules is None else modules
    graph = Graph()
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        own = _ancestors(module)
        for node in _import_nodes(tree):
            where = (str(path.relative_to(root)), node.lineno)
            for name in _imported(module, is_package, node):
                target = _known(name, modules)
                if target is None:
                    continue
                graph.add(module, target, where)
                for package in _ancestors(target) - own:
                    graph.add(module, package, where)
    return graph


def strongly_connected(graph: Graph) -> list[list[str]]:
    """Tarjan's components of more than one module (iterative: no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    nodes = sorted(set(graph.edges) | {t for ts in graph.edges.values() for t in ts})
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(sorted(graph.targets(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.targets(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return sorted(components)


def shortest_cycle(graph: Graph, component: list[str], start: str) -> list[str]:
    """A shortest chain from `start` back to itself, inside its component."""
    inside = set(component)
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(graph.targets(node)):
            if child not in inside:
                continue
            if child == start:
                chain = [node]
                while chain[-1] != start:
                    chain.append(came_from[chain[-1]])
                return [*reversed(chain), start]
            if child not in came_from:
                came_from[child] = node
                queue.append(child)
    raise AssertionError(f"no cycle through {start}")  # pragma: no cover


HOW_TO_BREAK = """\
An import circle: module A imports B and B (maybe through others, maybe inside a function)
imports A. It works until the day one of them is imported first from somewhere new, then
fails with "partially initialized module" or an ImportError. To break one:
  - a service that must start a task names it instead of importing tasks.py:
        from portal.lib.tasks import enqueue_on_commit
        enqueue_on_commit("app.tasks.task_name", obj.pk)
    (tasks.py imports services; nothing imports tasks.py back);
  - code both sides need moves DOWN into a module that imports neither
    (the app's queries.py, errors.py, a small new module, or portal/lib/ for the core);
  - the core never imports an app: the app registers itself into a core hook in its
    AppConfig.ready() (portal.service_registry, portal.review_kinds, a Django Signal).
Imports under `if TYPE_CHECKING:` (type hints only) do not count: they never run."""


def describe(graph: Graph, components: list[list[str]]) -> str:
    lines = [f"{len(components)} import circle(s) among the project's modules:", ""]
    for number, component in enumerate(components, 1):
        lines.append(f"{number}. {len(component)} modules: {', '.join(component)}")
        covered: set[str] = set()
        for start in component:  # chains through every module of the component
            if start in covered:
                continue
            chain = shortest_cycle(graph, component, start)
            covered.update(chain)
            lines.append(f"   {' -> '.join(chain)}")
            for source, target in zip(chain, chain[1:], strict=False):
                path, line = graph.edges[source][target]
                lines.append(f"     {path}:{line} imports {target}")
        lines.append("")
    return "\n".join([*lines, HOW_TO_BREAK])
