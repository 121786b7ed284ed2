"""The shipped catalogue: at least 45 systems, every figure sourced, aliases unambiguous, vendors known."""

from __future__ import annotations

import pytest

from liveaudit.errors import ConfigError
from liveaudit.validator.registry import FACT_KEYS, content_hash, load_systems, parse_system

# the systems issue #22 names (canonical names in the registry)
NAMED = [
    "StreamDiffusionV2",
    "Rolling Forcing",
    "StreamV2V",
    "Live2Diff",
    "FramePack",
    "CogVideoX",
    "GameNGen",
    "DIAMOND",
    "Odyssey",
    "SANA-Video",
    "LongSANA",
    "SANA-WM",
    "LongLive 2.0",
    "Helios",
    "Waypoint-1",
    "Waypoint-1.5",
    "LingBot-World",
    "Matrix-Game 3.0",
    "HY-WorldPlay",
    "Hunyuan-GameCraft",
    "LiveAvatar",
    "SoulX-FlashHead",
    "daVinci-MagiHuman",
    "LiveTalk",
    "FastVideo",
    "FastWan",
    "LTX-2",
    "TeaCache",
    "PixVerse R1",
    "Runway GWM-1",
    "Project Genie",
    "Lucy 2",
    "Reward Forcing",
]


@pytest.fixture(scope="module")
def systems():
    return load_systems()


def _http(url) -> bool:
    return isinstance(url, str) and url.startswith(("https://", "http://"))


def test_registry_catalogue_has_45_systems_open_and_closed(systems):
    assert len(systems) >= 45 and set(NAMED) <= set(systems)
    open_, closed = (
        [s for s in systems.values() if s["open_weights"]],
        [s for s in systems.values() if not s["open_weights"]],
    )
    assert len(open_) >= 30 and len(closed) >= 8
    for spec in closed:  # closed systems carry no architecture, only the reason
        assert spec["architecture"] is None and spec["not_analysed_reason"], spec["name"]


def test_registry_catalogue_every_figure_has_a_source_url(systems):
    for name, spec in systems.items():
        assert spec["sources"] and all(_http(u) for u in spec["sources"]), name
        assert all(_http(c["source"]) for c in spec["claims"]), name
        assert all(_http(p["source"]) for p in spec["parameters"]), name
        for fact in spec.get("facts", []):
            assert fact["key"] in FACT_KEYS and _http(fact["source"]), (name, fact)
        arch = spec["architecture"]
        if arch:
            assert _http(arch["schedule"]["source"]) and all(_http(n["source"]) for n in arch["networks"]), name
    new = [systems[n] for n in NAMED]
    assert all(s.get("facts") for s in new)  # the added systems state their published defaults
    assert all(any(c["figures"] for c in s["claims"]) for s in new)  # and at least one figure-bearing claim


def test_registry_catalogue_aliases_are_unique_across_systems(systems):
    from liveaudit.classifier.lexicon import load_lexicon

    owner: dict[str, str] = {}
    for name, spec in systems.items():
        for alias in {a.lower() for a in [name, *spec["aliases"]]}:
            assert owner.setdefault(alias, name) == name, f"{alias!r} names both {owner[alias]} and {name}"
    # the classifier's fallback list never sends a registry alias to another system
    for alias, name in load_lexicon().systems.items():
        assert owner.get(alias.lower(), name) == name, (alias, name, owner.get(alias.lower()))


def test_registry_catalogue_names_every_vendors_accounts(systems):
    for name, spec in systems.items():
        accounts = spec.get("accounts", [])
        assert accounts and all(a["handle"] and _http(a["source"]) for a in accounts), name
        if spec["open_weights"] and name not in ("TeaCache",):
            assert {a["platform"] for a in accounts} & {"github", "huggingface"}, name
    assert {a["handle"] for a in systems["StreamDiffusionV2"]["accounts"]} >= {"chenfengxu714", "jerryfeng"}
    assert {a["handle"] for a in systems["LongLive 2.0"]["accounts"]} == {"NVlabs", "Efficient-Large-Model"}


def test_registry_catalogue_wan_based_systems_are_analysable(systems):
    analysable = {n for n, s in systems.items() if s["architecture"]}
    assert {"StreamDiffusionV2", "FastWan", "LongLive 2.0", "Reward Forcing", "StreamV2V"} <= analysable
    assert systems["LongLive 2.0"]["architecture"]["networks"][2]["config"]["z_dim"] == 48  # the Wan2.2 VAE


def test_registry_catalogue_schema_additions_are_optional_and_checked():
    base = {
        "name": "X",
        "organisation": "o",
        "open_weights": False,
        "sources": ["https://x.example"],
        "not_analysed_reason": "closed",
    }
    spec = parse_system(dict(base), "x.yaml")
    assert "accounts" not in spec and "facts" not in spec  # an old file hashes as it did
    assert content_hash(spec) == content_hash(parse_system(dict(base), "x.yaml"))
    bad = [
        ({"facts": [{"key": "fps", "value": 1, "source": "https://x.example"}]}, "facts.0.key"),
        ({"facts": [{"key": "output_fps", "value": 24, "source": "x.example"}]}, "facts.0.source"),
        ({"accounts": [{"platform": "myspace", "handle": "x", "source": "https://x.example"}]}, "accounts.0.platform"),
        ({"accounts": [{"platform": "github", "handle": "x", "source": "ftp://x"}]}, "accounts.0.source"),
    ]
    for extra, field in bad:
        with pytest.raises(ConfigError, match=field.replace(".", r"\.")):
            parse_system({**base, **extra}, "x.yaml")


@pytest.mark.slow
def test_registry_catalogue_every_analysable_system_analyses_on_meta(systems):
    """`liveaudit analyze` over the whole catalogue: every open system with an architecture counts and bounds."""
    from liveaudit.validator import analyze, load_hardware

    gpus = load_hardware()
    for name, spec in systems.items():
        if not spec["architecture"]:
            continue
        row = analyze(spec, gpus)
        assert row["flops_per_video_second"] > 0 and row["result"]["roofline"]["H100 SXM"]["max_fps"] > 0, name
        ratio = row["result"]["crosscheck"]["ratio"] if row["result"]["crosscheck"] else 1.0
        assert ratio == pytest.approx(1.0, abs=0.02), name
