"""`liveaudit classify --shard I/N`: N workers over one store tag every document exactly once."""

from __future__ import annotations

from typer.testing import CliRunner

from liveaudit.cli import app
from liveaudit.store import Store
from liveaudit.store.runs import utcnow

TEXTS = [
    "StreamDiffusion runs at 91 fps on an RTX 4090 at 512x512.",
    "Our model generates video in real time.",
    "Self-Forcing streams 17 fps on a single H100 with 0.69 s latency.",
    "We hope to reach live generation next year.",
    "LTX-Video makes 5 seconds of video in 2 seconds on an H100.",
]


def test_sharding_classify_shards_cover_every_document_once(tmp_path):
    db = str(tmp_path / "s.db")
    store = Store.open(db)
    with store.run("crawl") as run:
        store.insert("documents", [{"doc_key": f"http://x/{i}", "version": 1, "url": f"http://x/{i}", "fetched_at": utcnow(),
                                    "content_sha256": f"{i:064d}", "extract_status": "extracted", "text": t, "meta": {}}
                                   for i, t in enumerate(TEXTS * 2)], run)
    runner = CliRunner()
    for shard in ("1/2", "2/2"):
        result = runner.invoke(app, ["classify", "--db", db, "--shard", shard])
        assert result.exit_code == 0, result.output
    runs = [r for r in store.rows("runs") if r["command"] == "classify"]
    assert [r["args"]["shard"] for r in runs] == ["1/2", "2/2"]
    assert [r["summary"]["classified"] for r in runs] == [5, 5]
    claimed = {}
    for c in store.rows("claims"):
        claimed.setdefault(c["document_id"], set()).add(c["run_id"])
    assert all(len(v) == 1 for v in claimed.values())  # no document tagged by both shards
    assert {d for d, v in claimed.items() if runs[0]["id"] in v} <= {d["id"] for d in store.rows("documents") if d["id"] % 2 == 0}
    again = runner.invoke(app, ["classify", "--db", db, "--shard", "3/2"])
    assert again.exit_code != 0 and getattr(again.exception, "code", None) == "E107"
    store.close()
