"""The code's shape: imports run one way, so no module imports itself through others, and no
module grows past the size a reader can hold (import-linter checks apps and layers)."""

from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("dm3p", "circle_matching")
LONGEST_MODULE = 450  # lines; migrations aside


def import_cycles(package: str) -> list[list[str]]:
    """Each group of modules that import one another, directly or through others
    (the strongly connected components of the import graph with more than one module)."""
    graph = grimp.build_graph(package, include_external_packages=False)
    modules = sorted(module for module in graph.modules if ".migrations" not in module)
    imports = {
        module: sorted(graph.find_modules_directly_imported_by(module)) for module in modules
    }
    order: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's algorithm
        order[module] = lowest[module] = len(order)
        stack.append(module)
        for imported in imports.get(module, []):
            if imported not in order:
                visit(imported)
                lowest[module] = min(lowest[module], lowest[imported])
            elif imported in stack:
                lowest[module] = min(lowest[module], order[imported])
        if lowest[module] == order[module]:
            group = []
            while (member := stack.pop()) != module:
                group.append(member)
            if group:
                cycles.append(sorted([module, *group]))

    for module in modules:
        if module not in order:
            visit(module)
    return cycles


def test_no_module_imports_itself_through_others() -> None:
    assert {package: import_cycles(package) for package in PACKAGES} == {
        package: [] for package in PACKAGES
    }


def test_no_module_is_longer_than_a_reader_can_hold() -> None:
    sources = [*ROOT.glob("dm3p/**/*.py"), *ROOT.glob("packages/*/circle_matching/**/*.py")]
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in sources
        if "migrations" not in path.parts
        and (lines := len(path.read_text().splitlines())) > LONGEST_MODULE
    }
    assert too_long == {}
