"""Liveness levels L0-L4: the one place that turns figures into a level.

The thresholds, with the reference behind each, live in `data/levels.yaml`
(docs/design.md, "Vocabulary"). Two ways in:

    th = load_thresholds()
    level_from_figures(fps_out=16, rtf=0.8, ttff_s=0.9, throughput_fps=20,
                       chunk_gap_p99_s=0.2, chunk_duration_s=0.25,
                       interactive_latency_p95_s=None, thresholds=th)
    # -> Level("L2", "L2 (streaming): 20 fps sustained >= 16 fps output, ...")

    level_from_roofline(min_s_per_video_s=1.7, streams=True, first_chunk_min_s=None,
                        thresholds=th, gpu="A10G")
    # -> Level("L0", "at best L0 (offline) on A10G: ...", bound=True)

`level_from_measurement(row)` and `level_from_analysis(row, gpu)` read the
measurements / analyses row contracts. A measured level is what a run reached;
a roofline level is an upper bound ("at best"): the physics of the stated GPU
excludes every level above it.
"""

from __future__ import annotations

from liveaudit.thresholds import THRESHOLD_KEYS, Level, Thresholds, fmt_num, levels_file, load_thresholds, rank

# the thresholds and the level record live in thresholds.py; they are part of this module's API
__all__ = [
    "THRESHOLD_KEYS",
    "Level",
    "Thresholds",
    "best_level",
    "best_levels",
    "latest_per_settings",
    "level_from_analysis",
    "level_from_figures",
    "level_from_measurement",
    "level_from_roofline",
    "levels_file",
    "load_thresholds",
    "rank",
    "roofline_figures",
]


def level_from_figures(
    fps_out: float | None,
    rtf: float | None,
    ttff_s: float | None,
    throughput_fps: float | None,
    chunk_gap_p99_s: float | None,
    chunk_duration_s: float | None,
    interactive_latency_p95_s: float | None = None,
    thresholds: Thresholds | None = None,
) -> Level:
    """The level a run reached, from its measured figures (seconds, frames per second).

    A missing figure never counts as passing: without chunk gaps or a first-frame time a
    run is at most L1, without an input-to-output latency at most L2. Level None when
    neither RTF nor throughput and output fps are known.
    """
    th = thresholds or load_thresholds()
    figures = {
        "fps_out": fps_out,
        "rtf": rtf,
        "ttff_s": ttff_s,
        "throughput_fps": throughput_fps,
        "chunk_gap_p99_s": chunk_gap_p99_s,
        "chunk_duration_s": chunk_duration_s,
        "interactive_latency_p95_s": interactive_latency_p95_s,
    }
    if rtf is None and throughput_fps and fps_out:
        rtf = fps_out / throughput_fps
    if rtf is None:
        return Level(None, "no level: neither the real-time factor nor the throughput was measured", figures=figures)
    if rtf > th.rtf_max:
        return Level(
            "L0",
            f"{th.label('L0')}: RTF {fmt_num(rtf)} > {fmt_num(th.rtf_max)}, generating takes longer than playing",
            figures=figures,
        )
    done = f"RTF {fmt_num(rtf)} <= {fmt_num(th.rtf_max)}"
    missing = [
        name
        for name, v in (
            ("throughput", throughput_fps),
            ("output fps", fps_out),
            ("p99 chunk gap", chunk_gap_p99_s),
            ("chunk duration", chunk_duration_s),
            ("time to first frame", ttff_s),
        )
        if v is None
    ]
    if missing:
        return Level(
            "L1",
            f"{th.label('L1')}: {done}; not streaming, since no {', '.join(missing)} was measured",
            figures=figures,
        )
    assert throughput_fps is not None and fps_out is not None and chunk_gap_p99_s is not None
    assert chunk_duration_s is not None and ttff_s is not None  # `missing` was empty
    failed = []
    if throughput_fps < th.sustain_ratio * fps_out:
        failed.append(f"throughput {fmt_num(throughput_fps)} fps < {fmt_num(th.sustain_ratio * fps_out)} fps output")
    if chunk_gap_p99_s > th.chunk_gap_ratio * chunk_duration_s:
        failed.append(
            f"p99 chunk gap {fmt_num(chunk_gap_p99_s)} s > chunk {fmt_num(th.chunk_gap_ratio * chunk_duration_s)} s"
        )
    if ttff_s > th.ttff_max_s:
        failed.append(f"first frame after {fmt_num(ttff_s)} s > {fmt_num(th.ttff_max_s)} s")
    if failed:
        return Level("L1", f"{th.label('L1')}: {done}; not streaming: {'; '.join(failed)}", figures=figures)
    streaming = (
        f"{fmt_num(throughput_fps)} fps sustained >= {fmt_num(fps_out)} fps output, p99 chunk gap {fmt_num(chunk_gap_p99_s)} s "
        f"<= chunk {fmt_num(chunk_duration_s)} s, first frame in {fmt_num(ttff_s)} s"
    )
    if interactive_latency_p95_s is None:
        return Level(
            "L2", f"{th.label('L2')}: {streaming}; no input-to-output latency measured, so not L3", figures=figures
        )
    lat = interactive_latency_p95_s
    if lat <= th.conversational_latency_max_s:
        return Level(
            "L4", f"{th.label('L4')}: {streaming}; p95 input-to-output latency {fmt_num(lat)} s", figures=figures
        )
    if lat <= th.interactive_latency_max_s:
        return Level(
            "L3", f"{th.label('L3')}: {streaming}; p95 input-to-output latency {fmt_num(lat)} s", figures=figures
        )
    return Level(
        "L2",
        f"{th.label('L2')}: {streaming}; p95 input-to-output latency {fmt_num(lat)} s > {fmt_num(th.interactive_latency_max_s)} s",
        figures=figures,
    )


def level_from_roofline(
    min_s_per_video_s: float,
    streams: bool,
    first_chunk_min_s: float | None = None,
    thresholds: Thresholds | None = None,
    gpu: str | None = None,
) -> Level:
    """The best level the physics of one GPU allows (an upper bound, `bound=True`).

    `min_s_per_video_s` is the roofline's least compute time per second of video (the
    lowest possible RTF); `streams` says the schedule delivers chunks before the clip is
    done; `first_chunk_min_s` is the least time to produce the first chunk, which bounds
    both the time to first frame and the input-to-output latency from below.
    """
    th = thresholds or load_thresholds()
    on = f" on {gpu}" if gpu else ""
    figures = {"min_s_per_video_s": min_s_per_video_s, "first_chunk_min_s": first_chunk_min_s, "streams": streams}
    if min_s_per_video_s > th.rtf_max:
        return Level(
            "L0",
            f"at best {th.label('L0')}{on}: even at peak FLOP/s and memory bandwidth one second of video "
            f"takes {fmt_num(min_s_per_video_s)} s",
            bound=True,
            figures=figures,
        )
    if not streams:
        return Level(
            "L1",
            f"at best {th.label('L1')}{on}: at least {fmt_num(min_s_per_video_s)} s per second of video, "
            "and the schedule shows nothing before the clip is done",
            bound=True,
            figures=figures,
        )
    if first_chunk_min_s is None:
        return Level(
            "L4",
            f"at best {th.label('L4')}{on}: at least {fmt_num(min_s_per_video_s)} s per second of video, "
            "and the first chunk's cost is unknown",
            bound=True,
            figures=figures,
        )
    first = f"the first chunk needs at least {fmt_num(first_chunk_min_s)} s"
    if first_chunk_min_s > th.ttff_max_s:
        return Level(
            "L1", f"at best {th.label('L1')}{on}: {first} > {fmt_num(th.ttff_max_s)} s", bound=True, figures=figures
        )
    if first_chunk_min_s > th.interactive_latency_max_s:
        return Level(
            "L2",
            f"at best {th.label('L2')}{on}: {first}, so a new input cannot show within "
            f"{fmt_num(th.interactive_latency_max_s)} s",
            bound=True,
            figures=figures,
        )
    if first_chunk_min_s > th.conversational_latency_max_s:
        return Level(
            "L3",
            f"at best {th.label('L3')}{on}: {first} > {fmt_num(th.conversational_latency_max_s)} s",
            bound=True,
            figures=figures,
        )
    return Level("L4", f"at best {th.label('L4')}{on}: {first}", bound=True, figures=figures)


def level_from_measurement(row: dict, thresholds: Thresholds | None = None) -> Level:
    """The level of one measurements row (the validator's contract), recomputed with `thresholds`."""
    settings = row.get("settings") or {}
    result = row.get("result") or {}
    fps_out = settings.get("fps")
    per_chunk = settings.get("frames_per_chunk")
    chunk_duration = per_chunk / fps_out if per_chunk and fps_out else None
    gaps = result.get("chunk_gap_s") or {}
    return level_from_figures(
        fps_out=fps_out,
        rtf=row.get("rtf"),
        ttff_s=row.get("ttff_s"),
        throughput_fps=row.get("throughput_fps"),
        chunk_gap_p99_s=gaps.get("p99"),
        chunk_duration_s=chunk_duration,
        interactive_latency_p95_s=(result.get("interactive_latency_s") or {}).get("p95"),
        thresholds=thresholds,
    )


def roofline_figures(row: dict, gpu: str, steps: int | None = None) -> dict | None:
    """The least time per video second, the highest fps and the least time to first frame that
    one analyses row allows on `gpu`, or None when the row has no bound for that GPU.

    With `steps` the denoiser's share is rescaled to that many denoising steps without
    classifier-free guidance (`steps=1` gives the most favourable bound a vendor's unstated
    step count could reach); the other stages are kept. Without it the row's settings are used.
    """
    result = row.get("result") or {}
    roof = (result.get("roofline") or {}).get(gpu)
    if not roof or roof.get("min_s_per_video_s") is None:
        return None
    settings = row.get("settings") or {}
    min_s = roof["min_s_per_video_s"]
    factor = 1.0
    den = ((roof.get("stages") or {}).get("denoiser") or {}).get("min_s_per_video_s")
    if steps is not None and den is not None and settings.get("steps"):
        # denoiser calls = steps x (2 with classifier-free guidance): time scales with the calls
        factor = steps / (settings["steps"] * (2 if settings.get("cfg") else 1))
        min_s = max(min_s - den, 0.0) + den * factor
    first = roof.get("first_frame_min_s")
    if first is None:
        flops, nbytes = row.get("flops_per_video_second"), row.get("bytes_per_video_second")
        if result.get("first_chunk_flops") is not None and flops and roof.get("compute_s_per_video_s") is not None:
            # peak FLOP/s = flops_per_video_second / compute_s_per_video_s, so the first chunk takes at least:
            first = result["first_chunk_flops"] * roof["compute_s_per_video_s"] / flops
            if result.get("first_chunk_bytes") is not None and nbytes and roof.get("memory_s_per_video_s") is not None:
                first = max(first, result["first_chunk_bytes"] * roof["memory_s_per_video_s"] / nbytes)
    if first is not None and factor < 1:
        first *= factor  # scaling every stage down keeps it a lower bound
    fps, seconds, per_chunk = settings.get("fps"), settings.get("seconds"), settings.get("frames_per_chunk")
    streams = bool(per_chunk) and not (fps and seconds and per_chunk >= fps * seconds)
    return {
        "min_s_per_video_s": min_s,
        "max_fps": fps / min_s if fps and min_s else None,
        "first_frame_min_s": first,
        "streams": streams,
        "denoiser_factor": factor,
    }


def level_from_analysis(
    row: dict, gpu: str, thresholds: Thresholds | None = None, steps: int | None = None
) -> Level | None:
    """The roofline bound of one analyses row on `gpu` (see `roofline_figures`), or None."""
    fig = roofline_figures(row, gpu, steps)
    if fig is None:
        return None
    level = level_from_roofline(fig["min_s_per_video_s"], fig["streams"], fig["first_frame_min_s"], thresholds, gpu)
    return Level(level.level, level.reason, True, {**level.figures, **fig})


def best_level(analyses: list[dict], gpu: str, thresholds: Thresholds | None = None) -> Level | None:
    """The best level a system can reach on `gpu`: the one function every page calls.

    The highest roofline bound over the system's analyses (each analysed setting, at its own
    steps), so the dashboard's overview chart, its system page and gap table, the cards, the
    report and the exports all say the same. A tie keeps the published default. None when no
    analysis has a bound for that GPU. `figures["analysis_id"]` names the analysis used.
    """
    best: Level | None = None
    ordered = sorted(
        analyses, key=lambda a: ((a.get("settings") or {}).get("label") != "published default", a.get("id") or 0)
    )
    for row in ordered:
        lv = level_from_analysis(row, gpu, thresholds)
        if lv is None or lv.level is None:
            continue
        if best is None or rank(lv.level) > rank(best.level):
            best = Level(lv.level, lv.reason, True, {**lv.figures, "analysis_id": row.get("id")})
    return best


def best_levels(analyses: list[dict], thresholds: Thresholds | None = None) -> dict[tuple[str, str], Level]:
    """(system, gpu) -> `best_level` for every system and GPU the analyses rows cover."""
    by_system: dict[str, list[dict]] = {}
    for row in analyses:
        by_system.setdefault(row["system"], []).append(row)
    out: dict[tuple[str, str], Level] = {}
    for system, rows in by_system.items():
        gpus = sorted({g for r in rows for g in ((r.get("result") or {}).get("roofline") or {})})
        for gpu in gpus:
            lv = best_level(rows, gpu, thresholds)
            if lv is not None:
                out[(system, gpu)] = lv
    return out


def latest_per_settings(analyses: list[dict]) -> list[dict]:
    """The newest analyses row per system and settings: the rows `best_level` is given everywhere."""
    import json

    latest: dict[str, dict] = {}
    for row in sorted(analyses, key=lambda r: r.get("id") or 0):
        settings = row.get("settings")
        if isinstance(settings, str):
            settings = json.loads(settings or "{}")
        latest[row["system"] + json.dumps(settings or {}, sort_keys=True)] = row
    return sorted(latest.values(), key=lambda r: r.get("id") or 0)
