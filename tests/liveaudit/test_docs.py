"""Docs stay true: the CLI reference matches --help, the README names its two commands."""

from pathlib import Path

from liveaudit.cli.reference import render

ROOT = Path(__file__).resolve().parents[2]


def test_docs_cli_reference_matches_help():
    current = (ROOT / "docs" / "cli-reference.md").read_text(encoding="utf-8")
    assert current == render(), (
        "docs/cli-reference.md is stale: python -m liveaudit.cli.reference > docs/cli-reference.md"
    )


def test_docs_readme_two_commands_exist_and_are_executable():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for script in ("scripts/demo.sh", "scripts/test.sh"):
        assert f"./{script}" in readme
        path = ROOT / script
        assert path.is_file() and path.stat().st_mode & 0o111


def test_docs_ci_runs_the_readme_test_command_and_the_checks():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "scripts/test.sh --run-slow --run-browser" in ci  # what "browser-tested" rests on
    for check in ("ruff check .", "ruff format --check .", "mypy"):
        assert check in ci, f".ci/run does not run {check}"


def test_docs_every_package_folder_is_listed_in_pyproject():
    import tomllib

    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    packages = set(setuptools["packages"])
    roots = {folder: dotted for dotted, folder in setuptools["package-dir"].items() if folder != "data"}
    # every top-level folder holding Python code is mapped (a new stage folder cannot be forgotten)
    code_folders = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "data"}
    assert code_folders <= set(roots), f"folders not in package-dir: {code_folders - set(roots)}"
    for folder, dotted in roots.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / folder).parts
            name = ".".join([dotted, *rel])
            assert name in packages, f"{name} ({init.parent}) is missing from [tool.setuptools] packages"
    # data folders install as package data; setuptools warns on each importable one not listed
    for folder in (ROOT / "data").rglob("*"):
        rel = folder.relative_to(ROOT / "data").parts
        if folder.is_dir() and all(part.isidentifier() for part in rel):
            name = ".".join(["liveaudit.data", *rel])
            assert name in packages, f"{name} ({folder}) is missing from [tool.setuptools] packages"


def _documented_commands(text: str):
    """(line, words) of every `liveaudit ...` command in the text's code blocks and backticks."""
    import re
    import shlex

    for line in re.findall(r"^\s*(liveaudit [^#\n]+)", text, flags=re.M) + re.findall(r"`(liveaudit [^`]+)`", text):
        yield line, shlex.split(line.replace("|", " "))[1:]


def _check_command(root, where: str, line: str, words: list[str]) -> None:
    """`liveaudit A B --opt` must resolve to a real command that has `--opt`."""
    cmd, rest = root, list(words)
    while rest and getattr(cmd, "commands", None) and rest[0] in cmd.commands:
        cmd = cmd.commands[rest.pop(0)]
    assert not getattr(cmd, "commands", None) or not rest or rest[0].startswith("-"), f"{where}: `{line}` is no command"
    known = {opt for p in cmd.params for opt in (*p.opts, *p.secondary_opts)} | {"--help"}
    for word in rest:
        if word.startswith("--"):
            assert word.split("=")[0] in known, f"{where}: `{line}` uses {word}, which {cmd.name} lacks"


def _root():
    import typer.main

    from liveaudit.cli import app

    return typer.main.get_command(app)


def test_docs_every_command_in_readme_and_docs_is_a_real_one_with_real_options():
    """Each documented `liveaudit A B --opt` resolves to a command that has `--opt`."""
    root = _root()
    texts = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "data" / "measurements" / "README.md"]
    checked = 0
    for path in texts:
        if path.name == "cli-reference.md":
            continue
        for line, words in _documented_commands(path.read_text(encoding="utf-8")):
            _check_command(root, path.name, line, words)
            checked += 1
    assert checked >= 20


def test_docs_every_command_named_in_an_error_or_the_code_is_a_real_one():
    """Error messages (`Run liveaudit settings`) and docstrings/help name only commands that exist."""
    import re
    import shlex
    import subprocess

    from liveaudit.errors import MESSAGES

    root = _root()
    checked = 0
    for code, message in MESSAGES.items():
        for line in re.findall(r"`(liveaudit [^`]+)`", message) + re.findall(r"Example: (liveaudit [^`\n]+)", message):
            _check_command(root, f"errors.py {code}", line, shlex.split(line.replace("|", " "))[1:])
            checked += 1
    files = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in files:
        for line in re.findall(r"`(liveaudit [a-z][^`\n]*)`", (ROOT / name).read_text(encoding="utf-8")):
            words = [w for w in line.replace("|", " ").replace("...", " ").split() if not w.startswith(("{", "<"))]
            _check_command(root, name, line, words[1:])
            checked += 1
    assert checked >= 100
