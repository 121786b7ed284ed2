"""schema.org ClaimReview JSON-LD, one object per current verdict (claimreview.jsonl).

ClaimReview is the markup fact-check aggregators ingest (https://schema.org/ClaimReview;
Google's "Fact Check" structured data lists `claimReviewed`, `reviewRating` with its
`alternateName`, and `url` as required, `author`, `datePublished` and `itemReviewed`
as recommended; we always write all of them).

Our five verdicts map to a rating on a 1-5 scale (worstRating 1, bestRating 5), with the
verdict itself as `alternateName` (the textual rating aggregators show):

    supported      5  the measurement reaches the stated figure under comparable conditions
    contradicted   2  a comparable measurement misses it
    implausible    1  beyond the physical (roofline) bound of the stated hardware
    unverifiable   -  too vague, or a closed system: no numeric rating, only alternateName
    untested       -  not yet analysed or measured: no numeric rating, only alternateName

A numeric value for "unverifiable" or "untested" would place them on the true-false
scale, which they are not on; schema.org Rating allows leaving `ratingValue` out.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from liveaudit.encoding import json_for_html
from liveaudit.publish.export.columns import NAMES
from liveaudit.publish.export.stream import atomic_path
from liveaudit.publish.export.tabular import Progress

RATINGS: dict[str, tuple[int | None, str]] = {
    "supported": (5, "Supported by measurement"),
    "contradicted": (2, "Contradicted by measurement"),
    "disputed": (3, "Disputed: comparable evidence both ways"),
    "implausible": (1, "Implausible: beyond the hardware's physical bound"),
    "unverifiable": (None, "Unverifiable"),
    "untested": (None, "Not yet tested"),
}
REQUIRED = ("@context", "@type", "claimReviewed", "reviewRating", "url", "author", "datePublished", "itemReviewed")
_I = {name: i for i, name in enumerate(NAMES)}


def review_url(template: str, publisher_url: str, row: dict) -> str:
    return template.format(
        publisher_url=publisher_url.rstrip("/"), claim_id=row["claim_id"], verdict_id=row["verdict_id"]
    )


def claim_review(row: dict, *, publisher: dict, url_template: str, source_names: dict[str, str]) -> dict:
    """The ClaimReview object of one exported row (a dict keyed by the data dictionary)."""
    value, label = RATINGS.get(row["verdict"], (None, row["verdict"]))
    rating = {"@type": "Rating", "alternateName": label, "worstRating": 1, "bestRating": 5}
    if value is not None:
        rating["ratingValue"] = value
    host = urlsplit(row["url"]).hostname or row["url"]
    claim_author = source_names.get(row["source_key"] or "") or host
    appearance = {"@type": "CreativeWork", "url": row["url"], "headline": row["title"], "sha256": row["content_sha256"]}
    if row["warc_file"]:
        appearance["archivedAt"] = {
            "@type": "CreativeWork",
            "name": row["warc_file"],
            "identifier": row["warc_record_id"],
            "position": row["warc_offset"],
        }
    item = {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": claim_author},
        "appearance": appearance,
        "firstAppearance": appearance,
    }
    if row["published_at"]:
        item["datePublished"] = row["published_at"]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": review_url(url_template, publisher["url"], row),
        "claimReviewed": row["claim_sentence"],
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": publisher["name"], "url": publisher["url"]},
        "datePublished": (row["verdict_created_at"] or "")[:10],
        "reviewRating": rating,
        "reviewBody": row["verdict_reason"],
        "about": row["system"],
        "identifier": f"liveaudit:verdict:{row['verdict_id']}",
    }


def write_claimreview(
    batches: Iterable[list[tuple]],
    path: Path,
    *,
    publisher: dict,
    url_template: str,
    source_names: dict[str, str],
    progress: Progress = None,
) -> int:
    """claimreview.jsonl: one ClaimReview a line for each claim with a current verdict; returns how many."""
    n = seen = 0
    dumps = partial(json_for_html, indent=None)  # safe to paste into <script type="application/ld+json">
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for rows in batches:
            for row in rows:
                if row[_I["verdict_id"]] is None:
                    continue
                review = claim_review(
                    dict(zip(NAMES, row)), publisher=publisher, url_template=url_template, source_names=source_names
                )
                fh.write(dumps({k: v for k, v in review.items() if v is not None}) + "\n")
                n += 1
            seen += len(rows)
            if progress:
                progress(seen)
    return n
