"""`liveaudit verdicts`: judge every current claim and print the counts and the gap table."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from liveaudit.cli.common import DbOption, console, example


def verdicts_cli(
    db: DbOption = None,
    levels: Path = typer.Option(
        None,
        "--levels",
        help="Thresholds file for L0-L4 [default: $LIVEAUDIT_VERDICT_LEVELS_FILE or data/levels.yaml].",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the current verdicts as JSON lines instead of tables."),
    rules: str = typer.Option(
        "v2", "--rules", help="Rules to judge with: v2 (every kind of evidence), or v1 to reproduce older rows."
    ),
) -> None:
    """Judge every current claim against the analyses and measurements of its system.

    Each claim gets one current verdict (supported, contradicted, disputed, implausible,
    unverifiable, untested) with a quotable reason citing the evidence it weighed (our runs,
    audited results, users' reports, the roofline, the system's own output rate). A changed
    rules version or thresholds file adds new verdict rows and keeps the old ones. Ends with
    the gap table: implied vs measured level per system and GPU, and median got/claimed. The shipped registry,
    hardware catalogue, analyses and GPU runs are synced into the store first (as `liveaudit
    analyze` does).
    """
    from rich.progress import Progress
    from rich.table import Table

    from liveaudit import config
    from liveaudit.errors import MissingExtraError
    from liveaudit.levels import load_thresholds
    from liveaudit.records import StageSettings
    from liveaudit.stages import get_stage
    from liveaudit.store import Store
    from liveaudit.verdicts import KINDS, gap_table, judge_store
    from liveaudit.verdicts.judge import RULES

    if rules not in RULES:
        raise typer.BadParameter(f"must be one of {', '.join(RULES)}, got {rules!r}", param_hint="--rules")
    store = Store.open(db)
    sync = get_stage("sync")  # the validator's step, found in the registry (no stage imports another)
    if sync.missing():
        raise MissingExtraError("E914", feature="liveaudit verdicts", stage="sync", reason=sync.missing())
    with Progress(console=console, transient=True, disable=as_json) as bar:
        task = bar.add_task("loading the registry", total=None)
        sync.run(
            store,
            StageSettings(config.load_settings(), Path.cwd()),
            lambda message: bar.update(task, description=message),
        )
        bar.update(task, description="judging claims")
        summary = judge_store(
            store, levels, rules=rules, progress=lambda done, total: bar.update(task, completed=done, total=total)
        )
    if as_json:
        for v in store.rows("current_verdicts"):
            print(
                json.dumps(
                    {
                        k: v[k]
                        for k in (
                            "claim_id",
                            "verdict",
                            "reason",
                            "implied_level",
                            "measured_level",
                            "confidence",
                            "rules_version",
                            "evidence",
                        )
                    },
                    ensure_ascii=False,
                )
            )
        return
    table = Table(title=f"verdicts — {summary['claims']} current claims, rules {summary['rules_version']}")
    for kind in KINDS:
        table.add_column(kind)
    table.add_row(*[str(summary[k]) for k in KINDS])
    console.print(table)
    console.print(
        f"{summary['new_verdicts']} new verdict rows, {summary['unchanged']} unchanged (run {summary['run_id']})"
    )
    if summary["claims"] == 0:
        console.print("no current claims in the store: run `liveaudit crawl` and `liveaudit classify` first")
    console.print(gap_table(store.rows("current_level_gaps"), load_thresholds(levels)))


def register(app: typer.Typer) -> None:
    app.command("verdicts", epilog=example("liveaudit verdicts --db liveaudit.db"))(verdicts_cli)
