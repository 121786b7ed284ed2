"""The stage boundary, checked from the source (AST) rather than kept by care.

- no stage imports another stage's modules (they meet only in the store's rows);
- the core (liveaudit/) imports no stage: it finds them through liveaudit.stages' registry;
- no module imports another package's `_private` name;
- every stage exports exactly what its `__all__` says, and each name resolves (httpx-style).
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from liveaudit.stages import DEFAULT_STAGES, load_stages

ROOT = Path(__file__).resolve().parents[2]
# folder -> dotted package, for the stages; fixture_site is demo/test support, imported by the core's demo.
STAGES = {
    "crawler": "liveaudit.crawler",
    "classifier": "liveaudit.classifier",
    "validator": "liveaudit.validator",
    "verdicts": "liveaudit.verdicts",
    "publish": "liveaudit.publish",
    "dashboard": "liveaudit.dashboard",
}
CORE = "liveaudit"


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) of every import in the file, at any depth (lazy imports count too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module, [alias.name for alias in node.names]))
    return found


def _owner(module: str) -> str | None:
    """The stage package a dotted module belongs to, "core" for the core, None for anything else."""
    for dotted in STAGES.values():
        if module == dotted or module.startswith(dotted + "."):
            return dotted
    if module == CORE or (module.startswith(CORE + ".") and not module.startswith("liveaudit.fixture_site")):
        return "core"
    return None


def _files(folder: str) -> list[Path]:
    return sorted(p for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts)


def boundary_violations(root: Path = ROOT) -> list[str]:
    """Every import that crosses a stage boundary the wrong way, as `file:line: message`."""
    problems = []
    for folder, dotted in {**STAGES, CORE: "core"}.items():
        for path in sorted(p for p in (root / folder).rglob("*.py") if "__pycache__" not in p.parts):
            for line, module, _names in _imports(path):
                owner = _owner(module)
                if owner is None or owner in ("core", dotted):
                    continue
                who = "the core" if dotted == "core" else dotted
                problems.append(f"{path.relative_to(root)}:{line}: {who} imports {module}")
    return problems


def test_boundaries_no_stage_imports_another_and_the_core_imports_none():
    assert boundary_violations() == []


def test_boundaries_a_planted_cross_stage_import_is_caught(tmp_path):
    """The check itself can fail: a copy of the tree with one planted import trips it."""
    for folder in (*STAGES, CORE):
        (tmp_path / folder).mkdir()
    (tmp_path / "verdicts" / "planted.py").write_text("def f():\n    from liveaudit.classifier.kind import KINDS\n")
    (tmp_path / CORE / "planted.py").write_text("import liveaudit.publish.export.run\n")
    assert sorted(boundary_violations(tmp_path)) == [
        "liveaudit/planted.py:1: the core imports liveaudit.publish.export.run",
        "verdicts/planted.py:2: liveaudit.verdicts imports liveaudit.classifier.kind",
    ]


def _unit_of_file(path: Path) -> str:
    """The package a source file belongs to; a test file belongs to the package it tests."""
    parts = path.relative_to(ROOT).parts
    if parts[0] == "tests":
        parts = parts[1:]
        if len(parts) == 1:  # tests/conftest.py, the plugins: shared test support
            return "tests"
    folder = parts[0]
    return STAGES.get(folder) or {"liveaudit": "core", "fixture_site": "liveaudit.fixture_site"}.get(folder, folder)


def _unit_of_module(module: str) -> str:
    if module.startswith("liveaudit.fixture_site"):
        return "liveaudit.fixture_site"
    return _owner(module) or module.split(".")[0]


def test_boundaries_no_module_imports_another_packages_private_name():
    problems = []
    for folder in (*STAGES, CORE, "fixture_site", "tests"):
        for path in _files(folder):
            for line, module, names in _imports(path):
                private = [n for n in (*module.split("."), *names) if n.startswith("_") and not n.startswith("__")]
                if private and module.startswith("liveaudit") and _unit_of_module(module) != _unit_of_file(path):
                    problems.append(f"{path.relative_to(ROOT)}:{line}: imports {private} from {module}")
    assert problems == []


def test_boundaries_every_registered_stage_module_is_a_stage_folder():
    for name in DEFAULT_STAGES:
        assert _owner(name) in STAGES.values(), name
    assert [s.name for s in load_stages()] == [
        "crawl",
        "classify",
        "analyze",
        "measure",
        "sync",
        "judge",
        "export",
        "report",
        "show",
    ]


@pytest.mark.parametrize("package", [*STAGES.values(), "liveaudit.publish.export", "liveaudit.publish.report"])
def test_boundaries_exported_members(package):
    """Each stage's public names are exactly its `__all__`, each resolves, and none is private."""
    module = importlib.import_module(package)
    exported = getattr(module, "__all__", [])
    for name in exported:
        assert not name.startswith("_"), f"{package} exports private {name}"
        member = getattr(module, name)
        owner = getattr(member, "__module__", None)
        if owner is not None and callable(member):
            assert owner.startswith(package), f"{package}.{name} is {owner}'s, not the stage's own"
    public = {n for n in vars(module) if not n.startswith("_")} - {"annotations", "TYPE_CHECKING", "lazy_exports"}
    submodules = {n for n in public if isinstance(vars(module)[n], type(module))}
    assert public - submodules <= set(exported), (
        f"{package} has public names outside __all__: {public - submodules - set(exported)}"
    )
    # A lazily exported name that is also a submodule's name turns into that module once anything
    # imports the submodule (the import system sets the attribute): `from pkg import extract` broke so.
    folder = Path(module.__file__).parent
    modules = {p.stem for p in folder.glob("*.py")} | {p.name for p in folder.iterdir() if (p / "__init__.py").exists()}
    assert not set(exported) & modules, (
        f"{package} exports names that are also its submodules: {set(exported) & modules}"
    )


def test_boundaries_no_source_file_over_400_lines():
    long = []
    for folder in (*STAGES, CORE, "fixture_site", "tests"):
        for path in _files(folder):
            lines = path.read_text(encoding="utf-8").count("\n")
            if lines > 400:
                long.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert long == []
