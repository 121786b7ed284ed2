"""schema.org ClaimReview JSON-LD, one object per current verdict (claimreview.jsonl), and the claim cards it cites.

ClaimReview is the markup fact-check aggregators ingest (https://schema.org/ClaimReview;
Google's "Fact Check" structured data lists `claimReviewed`, `reviewRating` with its
`alternateName`, and `url` as required, `author`, `datePublished` and `itemReviewed`
as recommended; we always write all of them).

Each object's `url` is the verdict's address on a claim card (`cards/NNNN.html#verdict-ID`,
written beside the JSON Lines, under PUBLIC_BASE_URL when set: `publish/links.py`);
`itemReviewed` is the Claim: its `author` the organisation behind the system (the
registry's `organisation`), its `appearance` the page it was read from, with the archived
copy (`archivedAt`: the WARC file, the record id as `identifier`) beside it.

Our five verdicts on a 1-5 scale (worstRating 1, bestRating 5), the verdict as `alternateName`:

    supported      5  the measurement reaches the stated figure under comparable conditions
    contradicted   2  a comparable measurement misses it
    implausible    1  beyond the physical (roofline) bound of the stated hardware
    unverifiable   3  neither shown true nor false: too vague, or a closed system
    untested       3  neither shown true nor false: not yet comparably measured

The middle of the scale for the two "no finding" verdicts keeps every rating numeric (some
aggregators drop a rating without a value); `alternateName` says which of the two it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import pyarrow.compute as pc

from liveaudit.encoding import json_for_html
from liveaudit.publish.export.stream import atomic_path
from liveaudit.publish.export.tabular import Progress, as_text_columns
from liveaudit.publish.links import archive_url, verdict_url

RATINGS: dict[str, tuple[int, str]] = {
    "supported": (5, "Supported by measurement"),
    "contradicted": (2, "Contradicted by measurement"),
    "disputed": (3, "Disputed: comparable evidence both ways"),
    "implausible": (1, "Implausible: beyond the hardware's physical bound"),
    "unverifiable": (3, "Unverifiable: too vague or a closed system"),
    "untested": (3, "Not yet tested"),
}
REQUIRED = ("@context", "@type", "claimReviewed", "reviewRating", "url", "author", "datePublished", "itemReviewed")


def claim_review(row: dict, *, publisher: dict, base: str, vendors: dict[str, str]) -> dict:
    """The ClaimReview object of one exported row (a dict keyed by the data dictionary)."""
    value, label = RATINGS.get(row["verdict"], (3, row["verdict"]))
    rating = {"@type": "Rating", "ratingValue": value, "bestRating": 5, "worstRating": 1, "alternateName": label}
    parts = urlsplit(row["url"])
    vendor = vendors.get(row["system"] or "")
    author = (
        {"@type": "Organization", "name": vendor}
        if vendor
        else {
            "@type": "Organization",
            "name": parts.hostname or row["url"],
            "description": "the site the claim appears on (the system is not in the registry)",
        }
    )
    appearance = {
        "@type": "CreativeWork",
        "url": row["url"],
        "headline": row["title"],
        "identifier": f"sha256:{row['content_sha256']}",
    }
    if row["warc_file"]:
        appearance["archivedAt"] = {
            "@type": "WebPage",
            "url": archive_url(base, row["warc_file"]),
            "identifier": row["warc_record_id"],
            "encodingFormat": "application/warc",
        }
    item = {"@type": "Claim", "author": author, "appearance": appearance, "firstAppearance": appearance}
    if row["published_at"]:
        item["datePublished"] = row["published_at"]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": verdict_url(base, row["claim_id"], row["verdict_id"]),
        "claimReviewed": row["claim_sentence"],
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": publisher["name"], "url": publisher["url"]},
        "datePublished": (row["verdict_created_at"] or "")[:10],
        "reviewRating": rating,
        "reviewBody": row["verdict_reason"],
        "about": {"@type": "SoftwareApplication", "name": row["system"]} if row["system"] else None,
        "identifier": f"liveaudit:verdict:{row['verdict_id']}",
    }


def write_claimreview(
    batches: Iterable, path: Path, *, publisher: dict, base: str, vendors: dict[str, str], progress: Progress = None
) -> int:
    """claimreview.jsonl: one ClaimReview a line for each claim with a current verdict; returns how many."""
    n = seen = 0
    dumps = partial(json_for_html, indent=None)  # safe to paste into <script type="application/ld+json">
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for batch in batches:
            for row in as_text_columns(batch.filter(pc.is_valid(batch.column("verdict_id")))).to_pylist():
                review = claim_review(row, publisher=publisher, base=base, vendors=vendors)
                fh.write(dumps({k: v for k, v in review.items() if v is not None}) + "\n")
                n += 1
            seen += batch.num_rows
            if progress:
                progress(seen)
    return n
