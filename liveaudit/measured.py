"""Claimed vs measured per system (others' figures, our GPU runs): the dashboard's and report's read model.

    for s in claimed_vs_measured(store.engine):
        s["system"], s["claimed"]["fps"], s["median_ratio"], s["points"][0]["ratio"]

The claimed figure is the fastest frame rate the system's registry entry claims (stored in
`current_systems`), else the fastest frame rate of its stored claims. Each report and audited
result of `current_evidence` is a point: its GPU, frame rate (stated; else frames / time; else
seconds of video x the system's output rate / time), settings and source page; ratio =
got / claimed, and the median of the ratios per system. Our own GPU runs (measurements rows,
never a smoke run) are points of kind "measurement" beside them, with their ratio, but the
median is what others got. Reads only; nothing is written.
Docs: docs/evidence.md
"""

from __future__ import annotations

import json
import statistics

import sqlalchemy as sa


def _loads(value):
    if isinstance(value, (str, bytes)):
        try:
            return json.loads(value)
        except ValueError:
            return {}
    return value or {}


def _rows(engine: sa.Engine, sql: str) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.text(sql))]


def _claimed(engine: sa.Engine) -> tuple[dict[str, dict], dict[str, float]]:
    """System -> claimed {fps, gpu, text, source}, and system -> native output fps (the registry's schedule)."""
    claimed, native = {}, {}
    for row in _rows(engine, "SELECT name, spec FROM current_systems"):
        spec = _loads(row["spec"])
        schedule = (spec.get("architecture") or {}).get("schedule") or {}
        if isinstance(schedule.get("fps"), (int, float)):
            native[row["name"]] = float(schedule["fps"])
        best = None
        for claim in spec.get("claims") or []:
            fps = (claim.get("figures") or {}).get("fps")
            if isinstance(fps, (int, float)) and (best is None or fps > best["fps"]):
                best = {
                    "fps": float(fps),
                    "gpu": (claim.get("figures") or {}).get("gpu"),
                    "text": claim.get("text"),
                    "source": claim.get("source"),
                    "from": "registry",
                }
        if best:
            claimed[row["name"]] = best
    for row in _rows(
        engine,
        "SELECT c.system, c.sentence, c.figures, d.url FROM current_claims c "
        "JOIN documents d ON d.id = c.document_id WHERE c.system IS NOT NULL",
    ):
        fps = _loads(row["figures"]).get("fps")
        have = claimed.get(row["system"])
        if isinstance(fps, (int, float)) and (have is None or (have["from"] == "claims" and fps > have["fps"])):
            claimed[row["system"]] = {
                "fps": float(fps),
                "gpu": _loads(row["figures"]).get("gpu"),
                "text": row["sentence"],
                "source": row["url"],
                "from": "claims",
            }
    return claimed, native


def _fps(row: dict, figures: dict, native: float | None) -> tuple[float | None, str | None]:
    if row["fps"] is not None:
        return float(row["fps"]), "derived" if figures.get("fps") is None else "stated"
    latency, duration = row["latency_s"], figures.get("duration_s")
    if latency and duration and native and (row["latency_type"] in (None, "end_to_end")):
        return round(duration * native / latency, 4), "derived"
    return None, None


def _chunk_frames(engine: sa.Engine) -> dict[str, int]:
    """System -> frames per chunk of its registry schedule (streams only)."""
    out = {}
    for row in _rows(engine, "SELECT name, spec FROM current_systems"):
        frames = ((_loads(row["spec"]).get("architecture") or {}).get("schedule") or {}).get("frames_per_chunk")
        if isinstance(frames, int) and frames > 0:
            out[row["name"]] = frames
    return out


def _block_rates(evidence: list[dict], chunk_frames: dict[str, int]) -> dict[int, tuple[float | None, str]]:
    """Evidence id -> (rate, note) for one post's profiled block times (per-chunk latencies, no fps): the
    first row of the post gets frames-per-chunk / median block, as the verdicts read it
    (verdicts/others.chunk_points); the post's other block rows are listed without a rate, saying so."""
    posts: dict[tuple, list[dict]] = {}
    for row in evidence:
        if row["fps"] is None and row["latency_type"] == "per_chunk" and row["latency_s"]:
            posts.setdefault((row["system"], row["document_id"], row["post_index"]), []).append(row)
    out: dict[int, tuple[float | None, str]] = {}
    for (system, *_), rows in posts.items():
        frames = chunk_frames.get(system)
        if len(rows) > 1 and frames:
            median = statistics.median(float(r["latency_s"]) for r in rows)
            first = min(r["id"] for r in rows)
            out[first] = (round(frames / median, 4), f"median of {len(rows)} blocks of {frames} frames: {median:g} s")
            for r in rows:
                if r["id"] != first:
                    out[r["id"]] = (None, f"one block: {float(r['latency_s']):g} s (in #{first}'s median)")
    return out


def claimed_vs_measured(engine: sa.Engine) -> list[dict]:
    """One entry per system with evidence, most reports first (see the module docstring)."""
    claimed, native = _claimed(engine)
    evidence = _rows(
        engine,
        "SELECT e.*, d.url FROM current_evidence e JOIN documents d ON d.id = e.document_id ORDER BY e.system, e.id",
    )
    blocks = _block_rates(evidence, _chunk_frames(engine))
    systems: dict[str, dict] = {}
    for row in evidence:
        name = row["system"] or "(unresolved)"
        entry = systems.setdefault(
            name, {"system": name, "claimed": claimed.get(name), "native_fps": native.get(name), "points": []}
        )
        figures, settings = _loads(row["figures"]), _loads(row["settings"])
        fps, how = _fps(row, figures, native.get(name))
        block_note = None
        if row["id"] in blocks:
            fps, block_note = blocks[row["id"]]
            how = "derived (median block)" if fps is not None else None
        claim = entry["claimed"]
        entry["points"].append(
            {
                "id": row["id"],
                "kind": row["kind"],
                "author": row["submitter"] or row["author"],
                "posted_at": row["posted_at"],
                "gpu": row["gpu"],
                "gpu_count": row["gpu_count"],
                "fps": fps,
                "fps_from": how,
                "latency_s": row["latency_s"],
                "outcome": row["outcome"],
                "scenario": row["scenario"],
                "metric": row["metric"] or block_note,
                "value": row["value"],
                "settings": ", ".join(
                    f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in settings.items()
                ),
                "sentence": row["sentence"],
                "url": row["url"],
                "warc_record_id": row["warc_record_id"],
                # a figure its author took back, or calls slower than their usual runs, is listed, never averaged
                "ratio": round(fps / claim["fps"], 4)
                if fps is not None and claim and claim["fps"] and row["outcome"] not in ("retracted", "anomalous")
                else None,
            }
        )
    for run in _our_runs(engine):
        entry = systems.setdefault(
            run["system"],
            {
                "system": run["system"],
                "claimed": claimed.get(run["system"]),
                "native_fps": native.get(run["system"]),
                "points": [],
            },
        )
        claim = entry["claimed"]
        fps = run["fps"]
        entry["points"].append(
            {**run["point"], "ratio": round(fps / claim["fps"], 4) if fps and claim and claim["fps"] else None}
        )
    out = []
    for entry in systems.values():
        ratios = [p["ratio"] for p in entry["points"] if p["ratio"] is not None and p["kind"] != "measurement"]
        entry["runs"] = sum(p["kind"] == "measurement" for p in entry["points"])
        entry["reports"] = sum(p["kind"] == "report" for p in entry["points"])
        entry["audited"] = sum(p["kind"] == "audited" for p in entry["points"])
        entry["median_ratio"] = round(statistics.median(ratios), 4) if ratios else None
        entry["compared"] = len(ratios)
        out.append(entry)
    return sorted(out, key=lambda s: (-len(s["points"]), s["system"]))


def _our_runs(engine: sa.Engine) -> list[dict]:
    """Our GPU runs as points (smoke runs and CPU runs are never measurements of a system)."""
    from liveaudit.smoke import not_smoke
    from liveaudit.store import schema

    m = schema.measurements
    query = sa.select(m).where(not_smoke(m), m.c.device.like("cuda%")).order_by(m.c.system, m.c.id)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    out = []
    for row in rows:
        settings, result = _loads(row["settings"]), _loads(row["result"])
        fps = result.get("fps_p50") or row["throughput_fps"]
        mode = result.get("mode") or "eager"
        size = f"{settings['width']}x{settings['height']}" if settings.get("width") and settings.get("height") else None
        parts = [
            f"mode: {mode}",
            size,
            f"steps: {settings['steps']}" if settings.get("steps") else None,
            settings.get("dtype"),
        ]
        out.append(
            {
                "system": row["system"],
                "fps": float(fps) if fps else None,
                "point": {
                    "id": row["id"],
                    "kind": "measurement",
                    "author": "liveaudit (our run)",
                    "posted_at": None,
                    "gpu": row["hardware"],
                    "gpu_count": 1,
                    "fps": float(fps) if fps else None,
                    "fps_from": "measured",
                    "latency_s": row["ttff_s"],
                    "outcome": None,
                    "scenario": None,
                    "metric": "level",
                    "value": None,
                    "settings": ", ".join(p for p in parts if p),
                    "sentence": f"measurement #{row['id']}: our {mode} run with random weights, level {row['level'] or '-'}",
                    "url": None,
                    "warc_record_id": None,
                },
            }
        )
    return out
