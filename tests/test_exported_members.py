"""Public surfaces: the package's ``__all__`` is its API, and modules share only public names.

``summarizer.__all__`` lists the public names of the package, not its subpackages and modules:
those are reachable as attributes (``summarizer.batch``) only once something has imported them,
which depends on what ran before, so the check leaves module objects out.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path
from types import ModuleType

import summarizer

PACKAGE = Path(summarizer.__file__).parent


def _isort_order(name: str) -> tuple[int, str]:
    """The order ruff keeps ``__all__`` in: CONSTANTS, then Classes, then functions."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    """Every module of the package but ``__main__`` (a script: importing it runs the command line)."""
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if p.name != "__main__.py"}


def _imports_from_the_package(path: Path) -> list[tuple[int, str, str]]:
    """(line, module, name) of every ``from X import name`` of ``path`` where X is in the package."""
    current = _module_name(path)
    package = current if path.name == "__init__.py" else current.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            module = ".".join(base + ([node.module] if node.module else []))
        else:
            module = node.module or ""
        if module == "summarizer" or module.startswith("summarizer."):
            found += [(node.lineno, module, alias.name) for alias in node.names]
    return found


def _declared_all(path: Path) -> list[str] | None:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return [ast.literal_eval(element) for element in node.value.elts]  # type: ignore[attr-defined]
    return None


def test_package_all_is_its_public_members_sorted() -> None:
    public = [
        name
        for name, value in vars(summarizer).items()
        if not name.startswith("_") and not isinstance(value, ModuleType)
    ]
    assert summarizer.__all__ == sorted(public, key=_isort_order)


def test_no_module_imports_a_private_name_of_another() -> None:
    private = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: from {module} import {name}"
        for path in _modules().values()
        for line, module, name in _imports_from_the_package(path)
        if name.startswith("_") or any(part.startswith("_") for part in module.split("."))
    ]
    assert not private


def test_every_module_declares_all_with_names_that_exist() -> None:
    for name, path in _modules().items():
        declared = _declared_all(path)
        assert declared is not None, f"{name} has no __all__"
        module = importlib.import_module(name)
        assert [n for n in declared if not hasattr(module, n)] == [], name
        assert len(set(declared)) == len(declared), f"{name}.__all__ repeats a name"


def test_what_a_module_imports_from_another_is_in_its_all() -> None:
    modules = _modules()
    missing = []
    for path in modules.values():
        for line, module, name in _imports_from_the_package(path):
            if f"{module}.{name}" in modules:
                continue  # a module, not a name defined in one
            if name not in (_declared_all(modules[module]) or []):
                missing.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {name} is not in {module}.__all__")
    assert not missing
