"""ClaimReview: one schema.org object per current verdict, valid against schema.org's vocabulary,
with a `url` that resolves to a claim card, the vendor as the claim's author and a rating scale."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
import yaml

from liveaudit.config import data_dir
from liveaudit.publish.export import RATINGS, export
from liveaudit.publish.export.claimreview import REQUIRED
from liveaudit.vocab import VERDICTS

VENDORS = {
    "Krea Realtime": "Krea AI",
    "Self-Forcing": "Self-Forcing authors",
    "LTX-Video": "Lightricks",
    "MirageLSD": "Decart",
}


@pytest.fixture(scope="module")
def registered(seeded):
    """The seeded store with registry rows (the vendor of each system)."""
    from liveaudit.store import Store

    store = Store.open(seeded[0])
    if not store.rows("systems"):
        with store.run("seed-registry") as run:
            store.insert(
                "systems",
                [
                    {
                        "name": name,
                        "version": 1,
                        "content_sha256": f"{i}" * 64,
                        "organisation": org,
                        "open_weights": True,
                        "spec": {},
                    }
                    for i, (name, org) in enumerate(VENDORS.items())
                ],
                run,
            )
    store.close()
    return seeded


def _reviews(db: str, tmp_path, **settings) -> list[dict]:
    from liveaudit.store import Store

    store = Store.open(db)
    export(store, "claimreview", tmp_path, settings=settings or None)
    store.close()
    return [json.loads(line) for line in (tmp_path / "claimreview.jsonl").read_text(encoding="utf-8").splitlines()]


def test_claimreview_required_properties_on_every_object(registered, seeded_store, tmp_path):
    reviews = _reviews(registered[0], tmp_path)
    verdicts = {v["id"]: v for v in seeded_store.rows("current_verdicts")}
    claims = {c["id"]: c for c in seeded_store.rows("current_claims")}
    assert len(reviews) == len(verdicts)
    for r in reviews:
        assert all(r.get(k) for k in REQUIRED), r
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview" and len(r["datePublished"]) == 10
        assert r["author"]["@type"] == "Organization" and r["author"]["name"]
        verdict = verdicts[int(r["identifier"].rsplit(":", 1)[1])]
        rating = r["reviewRating"]
        value, label = RATINGS[verdict["verdict"]]
        assert rating == {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": label,
        }
        item = r["itemReviewed"]
        system = claims[verdict["claim_id"]]["system"]
        # the vendor from the registry; a claim naming no registered system: the site it appears on
        assert item["@type"] == "Claim" and item["author"]["name"] == (
            VENDORS.get(system) or urlsplit(item["appearance"]["url"]).hostname
        )
        assert item["appearance"]["url"].startswith("https://") and r["reviewBody"] == verdict["reason"]


def test_claimreview_url_is_a_card_that_exists(registered, tmp_path):
    """Relative to the exported folder by default: each url is a file there with the verdict's anchor."""

    class Anchors(HTMLParser):
        def __init__(self):
            super().__init__()
            self.ids = set()

        def handle_starttag(self, tag, attrs):
            self.ids.update(v for k, v in attrs if k == "id")

    for r in _reviews(registered[0], tmp_path):
        page, anchor = r["url"].split("#")
        assert not page.startswith(("http", "/")) and (tmp_path / page).is_file()
        parser = Anchors()
        parser.feed((tmp_path / page).read_text(encoding="utf-8"))
        assert anchor in parser.ids and anchor.startswith("verdict-")
    cards = (tmp_path / "cards" / "0000.html").read_text(encoding="utf-8")
    assert "<script" not in cards.lower() and "&lt;script&gt;" in cards  # the hostile claim is text


def test_claimreview_public_base_url_gives_absolute_addresses(registered, tmp_path):
    reviews = _reviews(
        registered[0], tmp_path, PUBLIC_BASE_URL="https://desk.example/liveaudit", EXPORT_PUBLISHER_NAME="Example Desk"
    )
    assert {r["author"]["name"] for r in reviews} == {"Example Desk"}
    for r in reviews:
        assert r["url"].startswith("https://desk.example/liveaudit/cards/0000.html#verdict-")
        archived = r["itemReviewed"]["appearance"].get("archivedAt")
        if archived:
            assert archived["url"].startswith("https://desk.example/liveaudit/") and archived["identifier"].startswith(
                "<urn:uuid:"
            )


def test_claimreview_rating_scale_orders_the_verdicts():

    assert set(RATINGS) == set(VERDICTS)  # every verdict the rules can give has its place on the scale
    assert RATINGS["supported"][0] > RATINGS["disputed"][0] > RATINGS["contradicted"][0] > RATINGS["implausible"][0]
    assert RATINGS["implausible"][0] < RATINGS["unverifiable"][0] == RATINGS["untested"][0] < RATINGS["supported"][0]


# ---- schema.org validation ------------------------------------------------------------
def _vocabulary() -> dict:
    return yaml.safe_load((data_dir() / "schemaorg" / "vocabulary.yaml").read_text(encoding="utf-8"))


def _ancestors(cls: str, classes: dict) -> set[str]:
    out = set()
    while cls:
        out.add(cls)
        cls = classes[cls]
    return out


def _validate(node: dict, vocab: dict, where: str = "") -> list[str]:
    """Problems of one expanded JSON-LD node against the vocabulary (empty list: valid)."""
    schema = "https://schema.org/"
    classes, props, datatypes = vocab["classes"], vocab["properties"], vocab["datatypes"]
    problems = []
    types = [t.removeprefix(schema) for t in node.get("@type", [])]
    if len(types) != 1 or types[0] not in classes:
        return [f"{where}: unknown @type {node.get('@type')}"]
    mine = _ancestors(types[0], classes)
    for key, values in node.items():
        if key.startswith("@"):
            continue
        name = key.removeprefix(schema)
        if not key.startswith(schema) or name not in props:
            problems.append(f"{where}/{key}: not a schema.org property we know")
            continue
        if not mine & set(props[name]["domain"]):
            problems.append(f"{where}/{name}: not a property of {types[0]}")
        for value in values:
            if "@value" in value:
                kind = "number" if isinstance(value["@value"], (int, float)) else "string"
                if not any(datatypes.get(r) == kind for r in props[name]["range"]):
                    problems.append(f"{where}/{name}: a {kind} is not in its range {props[name]['range']}")
            else:
                sub = [t.removeprefix(schema) for t in value.get("@type", [])]
                if sub and sub[0] in classes and not _ancestors(sub[0], classes) & set(props[name]["range"]):
                    problems.append(f"{where}/{name}: {sub[0]} is not in its range {props[name]['range']}")
                problems += _validate(value, vocab, f"{where}/{name}")
    return problems


def _expand(doc: dict) -> list[dict]:
    from pyld import jsonld

    context = json.loads((data_dir() / "schemaorg" / "context.jsonld").read_text(encoding="utf-8"))

    def loader(url, options=None):  # offline: the shipped context, nothing fetched
        assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": context}

    return jsonld.expand(doc, {"documentLoader": loader})


def test_claimreview_validates_against_the_schemaorg_vocabulary(registered, tmp_path):
    pytest.importorskip("pyld")
    vocab = _vocabulary()
    reviews = _reviews(registered[0], tmp_path, PUBLIC_BASE_URL="https://desk.example/")
    assert reviews
    for review in reviews:
        expanded = _expand(review)
        assert len(expanded) == 1
        assert _validate(expanded[0], vocab, review["identifier"]) == []


def test_claimreview_validator_catches_a_wrong_document():
    pytest.importorskip("pyld")
    vocab = _vocabulary()
    bad = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "x",
        "ratingValue": 3,
        "reviewRating": {"@type": "Organization", "name": "y"},
        "sha256": "abc",
    }
    problems = _validate(_expand(bad)[0], vocab, "bad")
    assert any("ratingValue: not a property of ClaimReview" in p for p in problems)
    assert any("Organization is not in its range" in p for p in problems)
    assert any("sha256" in p for p in problems)
