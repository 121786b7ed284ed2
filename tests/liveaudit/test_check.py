"""`liveaudit check` on a page of the fixture site and on a local file, through every stage's
public entry point, against a store holding a registry row, an analysis and a measurement."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from liveaudit.check import check
from liveaudit.errors import InputError
from liveaudit.fixture_site.server import default_root
from liveaudit.store.runs import utcnow
from tests.verdicts.rows import analysis, measurement


def _facts(store) -> None:
    """What the validator would have stored for Self-Forcing (rows from the verdict tests' builders)."""
    now = utcnow()
    with store.run("seed") as run:
        store.insert(
            "systems",
            [
                {
                    "name": "Self-Forcing",
                    "version": 1,
                    "open_weights": True,
                    "content_sha256": "1" * 64,
                    "spec": {"open_weights": True},
                }
            ],
            run,
        )
        store.insert(
            "analyses",
            [{**{k: v for k, v in analysis().items() if k != "id"}, "unknown_config_keys": [], "created_at": now}],
            run,
        )
        store.insert(
            "measurements",
            [{**{k: v for k, v in measurement(fps_p50=17.0).items() if k != "id"}, "created_at": now}],
            run,
        )


def _verdicts_cli(db: str) -> dict[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "liveaudit", "verdicts", "--json", "--db", db],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return {v["claim_id"]: v["verdict"] for v in map(json.loads, done.stdout.splitlines())}


def test_check_fixture_page_cards_match_liveaudit_verdicts(store, db_path, fixture_site, fixture_manifest):
    _facts(store)
    page = next(p for p in fixture_manifest["pages"] if p["path"] == "/models/self-forcing.html")
    result = check(store, fixture_site.url + page["path"])
    doc = result["document"]
    assert doc["http_status"] == 200 and len(doc["content_sha256"]) == 64 and doc["warc_record_id"]
    assert (Path(db_path).parent / doc["warc_file"]).is_file() or Path(doc["warc_file"]).is_file()
    cards = result["cards"]
    assert cards and all(c["quote"] and c["verdict"] and c["reason"] for c in cards)
    gold = [c["text"] for c in page["claims"]]
    assert any(g in c["quote"] or c["quote"] in g for c in cards for g in gold)
    quantified = next(c for c in cards if c["figures"].get("fps"))
    assert (
        quantified["system"] == "Self-Forcing" and quantified["evidence"]["measurements"]
    )  # judged against the seeded run
    assert _verdicts_cli(db_path) == {c["claim_id"]: c["verdict"] for c in cards}


@pytest.mark.slow
def test_check_local_file_through_the_cli_json(tmp_path):
    page = tmp_path / "self-forcing-paper.html"
    shutil.copyfile(default_root() / "site" / "papers" / "2506.08009.html", page)
    db = str(tmp_path / "store.db")
    done = subprocess.run(
        [sys.executable, "-m", "liveaudit", "check", str(page), "--json", "--db", db],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["document"]["local_file"] == str(page.resolve()) and result["document"]["warc_record_id"]
    assert any("real-time streaming" in c["quote"] for c in result["cards"])
    assert _verdicts_cli(db) == {c["claim_id"]: c["verdict"] for c in result["cards"]}


@pytest.mark.parametrize(
    "item, reason",
    [("ftp://example.org/x", "not fetched"), ("/no/such/page.html", "no such file"), ("http:///nohost", "no host")],
)
def test_check_unusable_input_raises_E913(store, item, reason):
    with pytest.raises(InputError) as exc:
        check(store, item)
    assert exc.value.code == "E913" and reason in str(exc.value)


def test_check_cli_bad_input_is_one_line(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "liveaudit", "check", str(tmp_path / "missing.html"), "--db", str(tmp_path / "s.db")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (
        done.returncode == 2 and done.stderr.startswith("error[E913]:") and len(done.stderr.strip().splitlines()) == 1
    )
