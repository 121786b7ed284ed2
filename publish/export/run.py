"""`export(store, fmt, out)`: write one export format from the store into a folder.

    export(Store.open("liveaudit.db"), "parquet", "export/")
    # -> {"format": "parquet", "rows": 41, "files": ["export/claims.parquet", "export/data_dictionary.csv"]}

Files per format (every format also writes data_dictionary.csv):
    csv          claims.csv
    parquet      claims.parquet
    jsonl        claims.jsonl
    claimreview  claimreview.jsonl (one ClaimReview per current verdict), cards/NNNN.html (the claim
                 cards each review's url points at: publish/links.py, PUBLIC_BASE_URL)
    croissant    claims.csv, croissant.json, DATASET_CARD.md

Deterministic: the same store gives the same bytes (the only dates written are the
store's own: fetch and verdict times, and the newest verdicts run as the publish date).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from liveaudit import __version__ as liveaudit_version
from liveaudit import config
from liveaudit.errors import ConfigError, InputError
from liveaudit.publish.export import cards, claimreview, croissant, tabular
from liveaudit.publish.export.stream import count_claims, iter_batches, newest_verdicts_time
from liveaudit.publish.links import public_base
from liveaudit.store import Store

FORMATS = ("csv", "parquet", "jsonl", "claimreview", "croissant")
FILES = {
    "csv": "claims.csv",
    "parquet": "claims.parquet",
    "jsonl": "claims.jsonl",
    "claimreview": "claimreview.jsonl",
    "croissant": "croissant.json",
}


def _out_dir(out: str | Path) -> Path:
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise InputError("E912", path=path, reason="it is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError("E912", path=path, reason=exc.strerror or str(exc)) from None
    return path


def export(
    store: Store,
    fmt: str,
    out: str | Path = "export",
    *,
    progress: Callable[[int, int], None] | None = None,
    settings: Mapping[str, Any] | None = None,
) -> dict:
    """Write format `fmt` into folder `out`; returns {"format", "rows", "files"}.

    `progress(done, total)` is called after each batch; `settings` overrides EXPORT_* settings.
    """
    if fmt not in FORMATS:
        raise ConfigError("E911", fmt=fmt, known=", ".join(FORMATS))
    values = config.load_settings(settings)
    batch = int(values["EXPORT_BATCH_ROWS"])
    if batch < 1:
        raise ConfigError("E002", name="EXPORT_BATCH_ROWS", value=batch, reason="must be at least 1")
    folder = _out_dir(out)
    total = count_claims(store)
    tick = (lambda n: progress(n, total)) if progress else None
    batches = iter_batches(store, batch)
    publisher = {"name": values["EXPORT_PUBLISHER_NAME"], "url": values["EXPORT_PUBLISHER_URL"]}
    files = [folder / FILES[fmt]]
    try:
        if fmt == "csv":
            rows = tabular.write_csv(batches, files[0], tick)
        elif fmt == "parquet":
            rows = tabular.write_parquet(batches, files[0], tick)
        elif fmt == "jsonl":
            rows = tabular.write_jsonl(batches, files[0], tick)
        elif fmt == "claimreview":
            vendors = {r["name"]: r["organisation"] for r in store.rows("current_systems") if r["organisation"]}
            writer = cards.CardWriter(folder)
            rows = claimreview.write_claimreview(
                writer.watch(batches),
                files[0],
                publisher=publisher,
                base=public_base(values["PUBLIC_BASE_URL"]),
                vendors=vendors,
                progress=tick,
            )
            files += writer.files
        else:
            rows, more = _croissant(store, batches, folder, publisher, values["EXPORT_LICENSE"], tick)
            files += more
        dictionary = folder / "data_dictionary.csv"
        tabular.write_dictionary(dictionary)
    except OSError as exc:
        raise InputError("E912", path=folder, reason=exc.strerror or str(exc)) from None
    return {"format": fmt, "rows": rows, "claims": total, "files": [str(f) for f in [*files, dictionary]]}


def _croissant(store: Store, batches, folder: Path, publisher: dict, licence: str, tick) -> tuple[int, list[Path]]:
    tally = croissant.Tally()
    csv_path = folder / "claims.csv"
    rows = tabular.write_csv(tally.watch(batches), csv_path, tick)
    date = newest_verdicts_time(store) or tally.fetched[1] or "1970-01-01"
    meta = croissant.metadata(
        csv_name=csv_path.name,
        csv_sha256=croissant.sha256_file(csv_path),
        date_published=date,
        publisher=publisher,
        licence=licence,
        rows=rows,
        version=liveaudit_version,
    )
    croissant.write_metadata(folder / "croissant.json", meta)
    card_path = folder / "DATASET_CARD.md"
    card_path.write_text(
        croissant.card(
            tally,
            date_published=date,
            publisher=publisher,
            licence=licence,
            dictionary=tabular.dictionary_markdown(),
            sources=store.rows("current_sources"),
        ),
        encoding="utf-8",
    )
    return rows, [csv_path, card_path]
