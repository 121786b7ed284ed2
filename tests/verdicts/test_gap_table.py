"""The gap table a user sees at the end of `liveaudit demo` and `liveaudit verdicts` fits 80 columns."""

from __future__ import annotations

from rich.console import Console

from liveaudit.levels import load_thresholds
from liveaudit.verdicts.gaps import gap_table


def _row(system, gpu, **ev):
    return {
        "system": system,
        "hardware": gpu,
        "claims": 17,
        "implied_level": "L3",
        "measured_level": None,
        "bound_level": "L4",
        "gap": None,
        "evidence": {"verdicts": ev, "median_ratio": 0.8154, "compared_evidence": 3},
    }


def test_gap_table_fits_80_columns_keeps_every_name_and_explains_its_letters():
    rows = [
        _row("Hunyuan-GameCraft", "RTX PRO 6000 Blackwell", untested=7, contradicted=12, implausible=1),
        _row("Self-Forcing", "H100 SXM", supported=2, disputed=1, unverifiable=30),
    ]
    console = Console(width=80, record=True, color_system=None)
    console.print(gap_table(rows, load_thresholds()))
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "…" not in text  # nothing cut off: long names fold onto a second line
    flat = text.replace("\n", " ")
    assert "C12 I1 T7" in flat and "S2 D1 U30" in flat and "0.82" in flat
    assert "C contradicted" in flat and "L2 streaming" in flat


def test_gap_table_says_how_many_claims_name_the_gpu():
    from rich.console import Console

    from liveaudit.levels import load_thresholds
    from liveaudit.verdicts.gaps import gap_table

    rows = [
        {
            "system": "LongLive",
            "hardware": "H100 SXM",
            "claims": 17,
            "implied_level": "L3",
            "measured_level": None,
            "bound_level": "L4",
            "gap": None,
            "evidence": {"named_claims": 7, "verdicts": {"untested": 7}},
        },
        {
            "system": "Genie 3",
            "hardware": None,
            "claims": 6,
            "implied_level": "L3",
            "measured_level": None,
            "bound_level": None,
            "gap": None,
            "evidence": {"named_claims": 0, "verdicts": {}},
        },
    ]
    console = Console(width=80, record=True)
    console.print(gap_table(rows, load_thresholds()))
    text = console.export_text()
    assert "7+10" in text and " 6 " in text and "claims naming the GPU + claims naming none" in text.replace("\n", " ")
