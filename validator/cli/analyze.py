"""`liveaudit analyze` (meta-device analysis + roofline bounds) and `liveaudit bench analyze`."""

from __future__ import annotations

import json

import typer

from liveaudit.cli.common import DbOption, console, example


def _json_row(row: dict) -> dict:
    result = row["result"]
    return {
        "analysis_id": row.get("id"),
        "system": row["system"],
        "settings": row["settings"],
        "params": row["params"],
        "flops_per_video_second": row["flops_per_video_second"],
        "bytes_per_video_second": row["bytes_per_video_second"],
        "stages": result["stages"],
        "crosscheck": result["crosscheck"],
        "published_params": result["published_params"],
        "first_chunk_flops": result["first_chunk_flops"],
        "first_chunk_bytes": result["first_chunk_bytes"],
        "roofline": {gpu: {k: v for k, v in r.items() if k != "stages"} for gpu, r in result["roofline"].items()},
        "unknown_config_keys": row.get("unknown_config_keys") or {},
    }


def analyze_cli(
    db: DbOption = None,
    system: str = typer.Option(
        None, "--system", help="Analyse one system (canonical name or alias) [default: every open system]."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object per analysis instead of tables."),
    no_claims: bool = typer.Option(
        False, "--no-claims", help="Only the published settings, not the settings stored claims state."
    ),
) -> None:
    """Count parameters, FLOPs and bytes per generated second on the meta device, and bound every GPU.

    Builds each open system's real networks (diffusers / transformers classes) from the configs in
    data/systems/ without weights, counts one clip of its real schedule with FlopCounterMode, checks
    the transformer blocks against the analytic formula, and stores one analyses row per setting
    with the roofline bound (least seconds per video second, max fps, best level) on every GPU of
    data/hardware.yaml. Results already in the store for the same inputs are reused.
    """
    from rich.progress import Progress
    from rich.table import Table

    from liveaudit.store import Store
    from liveaudit.validator import analyze_store

    store = Store.open(db)
    with Progress(console=console, transient=True, disable=as_json) as bar:
        task = bar.add_task("analysing", total=None)
        out = analyze_store(
            store,
            system,
            with_claims=not no_claims,
            progress=lambda text, done, total: bar.update(task, description=text, completed=done, total=total),
        )
    if as_json:
        for row in out["rows"]:
            print(json.dumps(_json_row(row), default=str))
        return
    table = Table(title=f"analyses — {out['analyses_new']} new, {out['analyses_reused']} reused from the store")
    for col in (
        "system",
        "setting",
        "params",
        "TFLOP / video s",
        "GB / video s",
        "blocks: counted / analytic",
        "published params",
    ):
        table.add_column(col)
    for row in out["rows"]:
        cc = row["result"]["crosscheck"] or {}
        pub = [p for p in row["result"]["published_params"] if not p["nominal"]] or row["result"]["published_params"]
        table.add_row(
            row["system"],
            row["settings"]["label"],
            f"{row['params'] / 1e9:.3f} B",
            f"{row['flops_per_video_second'] / 1e12:,.0f}",
            f"{row['bytes_per_video_second'] / 1e9:,.1f}",
            f"{cc.get('ratio', 0):.4f}" if cc else "-",
            ", ".join(f"{p['counted'] / p['published']:.3f} x {p['published'] / 1e9:g} B" for p in pub) or "-",
        )
    console.print(table)
    gpus = list(out["rows"][0]["result"]["roofline"]) if out["rows"] else []
    bounds = Table(title="roofline: max fps at peak (best level) per GPU")
    bounds.add_column("system / setting")
    for gpu in gpus:
        bounds.add_column(gpu)
    for row in out["rows"]:
        roof = row["result"]["roofline"]
        label = row["settings"]["label"]
        bounds.add_row(
            row["system"] if label == "published default" else f"{row['system']} ({label})",
            *[f"{roof[g]['max_fps']:.1f} {roof[g]['best_level']}" for g in gpus],
        )
    console.print(bounds)
    for name, reason in out["skipped"].items():
        console.print(f"not analysed: {name}: {reason}")


def bench_analyze_cli() -> None:
    """Wall time of analysing every registered open system on CPU from cold, and each FlopCounter/analytic ratio."""
    import os
    import time

    from rich.progress import Progress

    from liveaudit.cli.bench import print_bench

    t0 = time.perf_counter()
    from liveaudit.validator import bench_analyze  # imports torch, diffusers, transformers

    import_s = time.perf_counter() - t0
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("analysing", total=None)
        out = bench_analyze(
            progress=lambda text, done, total: bar.update(task, description=text, completed=done, total=total)
        )
    rows = [
        (
            s["system"],
            s["seconds"],
            s["cpu_seconds"],
            f"{s['params'] / 1e9:.3f}",
            f"{s['flops_per_video_second'] / 1e12:,.1f}",
            f"{s['flop_counter'] / 1e12:,.2f}",
            f"{s['analytic'] / 1e12:,.2f}",
            f"{s['ratio']:.4f}",
        )
        for s in out["systems"]
    ]
    ok = all(0.95 <= s["ratio"] <= 1.05 for s in out["systems"])
    print_bench(
        "bench analyze: meta-device analysis of every open system (cold, no cached counts)",
        (
            "system",
            "wall s",
            "cpu s",
            "params (B)",
            "TFLOP / video s",
            "blocks: FlopCounter TFLOP",
            "blocks: analytic TFLOP",
            "ratio",
        ),
        rows,
        [
            f"total: {out['total_s']:.1f} s wall, {out['cpu_s']:.1f} s CPU (process), plus {import_s:.1f} s importing torch/diffusers/transformers; "
            f"torch threads {out['threads']}, {os.cpu_count()} cores visible; load average {os.getloadavg()[0]:.1f}",
            f"goal: all systems < 60 s on 2 cores -> {'met' if out['total_s'] < 60 else 'not met'} (wall); "
            f"every ratio within 0.95-1.05 -> {'met' if ok else 'not met'}",
        ],
    )


def register(app: typer.Typer) -> None:
    from liveaudit.cli.bench import bench_app

    app.command("analyze", epilog=example("liveaudit analyze --system Wan2.1-T2V-1.3B --json"))(analyze_cli)
    bench_app.command("analyze", epilog=example("liveaudit bench analyze"))(bench_analyze_cli)
