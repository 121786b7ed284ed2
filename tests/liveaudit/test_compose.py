"""compose.yaml, the Dockerfile and docs/scale-out.md agree with the package and the CLI.

There is no Docker daemon where the tests run, so the image is never built here: these
tests check what can be checked without one. Every `liveaudit ...` command that compose.yaml
runs (or names in a comment) and every one in docs/scale-out.md is invoked with --help
through Typer's CliRunner, and its options must exist.
"""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from liveaudit.cli import app

ROOT = Path(__file__).resolve().parents[2]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def _liveaudit_commands(text: str) -> list[str]:
    """Every `liveaudit ...` command line in a text (code lines, comments, `sh -c` strings)."""
    found = []
    for match in re.findall(r"(?<![\w/.-])(liveaudit(?: [^\n#`\"'\]]+)?)", text):
        line = match.strip()
        if line.startswith("liveaudit ") and not line.startswith(("liveaudit:", "liveaudit@")):
            found.append(line)
    return found


def _compose_commands() -> list[str]:
    commands = []
    for service in _compose()["services"].values():
        command = service.get("command")
        if isinstance(command, list):
            command = " ".join(shlex.quote(c) for c in command) if command[:1] != ["sh"] else command[-1]
        if command and "liveaudit" in command:
            commands += _liveaudit_commands(command)
    for line in (ROOT / "compose.yaml").read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#") and "docker compose run" in line:  # usage comments
            commands += _liveaudit_commands(line.lstrip("# "))
    return commands


def _check_with_help(line: str) -> None:
    import typer.main

    words = shlex.split(line.replace("|", " "))[1:]
    root = typer.main.get_command(app)
    cmd, path, rest = root, [], list(words)
    while rest and getattr(cmd, "commands", None) and rest[0] in cmd.commands:
        path.append(rest[0])
        cmd = cmd.commands[rest.pop(0)]
    assert path, f"`{line}` names no liveaudit command"
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, f"`liveaudit {' '.join(path)} --help` failed: {result.output}"
    known = {opt for p in cmd.params for opt in (*p.opts, *p.secondary_opts)}
    for word in rest:
        if word.startswith("--"):
            assert word.split("=")[0] in known, f"`{line}` uses {word}, which `liveaudit {' '.join(path)}` lacks"


def test_compose_every_built_service_has_a_dockerfile():
    services = _compose()["services"]
    built = {name: s["build"] for name, s in services.items() if "build" in s}
    assert {"migrate", "crawler", "dashboard"} <= set(built)
    for name, build in built.items():
        context = ROOT / (build if isinstance(build, str) else build.get("context", "."))
        dockerfile = context / (build.get("dockerfile", "Dockerfile") if isinstance(build, dict) else "Dockerfile")
        assert dockerfile.is_file(), f"service {name} builds {context} but {dockerfile} is missing"


def test_compose_dockerfile_installs_this_package_with_the_pinned_cpu_torch():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = {d for deps in project["optional-dependencies"].values() for d in deps if d.startswith("torch")}
    assert pins == {"torch==2.13.0"}
    assert re.search(r"^FROM python:3\.11-slim$", text, flags=re.M)
    assert "pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu" in text
    extras = re.findall(r'pip install "\.\[([\w,]+)\]"', text)
    assert extras and set(extras[0].split(",")) <= set(project["optional-dependencies"])
    for source in re.findall(r"^COPY (.+) \S+$", text, flags=re.M):
        for path in source.split():
            assert (ROOT / path).exists(), f"Dockerfile copies {path}, which is not in the repository"
    copied = {p for source in re.findall(r"^COPY (.+) \S+$", text, flags=re.M) for p in source.split()}
    package_dirs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    assert set(package_dirs.values()) <= copied, "every package folder must be copied into the image"
    assert project["readme"] in copied


def test_compose_dockerignore_keeps_venv_history_and_stores_out():
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".git", ".venv", "*.db", "**/__pycache__", ".pytest_cache"} <= ignored
    copied = {
        p
        for source in re.findall(r"^COPY (.+) \S+$", (ROOT / "Dockerfile").read_text(), flags=re.M)
        for p in source.split()
    }
    assert not copied & ignored, "the Dockerfile copies something .dockerignore leaves out"


def test_compose_every_liveaudit_command_is_real():
    commands = _compose_commands()
    assert any(c.startswith("liveaudit crawl") for c in commands) and any("db upgrade" in c for c in commands)
    for line in commands:
        _check_with_help(line)


def test_compose_scale_out_doc_commands_are_real():
    text = (ROOT / "docs" / "scale-out.md").read_text(encoding="utf-8")
    blocks = (
        "\n".join(re.findall(r"```\n(.*?)```", text, flags=re.S))
        + "\n"
        + "\n".join(re.findall(r"`(liveaudit [^`]+)`", text))
    )
    commands = _liveaudit_commands(blocks)
    assert len(commands) >= 10
    for line in commands:
        _check_with_help(line)
    assert "not built in CI" in text


@pytest.mark.parametrize("line", ["liveaudit crawl --no-such-option", "liveaudit no-such-command"])
def test_compose_check_catches_a_wrong_command(line):
    with pytest.raises(AssertionError):
        _check_with_help(line)
