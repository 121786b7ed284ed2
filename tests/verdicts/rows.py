"""Row builders for the verdict tests, following the cross-stage row contracts.

The figures are small, self-consistent test values (not measurements of any real system).
"""

from __future__ import annotations

SETTINGS = {
    "width": 832,
    "height": 480,
    "fps": 16,
    "steps": 4,
    "seconds": 5,
    "frames_per_chunk": 4,
    "cfg": False,
    "label": "published default",
}


def figures(**kw) -> dict:
    base = {
        "fps": None,
        "fps_max": None,
        "latency_s": None,
        "latency_type": None,
        "compute_s_per_video_s": None,
        "width": None,
        "height": None,
        "duration_s": None,
        "gpu": None,
        "gpu_count": None,
        "steps": None,
        "speedup": None,
        "speedup_baseline": None,
    }
    return {**base, **kw}


def claim(
    id=1, system="Self-Forcing", kind="quantified", hedge=None, implied_level="L2", terms=("real-time",), **fig
) -> dict:
    return {
        "id": id,
        "system": system,
        "kind": kind,
        "hedge": hedge,
        "implied_level": implied_level,
        "terms": list(terms),
        "figures": figures(**fig),
        "sentence": "...",
        "specificity": {},
    }


def document(fetched_at) -> dict:
    """One stored page that the seeded claims point at."""
    return {
        "doc_key": "http://127.0.0.1/a",
        "version": 1,
        "url": "http://127.0.0.1/a",
        "fetched_at": fetched_at,
        "content_sha256": "0" * 64,
        "extract_status": "extracted",
        "text": "...",
        "meta": {},
    }


def roofline(compute: float, memory: float, fps: float = 16) -> dict:
    """A bound whose denoiser takes 96% of the least time, the text encoder and VAE the rest."""
    low = max(compute, memory)
    return {
        "compute_s_per_video_s": compute,
        "memory_s_per_video_s": memory,
        "min_s_per_video_s": low,
        "max_fps": fps / low,
        "bound": "compute" if compute >= memory else "memory",
        "stages": {
            "text_encoder": {"min_s_per_video_s": 0.01 * low},
            "denoiser": {"min_s_per_video_s": 0.96 * low},
            "vae_decode": {"min_s_per_video_s": 0.03 * low},
        },
    }


def analysis(id=10, system="Self-Forcing", settings=None, roof=None) -> dict:
    roof = roof if roof is not None else {"H100 SXM": roofline(0.25, 0.05), "A10G": roofline(2.5, 0.4)}
    return {
        "id": id,
        "system": system,
        "settings": dict(settings or SETTINGS),
        "params": 1_300_000_000,
        "flops_per_video_second": 2.5e14,
        "bytes_per_video_second": 1.7e11,
        "result": {"stages": [], "roofline": roof, "first_chunk_flops": 2e13, "first_chunk_bytes": 1.4e10},
    }


def measurement(
    id=100,
    system="Self-Forcing",
    hardware="H100 SXM",
    fps_p50=17.0,
    fps_max=None,
    ttff_s=0.8,
    rtf=0.94,
    gap_p99=0.22,
    settings=None,
    mode="compiled",
    **result,
) -> dict:
    return {
        "id": id,
        "system": system,
        "hardware": hardware,
        "device": "cuda" if hardware != "cpu" else "cpu",
        "settings": dict(settings or SETTINGS),
        "ttff_s": ttff_s,
        "throughput_fps": fps_p50,
        "rtf": rtf,
        "level": None,
        "result": {
            "mode": mode,
            "chunk_gap_s": {"p50": 0.2, "p95": 0.21, "p99": gap_p99, "max": 0.3},
            "per_chunk_s": [0.21, 0.22, 0.23],
            "fps_p50": fps_p50,
            "fps_max": fps_max or fps_p50 * 1.05,
            **result,
        },
        "environment": {"gpu": hardware},
        "origin": "shipped",
    }
