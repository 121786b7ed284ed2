"""ClaimReview: one schema.org object per current verdict, with the required properties."""

from __future__ import annotations

import json

from liveaudit.publish.export import RATINGS, export
from liveaudit.publish.export.claimreview import REQUIRED
from liveaudit.vocab import VERDICTS


def _reviews(store, tmp_path, **settings) -> list[dict]:
    export(store, "claimreview", tmp_path, settings=settings or None)
    return [json.loads(line) for line in (tmp_path / "claimreview.jsonl").read_text(encoding="utf-8").splitlines()]


def test_claimreview_required_properties_on_every_object(seeded_store, tmp_path):
    reviews = _reviews(seeded_store, tmp_path)
    verdicts = {v["id"]: v for v in seeded_store.rows("current_verdicts")}
    assert len(reviews) == len(verdicts)
    for r in reviews:
        assert all(r.get(k) for k in REQUIRED), r
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
        assert r["url"].startswith("https://") and len(r["datePublished"]) == 10
        assert r["author"]["@type"] == "Organization" and r["author"]["name"]
        rating = r["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"]
        assert rating["worstRating"] == 1 and rating["bestRating"] == 5
        item = r["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"]
        assert item["appearance"]["url"].startswith("https://") and item["datePublished"]
        verdict = verdicts[int(r["identifier"].rsplit(":", 1)[1])]
        assert r["reviewBody"] == verdict["reason"]
        value, label = RATINGS[verdict["verdict"]]
        assert rating["alternateName"] == label and rating.get("ratingValue") == value


def test_claimreview_rating_scale_orders_the_verdicts():
    assert RATINGS["supported"][0] > RATINGS["disputed"][0] > RATINGS["contradicted"][0] > RATINGS["implausible"][0]
    assert RATINGS["unverifiable"][0] is None and RATINGS["untested"][0] is None
    assert set(RATINGS) == set(VERDICTS)


def test_claimreview_publisher_and_url_come_from_settings(seeded_store, tmp_path):
    reviews = _reviews(
        seeded_store,
        tmp_path,
        EXPORT_PUBLISHER_NAME="Example Desk",
        EXPORT_PUBLISHER_URL="https://desk.example/",
        EXPORT_REVIEW_URL="{publisher_url}/v/{verdict_id}",
    )
    assert {r["author"]["name"] for r in reviews} == {"Example Desk"}
    assert all(r["url"] == f"https://desk.example/v/{r['identifier'].rsplit(':', 1)[1]}" for r in reviews)


def test_claimreview_cites_the_archived_page(seeded_store, seeded, tmp_path):
    reviews = _reviews(seeded_store, tmp_path)
    archived = [r["itemReviewed"]["appearance"].get("archivedAt") for r in reviews]
    assert all(a and a["identifier"].startswith("<urn:uuid:") for a in archived)
