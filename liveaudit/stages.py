"""The stage contract: what a stage is, and how the core finds the stages without importing them.

A stage is a folder of the flow (crawler, classifier, validator, verdicts, publish, dashboard)
whose `stage.py` defines `STAGES`, a tuple of `Stage` objects (one per step it runs; the
validator runs two, analyze and measure). The core names those modules in DEFAULT_STAGES,
as strings, the way Datasette lists its own built-in plugins in DEFAULT_PLUGINS and loads
them through the same hook a third-party plugin uses. So the CLI, the demo and the
benchmarks discover the stages, and no core module imports a stage.

    for stage in load_stages():
        summary = stage.run(store, settings, print)     # -> RunSummary

A stage whose extra is not installed (`requires` names what it imports) is reported as
missing with the extra to install, never silently dropped.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from liveaudit.records import RunSummary, StageSettings

if TYPE_CHECKING:
    import typer

    from liveaudit.store import Store

#: A one-line status sink ("fetching http://..."), shown by the CLI and ignored by tests.
Progress = Callable[[str], None]
#: run(store, settings, progress) -> RunSummary: one step of the flow over the store.
RunFn = Callable[["Store", StageSettings, Progress], RunSummary]

#: The stage modules in flow order. A stage is added by writing its stage.py and naming it here.
DEFAULT_STAGES: tuple[str, ...] = (
    "liveaudit.crawler.stage",
    "liveaudit.classifier.stage",
    "liveaudit.validator.stage",
    "liveaudit.verdicts.stage",
    "liveaudit.publish.stage",
    "liveaudit.dashboard.stage",
)


@dataclass(frozen=True)
class Stage:
    """One step of the flow.

    name         the step ("crawl", "classify", ...), unique across stages
    description  one line for the demo and `--help`
    run          run(store, settings, progress) -> RunSummary
    extra        the pip extra the step needs (`pip install liveaudit[crawler]`)
    requires     top-level modules that extra provides; missing ones make the step unavailable
    commands     register(app): adds the step's CLI commands (and `liveaudit bench` entries)
    bench        the library function behind `liveaudit bench <name>`, returning its figures
    in_demo      False for steps the demo runs apart (the dashboard, which blocks until Ctrl-C)
    """

    name: str
    description: str
    run: RunFn
    extra: str = ""
    requires: tuple[str, ...] = ()
    commands: Callable[[typer.Typer], None] | None = None
    bench: Callable[..., Mapping[str, Any]] | None = None
    in_demo: bool = True

    def missing(self) -> str | None:
        """Why the step cannot run here (a package of its extra is not installed), or None."""
        absent = [m for m in self.requires if importlib.util.find_spec(m) is None]
        if not absent:
            return None
        return f"missing package {absent[0]} (pip install 'liveaudit[{self.extra or 'all'}]')"


def load_stages(modules: tuple[str, ...] = DEFAULT_STAGES) -> list[Stage]:
    """Every registered step, in flow order, from each module's STAGES."""
    found: list[Stage] = []
    for name in modules:
        module = importlib.import_module(name)
        stages = getattr(module, "STAGES", None)
        if not isinstance(stages, tuple) or not all(isinstance(s, Stage) for s in stages):
            raise TypeError(f"{name}.STAGES must be a tuple of liveaudit.stages.Stage")
        found.extend(stages)
    names = [s.name for s in found]
    if len(set(names)) != len(names):
        raise ValueError(f"two stages share a name: {names}")
    return found


def get_stage(name: str, modules: tuple[str, ...] = DEFAULT_STAGES) -> Stage:
    """The step called `name` (KeyError naming the known steps otherwise)."""
    for stage in load_stages(modules):
        if stage.name == name:
            return stage
    raise KeyError(f"no stage {name!r}; the stages are {[s.name for s in load_stages(modules)]}")
