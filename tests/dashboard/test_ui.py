"""Display helpers of the dashboard (dashboard/ui.py)."""

from __future__ import annotations

import pandas as pd

from liveaudit.dashboard.ui import blank_missing


def test_ui_missing_cells_are_empty_and_full_columns_keep_their_type():
    frame = pd.DataFrame(
        {"system": ["LongLive", "LTX-Video"], "claimed fps": [20.7, None], "reports": [5, 0], "url": [None, "x"]}
    )
    shown = blank_missing(frame, keep=("url",))
    assert shown["claimed fps"].tolist() == ["20.7", ""]  # never "None" or "nan"
    assert shown["reports"].tolist() == [5, 0] and shown["reports"].dtype.kind == "i"
    assert shown["url"].tolist()[1] == "x" and pd.isna(shown["url"].tolist()[0])  # kept for the link column
    assert frame["claimed fps"].isna().sum() == 1  # the input is not changed
