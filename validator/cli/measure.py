"""`liveaudit measure` (timed runs of a system's real sampling schedule) and `liveaudit bench measure`."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from liveaudit.cli.common import DbOption, console, example

ModeOption = typer.Option(
    None,
    "--mode",
    help="eager, compiled or cuda_graphs; repeat for several [default: eager on CPU, all three on CUDA].",
)
TinyOption = typer.Option(
    None,
    "--tiny/--full",
    help="Tiny smoke-test networks and clip, or the system's real sizes [default: tiny on CPU, full on CUDA].",
)


def _options(device, dtype, resolution, steps, seconds, weights, tiny, modes, warmup, repetitions, attention):
    from liveaudit.errors import InputError
    from liveaudit.validator.measure import Options

    width = height = None
    if resolution:
        try:
            width, height = (int(v) for v in resolution.lower().split("x"))
        except ValueError:
            raise InputError(
                "E714", option="--resolution", value=resolution, known="WIDTHxHEIGHT, e.g. 832x480"
            ) from None
        if not (0 < width <= 8192 and 0 < height <= 8192):
            raise InputError("E714", option="--resolution", value=resolution, known="sizes from 1 to 8192")
    return Options(
        device=device,
        dtype=dtype,
        width=width,
        height=height,
        steps=steps,
        seconds=seconds,
        weights=str(weights) if weights else None,
        tiny=tiny,
        modes=tuple(modes) if modes else None,
        warmup=warmup,
        repetitions=repetitions,
        attention=attention,
    )


def _fmt(value, spec: str = ".3g", unit: str = "") -> str:
    return "-" if value is None else f"{value:{spec}}{unit}"


def measure_cli(
    db: DbOption = None,
    system: str = typer.Option(
        None, "--system", help="System to measure (canonical name or alias) [default: every open system]."
    ),
    device: str = typer.Option("cpu", "--device", help="cpu or cuda (cuda:N for another GPU)."),
    dtype: str = typer.Option(None, "--dtype", help="bf16, fp16 or fp32 [default: bf16 on CUDA, fp32 on CPU]."),
    resolution: str = typer.Option(
        None, "--resolution", help="WIDTHxHEIGHT instead of the system's published resolution."
    ),
    steps: int = typer.Option(
        None, "--steps", min=1, max=1000, help="Denoising steps instead of the system's own count."
    ),
    seconds: float = typer.Option(
        None, "--seconds", min=0.01, max=3600, help="Video duration to generate, in seconds."
    ),
    weights: Path = typer.Option(
        None,
        "--weights",
        help="Folder of local safetensors (<role>.safetensors or <role>/*.safetensors); never pickle [default: random weights].",
    ),
    tiny: bool = TinyOption,
    modes: list[str] = ModeOption,
    warmup: int = typer.Option(None, "--warmup", min=0, help="Untimed clips first [default: VALIDATE_MEASURE_WARMUP]."),
    repetitions: int = typer.Option(
        None, "--repetitions", min=1, help="Timed clips [default: VALIDATE_MEASURE_REPETITIONS]."
    ),
    attention: str = typer.Option(
        None, "--attention", help="Force one SDPA kernel: flash, efficient, cudnn or math [default: torch picks]."
    ),
    save_json: Path = typer.Option(
        None, "--save-json", help="Also write the rows in the shipped format (data/measurements/README.md)."
    ),
    shipped: bool = typer.Option(
        False, "--shipped", help="Only load the shipped GPU runs of data/measurements/ into the store; time nothing."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object per measurement instead of a table."),
    shard: str = typer.Option(
        None,
        "--shard",
        help="Only the I-th of N shards, I/N: the systems whose current_systems id % N == I-1, so N machines share the work.",
    ),
    queue: str = typer.Option(
        None,
        "--queue",
        help="Share the systems through the store's work queue under this batch name: every worker enqueues them once, then claims and measures one system at a time until none is left.",
    ),
    worker: str = typer.Option(None, "--worker", help="This worker's name on the queue [default: host:pid]."),
) -> None:
    """Time a system's real sampling schedule end to end and store the figures with their environment.

    Builds the system's real networks (random weights unless --weights) and runs its schedule:
    text encoding, every denoising step, chunk by chunk with the KV cache of earlier chunks for
    autoregressive systems (or the whole clip), and the VAE decode. Timing: CUDA events (wall
    clock on CPU), warm-up clips, a sync only at chunk boundaries, percentiles over repetitions.
    Stores TTFF, chunk gaps p50/p95/p99, throughput, RTF, peak memory, achieved FLOP/s and the
    liveness level. On CPU the default is a tiny smoke config, marked settings.tiny = true: it
    proves the schedule runs, never the system's speed. With --shard or --queue several
    machines share the systems (see docs/scale-out.md).
    """
    from rich.progress import Progress
    from rich.table import Table

    from liveaudit.store import Store
    from liveaudit.store.queue import Shard
    from liveaudit.validator.measure import load_shipped, measure_store, write_shipped

    shard_of = Shard.parse(shard)
    store = Store.open(db)
    if shipped:
        out = load_shipped(store)
        console.print(f"shipped measurements: {out['shipped']} in the folder, {out['shipped_new']} new in the store")
        return
    opts = _options(device, dtype, resolution, steps, seconds, weights, tiny, modes, warmup, repetitions, attention)
    with Progress(console=console, transient=True, disable=as_json) as bar:
        task = bar.add_task("measuring", total=None)
        out = measure_store(
            store,
            system,
            opts,
            progress=lambda text: bar.update(task, description=text),
            shard=shard_of,
            queue=queue,
            worker=worker,
        )
    if save_json:
        write_shipped(out["rows"], save_json)
    if as_json:
        for row in out["rows"]:
            print(json.dumps({k: v for k, v in row.items() if k != "created_at"}, default=str))
        return
    labels = sorted(
        {f"{r['settings']['width']}x{r['settings']['height']}, {r['settings']['label']}" for r in out["rows"]}
    )
    table = Table(
        title=f"measurements (run {out['rows'][0]['run_id'] if out['rows'] else '-'}, {out['seconds']} s; {'; '.join(labels)})"
    )
    for col in ("system", "on · mode", "TTFF s", "gap p50/p99 s", "fps", "RTF", "level", "mem GB", "of peak"):
        table.add_column(col)
    for row in out["rows"]:
        r = row["result"]
        gaps = r["chunk_gap_s"]
        table.add_row(
            row["system"],
            f"{row['hardware']} · {r['mode']}",
            _fmt(row["ttff_s"]),
            f"{_fmt(gaps['p50'])}/{_fmt(gaps['p99'])}",
            _fmt(row["throughput_fps"]),
            _fmt(row["rtf"]),
            row["level"] or "-",
            _fmt(r["peak_mem_bytes"] / 1e9 if r["peak_mem_bytes"] else None, ".2f"),
            _fmt(r["achieved_flops_fraction"], ".1%"),
        )
    console.print(table)
    if "measured_systems" in out:
        console.print(
            f"this worker measured {len(out['measured_systems'])} systems: {', '.join(out['measured_systems']) or 'none left'}"
        )
    if out["tiny"]:
        console.print(
            "tiny smoke config (settings.tiny = true): these figures show the schedule runs end to end; "
            "they are not the systems' performance and the verdicts ignore them."
        )


def bench_measure_cli(
    system: str = typer.Option(..., "--system", help="System to benchmark (canonical name or alias)."),
    device: str = typer.Option("cpu", "--device", help="cpu or cuda."),
    dtype: str = typer.Option(None, "--dtype", help="bf16, fp16 or fp32 [default: bf16 on CUDA, fp32 on CPU]."),
    tiny: bool = TinyOption,
    modes: list[str] = ModeOption,
    repetitions: int = typer.Option(3, "--repetitions", min=1, help="Timed clips per mode (and bare loops)."),
) -> None:
    """The harness's figures beside a bare torch loop of the same transformer calls, and FLOP/s of peak.

    Goals on an H100: harness overhead < 3% over the bare loop, DiT steps at >= 40% of the BF16
    peak, fps within 15% of the published figure for every claim naming the same GPU.
    """
    from rich.progress import Progress

    from liveaudit.cli.bench import print_bench
    from liveaudit.validator.measure import bench_measure

    opts = _options(device, dtype, None, None, None, None, tiny, modes, None, repetitions, None)
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("measuring", total=None)
        out = bench_measure(system, opts, progress=lambda text: bar.update(task, description=text))
    rows = [
        (
            r["mode"],
            _fmt(r["harness_denoiser_s"], ".4f"),
            _fmt(r["bare_s"], ".4f"),
            _fmt(r["overhead"], "+.1%"),
            _fmt(r["denoiser_flops_fraction"], ".1%"),
            _fmt(r["achieved_flops_fraction"], ".1%"),
            _fmt(r["fps_p50"]),
            _fmt(r["ttff_s"]),
            _fmt(r["rtf"]),
            r["level"] or "-",
        )
        for r in out["rows"]
    ]
    env = out["environment"]
    notes = [
        f"environment: {env['gpu'] or env['cpu']}, torch {env['torch']}, diffusers {env['diffusers']}, CUDA {env['cuda']}, "
        f"driver {env['driver']}, {env['dtype']}, {env['attention']}, {env['threads']} threads"
    ]
    if out["tiny"]:
        notes.append("tiny smoke config: the figures check the harness, not the system (no GPU peak to compare on CPU)")
    over = [r["overhead"] for r in out["rows"] if r["overhead"] is not None]
    dit = [r["denoiser_flops_fraction"] for r in out["rows"] if r["denoiser_flops_fraction"] is not None]
    notes.append(
        f"goal: harness overhead < 3% over the bare loop -> best {min(over):+.1%}, "
        f"{'met' if min(over) < 0.03 else 'not met'}"
        if over
        else "goal: harness overhead < 3% -> not measured"
    )
    notes.append(
        f"goal: DiT steps >= 40% of BF16 peak -> best {max(dit):.1%}, {'met' if max(dit) >= 0.4 else 'not met'}"
        if dit
        else f"goal: DiT steps >= 40% of BF16 peak -> no catalogued peak for {out['hardware']}"
    )
    best = max((r["fps_p50"] for r in out["rows"] if r["fps_p50"]), default=None)
    for claim in out["published"]:
        fps = (claim.get("figures") or {}).get("fps")
        if fps and best:
            notes.append(
                f"published {fps:g} fps on {out['hardware']} ({claim['source']}): ours {best:.3g} fps, "
                f"{best / fps - 1:+.0%} -> {'within' if abs(best / fps - 1) <= 0.15 else 'outside'} 15%"
            )
    if not out["published"]:
        notes.append(f"no published fps of {out['system']} names {out['hardware']}")
    print_bench(
        f"bench measure: {out['system']} on {out['hardware']}",
        (
            "mode",
            "harness denoiser s",
            "bare loop s",
            "overhead",
            "DiT FLOP/s of peak",
            "clip FLOP/s of peak",
            "fps p50",
            "TTFF s",
            "RTF",
            "level",
        ),
        rows,
        notes,
    )


def register(app: typer.Typer) -> None:
    from liveaudit.cli.bench import bench_app

    app.command("measure", epilog=example("liveaudit measure --system Self-Forcing --device cuda --dtype bf16"))(
        measure_cli
    )
    bench_app.command("measure", epilog=example("liveaudit bench measure --system Self-Forcing --device cuda"))(
        bench_measure_cli
    )
