"""Liveness levels from measured figures and from roofline bounds, with the shipped thresholds."""

from __future__ import annotations

import pytest

from liveaudit.errors import ConfigError
from liveaudit.levels import (
    level_from_analysis,
    level_from_figures,
    level_from_measurement,
    level_from_roofline,
    load_thresholds,
    rank,
)


def _fig(th, **kw):
    base = dict(
        fps_out=16.0,
        rtf=0.8,
        ttff_s=0.9,
        throughput_fps=20.0,
        chunk_gap_p99_s=0.2,
        chunk_duration_s=0.25,
        interactive_latency_p95_s=None,
        thresholds=th,
    )
    return level_from_figures(**{**base, **kw})


def test_levels_shipped_thresholds_follow_the_design(th):
    assert (th.rtf_max, th.ttff_max_s, th.interactive_latency_max_s, th.conversational_latency_max_s) == (
        1.0,
        2.0,
        1.0,
        0.15,
    )
    assert th.names["L4"] == "conversational" and len(th.sha256) == 64


@pytest.mark.parametrize(
    "changes, level",
    [
        ({"rtf": 1.6}, "L0"),
        ({"chunk_gap_p99_s": None}, "L1"),  # a whole-clip run: nothing shown before the end
        ({"ttff_s": 2.5}, "L1"),
        ({"throughput_fps": 15.0}, "L1"),
        ({"chunk_gap_p99_s": 0.3}, "L1"),
        ({}, "L2"),
        ({"interactive_latency_p95_s": 0.6}, "L3"),
        ({"interactive_latency_p95_s": 0.12}, "L4"),
        ({"interactive_latency_p95_s": 1.4}, "L2"),
    ],
)
def test_levels_from_figures_each_boundary(th, changes, level):
    result = _fig(th, **changes)
    assert result.level == level
    assert result.reason.startswith(level)


def test_levels_from_figures_derives_rtf_and_reports_unknown(th):
    assert _fig(th, rtf=None, throughput_fps=8.0).level == "L0"  # 16 fps out at 8 fps: RTF 2
    assert _fig(th, rtf=None, throughput_fps=None).level is None


def test_levels_from_roofline_is_an_upper_bound(th):
    assert level_from_roofline(1.7, True, None, th, "A10G").level == "L0"
    slow_start = level_from_roofline(0.4, True, 3.0, th, "A10G")
    assert slow_start.level == "L1" and slow_start.bound and "A10G" in slow_start.reason
    assert level_from_roofline(0.4, False, None, th).level == "L1"
    assert level_from_roofline(0.4, True, 0.5, th).level == "L3"
    assert level_from_roofline(0.4, True, 0.05, th).level == "L4"


def test_levels_from_rows_follow_the_contracts(th):
    measurement = {
        "settings": {"fps": 16, "frames_per_chunk": 4, "width": 832, "height": 480},
        "rtf": 0.7,
        "ttff_s": 0.8,
        "throughput_fps": 18.0,
        "result": {"chunk_gap_s": {"p50": 0.2, "p95": 0.22, "p99": 0.24, "max": 0.3}},
    }
    assert level_from_measurement(measurement, th).level == "L2"
    analysis = {
        "settings": {"fps": 16, "seconds": 5, "frames_per_chunk": 4},
        "flops_per_video_second": 1e15,
        "bytes_per_video_second": 1e11,
        "result": {
            "first_chunk_flops": 4e14,
            "first_chunk_bytes": 1e10,
            "roofline": {"A10G": {"compute_s_per_video_s": 8.0, "memory_s_per_video_s": 0.2, "min_s_per_video_s": 8.0}},
        },
    }
    assert level_from_analysis(analysis, "A10G", th).level == "L0"
    assert level_from_analysis(analysis, "H100 SXM", th) is None


def test_levels_bad_thresholds_file_names_the_key(tmp_path):
    bad = tmp_path / "levels.yaml"
    bad.write_text("thresholds: {rtf_max: 1.0}\n")
    with pytest.raises(ConfigError) as err:
        load_thresholds(bad)
    assert err.value.code == "E802" and "sustain_ratio" in str(err.value)
    with pytest.raises(ConfigError) as err:
        rank("L7")
    assert err.value.code == "E801"
