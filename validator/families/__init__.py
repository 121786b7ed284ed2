"""The schedule families, one module each: its counted plan (meta device) and its timed schedule.

    FAMILIES[schedule["family"]].plan(schedule, networks, modules)          # analysis/row.py
    FAMILIES[schedule["family"]].prepare(schedule, networks, modules, ...)  # measure/run.py

common.py holds what the families share and explains both halves.
"""

from liveaudit.validator.families import chunked_ar, unet_stream, whole_clip

FAMILIES = {"whole_clip_dit": whole_clip, "chunked_ar_dit": chunked_ar, "unet_stream": unet_stream}

__all__ = ["FAMILIES", "chunked_ar", "unet_stream", "whole_clip"]
