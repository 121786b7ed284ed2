"""The stages of the pipeline, in flow order, and how `liveaudit demo` runs them.

A stage is named by an import path to a function `demo_stage(store, ctx) -> dict`
that runs the stage against the store and returns a summary (shown in the demo's
table and stored on the demo's run). `ctx` holds what the demo set up (the fixture
site's URL, the store's folder). A stage whose package is not installed or not yet
built is reported as skipped with its reason, never silently dropped.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from liveaudit.store import Store


@dataclass(frozen=True)
class Stage:
    name: str
    entry: str  # "module:function"
    description: str


STAGES: tuple[Stage, ...] = (
    Stage("crawl", "liveaudit.crawler.demo:demo_stage", "fetch and archive the fixture site"),
    Stage("classify", "liveaudit.classifier.demo:demo_stage", "find and tag liveness claims"),
    Stage("analyze", "liveaudit.validator.demo:analyze_stage", "meta-device analysis and roofline bounds"),
    Stage("measure", "liveaudit.validator.demo:measure_stage", "timed runs (shipped GPU measurements offline)"),
    Stage("verdicts", "liveaudit.verdicts.demo:demo_stage", "judge every claim"),
    Stage("export", "liveaudit.publish.export.demo:demo_stage", "datasets: csv, parquet, jsonl, ClaimReview, Croissant"),
    Stage("report", "liveaudit.publish.report.demo:demo_stage", "the HTML and PDF report"),
)


@dataclass
class DemoContext:
    fixture_url: str
    workdir: Path
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class StageResult:
    name: str
    status: str  # ran | skipped | failed
    summary: dict[str, Any]


def resolve(stage: Stage) -> Callable[[Store, DemoContext], dict] | str:
    """The stage function, or the reason it cannot run."""
    module_name, func_name = stage.entry.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and (module_name == exc.name or module_name.startswith(exc.name + ".")):
            return "not built yet"
        return f"missing package {exc.name} (install liveaudit[all])"
    func = getattr(module, func_name, None)
    return func if callable(func) else "not built yet"


def run_stages(store: Store, ctx: DemoContext, on_stage: Callable[[Stage], None] | None = None) -> list[StageResult]:
    results = []
    for stage in STAGES:
        func = resolve(stage)
        if isinstance(func, str):
            results.append(StageResult(stage.name, "skipped", {"reason": func}))
            continue
        if on_stage:
            on_stage(stage)
        results.append(StageResult(stage.name, "ran", func(store, ctx) or {}))
    return results
