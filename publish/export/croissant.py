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

from liveaudit.publish.export.columns import COLUMNS
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


COUNTED = {
    "verdicts": "verdict",
    "kinds": "claim_kind",
    "systems": "system",
    "models": "model_version",
    "rules": "rules_version",
    "origins": "measurement_origin",
    "sources": "source_key",
    "pages": "page_origin",
}


@dataclass
class Tally:
    """Counts for the dataset card, gathered as the record batches stream past (vectorized)."""

    rows: int = 0
    verdicts: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    systems: Counter = field(default_factory=Counter)
    models: Counter = field(default_factory=Counter)
    rules: Counter = field(default_factory=Counter)
    origins: Counter = field(default_factory=Counter)
    sources: Counter = field(default_factory=Counter)
    pages: Counter = field(default_factory=Counter)
    nulls: Counter = field(default_factory=Counter)
    test_pages: set = field(default_factory=set)
    fetched: list = field(default_factory=lambda: [None, None])

    def watch(self, batches: Iterable) -> Iterator:
        import pyarrow.compute as pc

        for batch in batches:
            for attr, column in COUNTED.items():
                counts = pc.value_counts(batch.column(column)).to_pylist()
                getattr(self, attr).update({c["values"]: c["counts"] for c in counts if c["values"] is not None})
                nulls = batch.column(column).null_count
                if nulls and attr in ("verdicts", "systems", "sources"):
                    getattr(self, attr)[
                        {"verdicts": "(not judged)", "systems": "(unresolved)", "sources": "(none)"}[attr]
                    ] += nulls
            for name, column in zip(batch.schema.names, batch.columns):
                self.nulls[name] += column.null_count
            tests = batch.filter(pc.equal(batch.column("page_origin"), "fixture_test")).column("url")
            self.test_pages.update(pc.unique(tests).to_pylist())
            span = pc.min_max(batch.column("fetched_at")).as_py()
            if span["min"] is not None:
                lo, hi = span["min"].strftime("%Y-%m-%dT%H:%M:%SZ"), span["max"].strftime("%Y-%m-%dT%H:%M:%SZ")
                self.fetched[0] = lo if self.fetched[0] is None else min(self.fetched[0], lo)
                self.fetched[1] = hi if self.fetched[1] is None else max(self.fetched[1], hi)
            self.rows += batch.num_rows
            yield batch

    def empty_columns(self) -> list[str]:
        """Columns with no value in any row of this export."""
        return [c.name for c in COLUMNS if self.rows and self.nulls[c.name] == self.rows]


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


# What a page of each source kind is, and so whose words its claims are (data/sources.yaml `kind`).
KIND_PROVENANCE = {
    "vendor_page": "the vendor's own product or launch page: the vendor's claim about its system",
    "blog": "a blog post, by the vendor or a third party: read the page for whose words they are",
    "paper_abstract": "a paper's abstract page (e.g. arXiv): the authors' claim about their system",
    "repository_readme": "a code repository's README: the maintainers' claim, sometimes with their own measurement",
    "model_card": "a model card on a model hub: the publisher's claim",
    "news": "a news article: usually a claim quoted or restated by a journalist",
    "feed": "an RSS/Atom feed entry pointing at the pages above",
    "sitemap": "a sitemap used to find pages; its own text holds no claims",
    "check": "a page or local file given to `liveaudit check` by hand",
}
ORIGINS = {
    "web": "crawled from its public URL",
    "fixture": "the offline fixture site (127.0.0.1): made-up pages in our own words that restate figures from "
    "the public source each names in its `liveaudit:source` meta tag; for demos and tests, not real publications",
    "fixture_test": "fixture pages that break rules on purpose to test robustness (a script-injection probe, "
    "malformed HTML, text in the wrong charset that reads garbled): their claims are test data",
    "local_file": "a local file checked with `liveaudit check` (its `url` is the file:// path)",
}


def _sources_section(t: Tally, sources: list[dict]) -> str:
    by_kind: dict[str, list[dict]] = {}
    for src in sources:
        by_kind.setdefault(src["kind"], []).append(src)
    lines = []
    for kind in sorted(by_kind):
        keys = [s["source_key"] for s in by_kind[kind]]
        claims = sum(t.sources.get(k, 0) for k in keys)
        starts = sorted({u for s in by_kind[kind] for u in ((s.get("config") or {}).get("start_urls") or [])})
        lines.append(
            f"- **{kind}** ({len(keys)} sources, {claims} claims): "
            f"{KIND_PROVENANCE.get(kind, 'as configured in data/sources.yaml')}. Start pages: "
            + (", ".join(starts[:6]) + (f" and {len(starts) - 6} more" if len(starts) > 6 else "") or "none")
            + "."
        )
    unlisted = [k for k in t.sources if k not in {s["source_key"] for s in sources}]
    if unlisted:
        lines.append(
            f"- sources not in the store's source list: {', '.join(sorted(map(str, unlisted)))} "
            f"({KIND_PROVENANCE['check']})."
        )
    return "\n".join(lines) or "- none"


def _origins_section(t: Tally) -> str:
    lines = [f"- **{o}** ({t.pages.get(o, 0)} claims): {ORIGINS[o]}." for o in ORIGINS if t.pages.get(o)]
    if t.test_pages:
        lines.append(
            "- Test pages in this export (filter them out with `page_origin != 'fixture_test'`): "
            + ", ".join(sorted(t.test_pages))
            + "."
        )
    return "\n".join(lines) or "- none"


def _empty_section(t: Tally) -> str:
    empty = t.empty_columns()
    if not empty:
        return "Every column has a value in at least one row."
    why = []
    measured = [c for c in empty if c.startswith("measurement_") or c == "measured_level"]
    figures = [c for c in empty if c.startswith("figure_")]
    other = [c for c in empty if c not in measured and c not in figures]
    if measured:
        why.append(
            f"{', '.join(f'`{c}`' for c in measured)}: no verdict in this export rests on a GPU measurement "
            "(none comparable was in the store; smoke runs never count), so these stay empty until one does."
        )
    if figures:
        why.append(f"{', '.join(f'`{c}`' for c in figures)}: no claim in this export states that figure.")
    if other:
        why.append(f"{', '.join(f'`{c}`' for c in other)}: no row of this export has a value (see the dictionary).")
    return "These columns are empty in every row, and why:\n" + "\n".join(f"- {w}" for w in why)


def card(
    t: Tally, *, date_published: str, publisher: dict, licence: str, dictionary: str, sources: list[dict] | None = None
) -> str:
    """DATASET_CARD.md text."""
    first, last = t.fetched
    return f"""# liveaudit claims dataset

Published {date_published[:10]} by {publisher["name"]} ({publisher["url"]}). Licence of this compilation: {licence}.

## What it is
{t.rows} claims that an AI video generator is "live", "real-time", "streaming" or "interactive",
each quoted from a page and judged against analyses (FLOPs and bytes on the meta device,
roofline bounds per GPU) and timed GPU runs. Files: `claims.csv` (one row per claim),
`croissant.json` (MLCommons Croissant 1.0 metadata), `data_dictionary.csv`.

## Where the pages come from
Pages fetched between {first or "n/a"} and {last or "n/a"} (UTC). By source kind:
{_sources_section(t, sources or [])}

By origin of the page (`page_origin`):
{_origins_section(t)}

Each row names its page (`url`, `fetched_at`, `content_sha256`) and the WARC record
holding the archived HTTP exchange (`warc_file`, `warc_record_id`, `warc_offset`).

## What a "sentence" is
`claim_sentence` is the text the classifier read, verbatim from the page's extracted text,
with one exception: a table row is rebuilt as one sentence with its column headers
("Model: Self-Forcing; FPS: 17"), so a figure keeps its unit. Such sentences do not
appear word for word on the page.

## How the labels were made
- Claim kinds ({_counts(t.kinds)}) and figures come from the classifier: a spaCy
  pipeline finds sentences using the liveness lexicon, a trained model labels their kind,
  rules normalise the figures. Model versions: {_counts(t.models)}.
- Systems: {_counts(t.systems)}.
- Verdicts ({_counts(t.verdicts)}) come from fixed rules ({_counts(t.rules)}) comparing the
  stated figures with measurements of the same system under comparable conditions, and with
  the roofline bound of the stated GPU. Measurements behind verdicts: {_counts(t.origins)}
  ("shipped" timings come with liveaudit; "measured" ones were timed for this store).
  Smoke runs (tiny networks on CPU) are never measurements and never appear here.

## Empty columns
{_empty_section(t)}

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
Types are the Parquet file's (`claims.parquet` of the parquet export); CSV and JSON Lines
hold the same values as text.

{dictionary}
"""
