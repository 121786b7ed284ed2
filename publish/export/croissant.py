"""The Croissant dataset: claims.csv, its MLCommons Croissant metadata and a dataset card.

Croissant (https://docs.mlcommons.org/croissant/docs/croissant-spec.html, version 1.0) is
JSON-LD: a schema.org Dataset with `distribution` (the files, with their sha256) and
`recordSet` (the columns, each a Field with a dataType and the CSV column it comes from).
We write it by hand so the export needs no extra package; the tests validate it with
the `mlcroissant` package. The card (DATASET_CARD.md) says what was crawled and when,
the licence notes, known limits and how the labels were made, from counts gathered
while the rows stream past.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from liveaudit.publish.export.columns import COLUMNS, NAMES
from liveaudit.publish.export.stream import atomic_path

CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
# Croissant 1.0 "Required" Dataset properties (spec section "Dataset-level information").
REQUIRED = (
    "@context",
    "@type",
    "conformsTo",
    "name",
    "description",
    "license",
    "url",
    "datePublished",
    "distribution",
    "recordSet",
)
DATA_TYPES = {
    "integer": "sc:Integer",
    "float": "sc:Float",
    "string": "sc:Text",
    "datetime": "sc:Text",
    "json": "sc:Text",
}
_I = {name: i for i, name in enumerate(NAMES)}


@dataclass
class Tally:
    """Counts for the dataset card, gathered as the batches stream past."""

    rows: int = 0
    verdicts: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    systems: Counter = field(default_factory=Counter)
    models: Counter = field(default_factory=Counter)
    rules: Counter = field(default_factory=Counter)
    origins: Counter = field(default_factory=Counter)
    sources: Counter = field(default_factory=Counter)
    fetched: list = field(default_factory=lambda: [None, None])

    def watch(self, batches: Iterable[list[tuple]]) -> Iterator[list[tuple]]:
        for rows in batches:
            for r in rows:
                self.verdicts[r[_I["verdict"]] or "(not judged)"] += 1
                self.kinds[r[_I["claim_kind"]]] += 1
                self.systems[r[_I["system"]] or "(unresolved)"] += 1
                self.models[r[_I["model_version"]]] += 1
                self.sources[r[_I["source_key"]] or "(none)"] += 1
                if r[_I["rules_version"]]:
                    self.rules[r[_I["rules_version"]]] += 1
                if r[_I["measurement_origin"]]:
                    self.origins[r[_I["measurement_origin"]]] += 1
                t = r[_I["fetched_at"]]
                if t:
                    self.fetched[0] = t if self.fetched[0] is None else min(self.fetched[0], t)
                    self.fetched[1] = t if self.fetched[1] is None else max(self.fetched[1], t)
            self.rows += len(rows)
            yield rows


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def metadata(
    *, csv_name: str, csv_sha256: str, date_published: str, publisher: dict, licence: str, rows: int, version: str
) -> dict:
    """The Croissant JSON-LD for the claims CSV."""
    fields = [
        {
            "@type": "cr:Field",
            "@id": f"claims/{c.name}",
            "name": c.name,
            "description": c.description,
            "dataType": DATA_TYPES[c.type],
            "source": {"fileObject": {"@id": csv_name}, "extract": {"column": c.name}},
        }
        for c in COLUMNS
    ]
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": "liveaudit-claims",
        "description": (
            "Claims that AI video generators are 'live' or 'real-time', quoted from the crawled pages, with the "
            f"figures they state, the system and GPU they name, and a verdict against measurements ({rows} claims)."
        ),
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "citeAs": f"{publisher['name']}, liveaudit claims dataset, {date_published[:10]}. {publisher['url']}",
        "creator": {"@type": "Organization", "name": publisher["name"], "url": publisher["url"]},
        "datePublished": date_published[:10],
        "license": licence,
        "url": publisher["url"],
        "version": version,
        "keywords": ["AI video generation", "real-time", "fact-checking", "claims", "benchmarks"],
        "distribution": [
            {
                "@type": "cr:FileObject",
                "@id": csv_name,
                "name": csv_name,
                "description": "One row per claim (see the data dictionary).",
                "contentUrl": csv_name,
                "encodingFormat": "text/csv",
                "sha256": csv_sha256,
            }
        ],
        "recordSet": [
            {
                "@type": "cr:RecordSet",
                "@id": "claims",
                "name": "claims",
                "description": "One row per current claim, joined with its page, verdict and measurement.",
                "key": {"@id": "claims/claim_id"},
                "field": fields,
            }
        ],
    }


def write_metadata(path: Path, meta: dict) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _counts(counter: Counter, limit: int = 20) -> str:
    items = sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))
    shown = [f"{k} ({v})" for k, v in items[:limit]]
    if len(items) > limit:
        shown.append(f"and {len(items) - limit} more")
    return ", ".join(shown) or "none"


def card(t: Tally, *, date_published: str, publisher: dict, licence: str, dictionary: str) -> str:
    """DATASET_CARD.md text."""
    first, last = t.fetched
    return f"""# liveaudit claims dataset

Published {date_published[:10]} by {publisher["name"]} ({publisher["url"]}). Licence of this compilation: {licence}.

## What it is
{t.rows} claims that an AI video generator is "live", "real-time", "streaming" or "interactive",
each quoted from a crawled page and judged against analyses (FLOPs and bytes on the
meta device, roofline bounds per GPU) and timed runs. Files: `claims.csv` (one row per
claim), `croissant.json` (MLCommons Croissant 1.0 metadata), `data_dictionary.csv`.

## What was crawled, and when
Pages fetched between {first or "n/a"} and {last or "n/a"} (UTC), from these sources
(claims per source): {_counts(t.sources)}.
Each row names its page (`url`, `fetched_at`, `content_sha256`) and the WARC record
holding the archived HTTP exchange (`warc_file`, `warc_record_id`, `warc_offset`).

## How the labels were made
- Claim kinds ({_counts(t.kinds)}) and figures come from the classifier: a spaCy
  pipeline finds sentences using the liveness lexicon, a trained model labels their kind,
  rules normalise the figures. Model versions: {_counts(t.models)}.
- Systems: {_counts(t.systems)}.
- Verdicts ({_counts(t.verdicts)}) come from fixed rules ({_counts(t.rules)}) comparing the
  stated figures with measurements of the same system under comparable conditions, and with
  the roofline bound of the stated GPU. Measurements behind verdicts: {_counts(t.origins)}
  ("shipped" timings come with liveaudit; "measured" ones were timed for this store).

## Licence notes
The compilation, labels and verdicts are released under {licence}. The quoted sentences remain
the work of their authors and are included as short quotations for criticism and review;
the archived pages (WARC files) are not part of this dataset and are not redistributed.

## Known limits
- A claim is one sentence; context from neighbouring sentences is not used.
- Figures and systems are extracted automatically and can be wrong; `claim_kind_score`
  gives the classifier's confidence. Unresolved systems are empty.
- Verdicts are only as good as the measurements: "untested" and "unverifiable" are not
  negative findings. Timings run with random weights (latency does not depend on weight values).
- Pages change: each row is tied to the page version it was read from.

## Data dictionary
{dictionary}
"""
