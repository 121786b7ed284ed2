"""One best reachable level per system and GPU, whichever page shows it (liveaudit.levels.best_level).

The dashboard's overview chart (`levels_by_system`), its system page (`best_reachable_levels`),
the report (its gap table, `gather(...)["gaps"]`), the exports (each claim's `bound_level`
column, for the GPU it names) and the stored gap table all read the one function.
"""

from __future__ import annotations

import csv

from liveaudit.levels import best_level, load_thresholds
from liveaudit.store.runs import utcnow
from tests.verdicts.rows import SETTINGS, analysis, claim, document, roofline


def _seed(store):
    now = utcnow()
    # Two analysed settings whose bounds differ: the published default streams on the H100 only
    # at L2 (first chunk 1.5 s), the lighter one reaches L4 there. A page reading one analysis
    # only would disagree with a page reading the other (LongLive's L2 vs L4 on the dashboard).
    slow_first = {"H100 SXM": {**roofline(0.25, 0.05), "first_frame_min_s": 1.5}, "A10G": roofline(2.5, 0.4)}
    fast_first = {"H100 SXM": {**roofline(0.1, 0.02), "first_frame_min_s": 0.05}, "A10G": roofline(1.5, 0.2)}
    light = {**SETTINGS, "width": 640, "height": 360, "label": "lighter"}
    rows = [
        analysis(id=None, system="LongLive", roof=slow_first),
        analysis(id=None, system="LongLive", settings=light, roof=fast_first),
        analysis(id=None, system="Self-Forcing"),
    ]
    with store.run("seed") as run:
        [doc] = store.insert(
            "documents",
            [document(now)],
            run,
        )
        store.insert(
            "systems",
            [
                {
                    "name": n,
                    "version": 1,
                    "open_weights": True,
                    "content_sha256": "1" * 64,
                    "spec": {"open_weights": True},
                }
                for n in ("LongLive", "Self-Forcing")
            ],
            run,
        )
        store.insert(
            "analyses",
            [{**{k: v for k, v in a.items() if k != "id"}, "unknown_config_keys": [], "created_at": now} for a in rows],
            run,
        )
        claims = [
            claim(system="LongLive", fps=20.7, gpu="H100 SXM"),
            claim(system="LongLive", fps=5, gpu="A10G"),
            claim(system="Self-Forcing", fps=17, gpu="H100 SXM"),
            claim(system="Self-Forcing", fps=3, gpu="A10G"),
        ]
        store.insert(
            "claims",
            [
                {
                    **{k: v for k, v in c.items() if k != "id"},
                    "document_id": doc,
                    "sentence_index": i,
                    "model_version": "test@1",
                }
                for i, c in enumerate(claims)
            ],
            run,
        )


def test_best_level_chart_system_page_report_exports_and_gap_table_agree(store, tmp_path):
    from liveaudit.dashboard import queries
    from liveaudit.publish.export import export
    from liveaudit.publish.report.facts import gather
    from liveaudit.verdicts import judge_store

    _seed(store)
    judge_store(store)
    th = load_thresholds()
    analyses = store.rows("analyses")
    expected = {}
    for system in ("LongLive", "Self-Forcing"):
        for gpu in ("H100 SXM", "A10G"):
            expected[(system, gpu)] = best_level([a for a in analyses if a["system"] == system], gpu, th).level
    assert expected[("LongLive", "H100 SXM")] == "L4"  # from the lighter analysis, not the default's L2

    system_page = {}
    for system in ("LongLive", "Self-Forcing"):
        system_page.update(queries.best_reachable_levels(store.engine, system))
    assert system_page == expected

    report = {(g["system"], g["hardware"]): g["bound_level"] for g in gather(store)["gaps"] if g["hardware"]}
    stored = {(g["system"], g["hardware"]): g["bound_level"] for g in store.rows("current_level_gaps") if g["hardware"]}
    assert report == stored == expected

    chart = queries.levels_by_system(store.engine)
    bound = chart[chart["series"].str.startswith("roofline bound")].set_index("system")["level"].to_dict()
    best_per_system = {s: max(lv for (s2, _), lv in expected.items() if s2 == s) for s in ("LongLive", "Self-Forcing")}
    assert bound == best_per_system

    export(store, "csv", tmp_path)
    with open(tmp_path / "claims.csv", newline="", encoding="utf-8") as fh:
        exported = {(r["system"], r["figure_gpu"]): r["bound_level"] for r in csv.DictReader(fh)}
    assert exported == expected
