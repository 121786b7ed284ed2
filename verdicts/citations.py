"""Which evidence a verdict cites that a reader can open in its archived copy (rules v2).

A verdict's `evidence_ids` name reports and audited results (`evidence` rows), other claims
(`claims` rows) and analyses. The first two carry a WARC pointer (the row's own, or its
document's); this module opens each record and says which open. A verdict resting on our own
GPU run cites the `measurements` row instead: it traces back to a recorded run (full size, on a
GPU, with its environment), not to a page. The demo's acceptance check counts decided verdicts
citing neither.
"""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa

from liveaudit.records import VerdictEvidence
from liveaudit.store import Store
from liveaudit.vocab import DECIDED


def _pointer(store: Store, ref: dict) -> tuple[str, int, str | None] | None:
    if ref.get("kind") in ("report", "audited"):
        sql = (
            "SELECT COALESCE(e.warc_file, d.warc_file), COALESCE(e.warc_offset, d.warc_offset), "
            "COALESCE(e.warc_record_id, d.warc_record_id) FROM evidence e JOIN documents d ON d.id = e.document_id "
            "WHERE e.id = :i"
        )
    elif ref.get("kind") == "claim":
        sql = (
            "SELECT d.warc_file, d.warc_offset, d.warc_record_id FROM claims c JOIN documents d ON d.id = c.document_id "
            "WHERE c.id = :i"
        )
    else:
        return None
    with store.engine.connect() as conn:
        row = conn.execute(sa.text(sql), {"i": ref.get("id")}).first()
    if row is None or not row[0] or row[1] is None:
        return None
    return row[0], int(row[1]), row[2]


def opens(store: Store, ref: dict) -> bool:
    """True when the cited row's WARC record can be read back (file present, record id matching)."""
    found = _pointer(store, ref)
    if found is None:
        return False
    path = Path(found[0])
    if not path.is_absolute() and store.url.startswith("sqlite:///"):
        path = Path(store.url.removeprefix("sqlite:///")).parent / path
    return _read(path, found[1], found[2])


def _read(path: Path, offset: int, record_id: str | None) -> bool:
    """Read the record at `offset` (with warcio, as the crawler wrote it; no stage imports another)."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        with open(path, "rb") as fh:
            fh.seek(offset)
            for record in ArchiveIterator(fh):
                if record_id and record.rec_headers.get_header("WARC-Record-ID") != record_id:
                    return False
                record.content_stream().read()
                return True
    except Exception:  # noqa: BLE001 - a missing file or damaged gzip/WARC data means "does not open"
        return False
    return False


def recorded_run(store: Store, measurement_id: int) -> bool:
    """True when the measurements row is a full-size GPU run with its environment, under a recorded run."""
    sql = (
        "SELECT m.device, m.settings, m.environment FROM measurements m JOIN runs r ON r.id = m.run_id WHERE m.id = :i"
    )
    with store.engine.connect() as conn:
        row = conn.execute(sa.text(sql), {"i": measurement_id}).first()
    if row is None or row[0] != "cuda" or not row[2]:
        return False
    settings = row[1] if isinstance(row[1], dict) else json.loads(row[1] or "{}")
    return not settings.get("tiny")


def citation_report(store: Store) -> dict:
    """Counts over the current verdicts: decided, decided citing an archived row that opens (or our recorded
    GPU run), and the ids citing neither."""
    decided = [v for v in store.rows("current_verdicts") if v["verdict"] in DECIDED]
    missing, by_run = [], 0
    for v in decided:
        ev = VerdictEvidence.from_json(v["evidence"])
        if any(opens(store, r) for r in ev.evidence_ids if r.get("kind") in ("report", "audited", "claim")):
            continue
        if any(recorded_run(store, i) for i in ev.measurement_ids):
            by_run += 1
            continue
        missing.append(v["claim_id"])
    return {
        "decided": len(decided),
        "citing_archived": len(decided) - len(missing) - by_run,
        "citing_runs": by_run,
        "not_citing": missing,
    }
