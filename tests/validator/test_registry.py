"""The shipped registry and hardware catalogue, and the errors bad files get."""

from __future__ import annotations

import pytest
import yaml

from liveaudit.errors import ConfigError, InputError
from liveaudit.validator import load_hardware, load_systems
from liveaudit.validator.analysis.counting import param_count
from liveaudit.validator.networks import build
from liveaudit.validator.registry import resolve
from tests.validator.conftest import TINY_SYSTEMS

CANONICAL = [
    "StreamDiffusion",
    "CausVid",
    "Self-Forcing",
    "LongLive",
    "MAGI-1",
    "LTX-Video",
    "Wan2.1-T2V-1.3B",
    "Wan2.1-T2V-14B",
    "Krea Realtime",
    "Seaweed APT2",
    "Matrix-Game 2.0",
    "MirageLSD",
    "Genie 3",
    "Oasis",
]
GPUS = ["H100 SXM", "H100 PCIe", "H200", "B200", "A100 80GB", "L40S", "RTX 4090", "RTX 5090", "A10G"]


def test_registry_ships_every_canonical_system_with_sources():
    systems = load_systems()
    assert len(systems) >= 15 and set(CANONICAL) <= set(systems)
    for spec in systems.values():
        assert spec["sources"] and all(c["source"].startswith("http") for c in spec["claims"])
    assert not systems["MirageLSD"]["open_weights"] and systems["Seaweed APT2"]["parameters"][0]["value"] == 8e9
    assert resolve(systems, "self forcing")["name"] == "Self-Forcing"


def test_registry_published_parameter_counts_match_the_built_denoisers():
    """Every exact (not nominal) published denoiser count is within 3% of the network built from the config."""
    checked = 0
    for spec in load_systems().values():
        if not spec["architecture"]:
            continue
        den = next(n for n in spec["architecture"]["networks"] if n["role"] == "denoiser")
        counted = param_count(build(den["class"], den["config"])[0])
        for pub in spec["parameters"]:
            if pub["network"] == "denoiser":
                tolerance = 0.10 if pub["nominal"] else 0.03  # a name's "1.3B" is rounded
                assert abs(counted / pub["value"] - 1) <= tolerance, (spec["name"], counted, pub)
                checked += 1
    assert checked >= 8


def test_registry_hardware_has_every_canonical_gpu_with_sources():
    gpus = load_hardware()
    assert set(GPUS) <= set(gpus)
    assert gpus["H100 SXM"]["peak_flops"] == pytest.approx(989.4e12) and gpus["H100 SXM"]["bandwidth"] == 3.35e12
    assert gpus["RTX 4090"]["peak_flops"] == pytest.approx(330.3e12)  # fp16 with fp16 accumulate
    assert all(g["sources"] for g in gpus.values())


def _write(tmp_path, monkeypatch, spec, name="bad.yaml"):
    folder = tmp_path / "reg"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(spec if isinstance(spec, str) else yaml.safe_dump(spec), encoding="utf-8")
    monkeypatch.setenv("LIVEAUDIT_VALIDATE_SYSTEMS_DIR", str(folder))
    return folder


@pytest.mark.parametrize(
    "mutate,field",
    [
        (lambda s: s.pop("organisation"), "organisation"),
        (lambda s: s.update(sources=["file:///etc/passwd"]), "sources"),
        (lambda s: s["architecture"]["schedule"].update(steps=-1), "architecture.schedule.steps"),
        (lambda s: s["architecture"]["schedule"].update(family="magic"), "architecture.schedule.family"),
        (lambda s: s["architecture"]["networks"].pop(), "architecture.networks"),
        (lambda s: s.update(surprise=1), "surprise"),
    ],
)
def test_registry_bad_field_is_named(tmp_path, monkeypatch, mutate, field):
    import copy

    spec = copy.deepcopy(TINY_SYSTEMS["tiny-wan"])
    mutate(spec)
    _write(tmp_path, monkeypatch, spec)
    with pytest.raises(ConfigError) as err:
        load_systems()
    assert err.value.code == "E701" and f"field {field}" in str(err.value) and "bad.yaml" in str(err.value)


def test_registry_refuses_big_and_broken_files(tmp_path, monkeypatch):
    _write(tmp_path, monkeypatch, "name: [unclosed")
    with pytest.raises(ConfigError) as err:
        load_systems()
    assert err.value.code == "E701"
    _write(tmp_path, monkeypatch, "x: " + "a" * 300_000)
    with pytest.raises(InputError) as err:
        load_systems()
    assert err.value.code == "E707"
    _write(tmp_path, monkeypatch, "!!python/object/apply:os.system ['true']")
    with pytest.raises(ConfigError):
        load_systems()


def test_registry_unknown_system_names_the_known_ones():
    with pytest.raises(InputError) as err:
        resolve(load_systems(), "Sora 9")
    assert err.value.code == "E705" and "Self-Forcing" in str(err.value)


def test_registry_bad_hardware_field_is_named(tmp_path):
    path = tmp_path / "hw.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "gpus": [
                    {
                        "name": "X",
                        "bf16_dense_tflops": -1,
                        "fp16_dense_tflops": 1,
                        "memory_bandwidth_gbs": 1,
                        "memory_gb": 1,
                        "sources": {},
                    }
                ]
            }
        )
    )
    with pytest.raises(ConfigError) as err:
        load_hardware(path)
    assert err.value.code == "E706" and "gpus[0].bf16_dense_tflops" in str(err.value)
