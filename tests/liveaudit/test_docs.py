"""Docs stay true: the CLI reference matches --help, the README names its two commands."""

from pathlib import Path

from liveaudit.cli.reference import render

ROOT = Path(__file__).resolve().parents[2]


def test_docs_cli_reference_matches_help():
    current = (ROOT / "docs" / "cli-reference.md").read_text(encoding="utf-8")
    assert current == render(), "docs/cli-reference.md is stale: python -m liveaudit.cli.reference > docs/cli-reference.md"


def test_docs_readme_two_commands_exist_and_are_executable():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for script in ("scripts/demo.sh", "scripts/test.sh"):
        assert f"./{script}" in readme
        path = ROOT / script
        assert path.is_file() and path.stat().st_mode & 0o111


def test_docs_ci_runs_the_readme_test_command():
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_docs_every_package_folder_is_listed_in_pyproject():
    import tomllib

    packages = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    roots = {"liveaudit": "liveaudit", "crawler": "liveaudit.crawler", "classifier": "liveaudit.classifier",
             "validator": "liveaudit.validator", "dashboard": "liveaudit.dashboard"}
    for folder, dotted in roots.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / folder).parts
            name = ".".join([dotted, *rel])
            assert name in packages, f"{name} ({init.parent}) is missing from [tool.setuptools] packages"
