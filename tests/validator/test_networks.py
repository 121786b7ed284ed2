"""Building networks from untrusted configs: the real classes on meta, hostile configs refused."""

from __future__ import annotations

import pytest

from liveaudit.errors import InputError
from liveaudit.validator.analysis.counting import param_count
from liveaudit.validator.networks import CLASSES, build
from tests.validator.conftest import CLIP, LTX, LTX_VAE, T5, TAESD, UMT5, UNET, WAN, WAN_VAE


@pytest.mark.parametrize(
    "cls,config",
    [
        ("WanTransformer3DModel", WAN),
        ("AutoencoderKLWan", WAN_VAE),
        ("UMT5EncoderModel", UMT5),
        ("LTXVideoTransformer3DModel", LTX),
        ("AutoencoderKLLTXVideo", LTX_VAE),
        ("T5EncoderModel", T5),
        ("UNet2DConditionModel", UNET),
        ("AutoencoderTiny", TAESD),
        ("CLIPTextModel", CLIP),
    ],
)
def test_networks_build_tiny_configs_of_every_class_on_meta(cls, config):
    module, unknown = build(cls, config)
    assert type(module).__name__ == cls and unknown == []
    assert all(p.device.type == "meta" for p in module.parameters())
    assert param_count(module) > 0


def test_networks_tiny_wan_param_count_by_hand():
    module, _ = build("WanTransformer3DModel", WAN)
    D, F, C, Tx, Fq = 16, 32, 4, 16, 16
    lin = lambda i, o: i * o + o  # noqa: E731
    block = (4 * lin(D, D) + 2 * D) + (4 * lin(D, D) + 2 * D) + (2 * D) + lin(D, F) + lin(F, D) + 6 * D
    outside = (C * 4 * D + D) + lin(Fq, D) + lin(D, D) + lin(D, 6 * D) + lin(Tx, D) + lin(D, D) + lin(D, C * 4) + 2 * D
    assert param_count(module) == 2 * block + outside


def test_networks_unknown_keys_are_returned_not_applied():
    _, unknown = build("WanTransformer3DModel", {**WAN, "_class_name": "WanTransformer3DModel", "made_up": 3})
    assert unknown == ["_class_name", "made_up"]


def test_networks_refuse_a_trillion_parameters():
    huge = {**WAN, "num_attention_heads": 4096, "attention_head_dim": 128, "ffn_dim": 1_000_000, "num_layers": 4}
    with pytest.raises(InputError) as err:
        build("WanTransformer3DModel", huge, where="huge.yaml")
    assert err.value.code == "E704" and "huge.yaml" in str(err.value)


@pytest.mark.parametrize(
    "config,fragment",
    [
        ({**WAN, "num_layers": 100_000}, "num_layers"),
        ({**WAN, "ffn_dim": 10**12}, "ffn_dim"),
        ({**WAN, "qk_norm": "x" * 5000}, "qk_norm"),
        ({**WAN, "patch_size": {"__import__": "os"}}, "patch_size"),
        ({**WAN, "patch_size": list(range(1000))}, "patch_size"),
        ({**WAN, "eps": float("nan")}, "eps"),
    ],
)
def test_networks_refuse_hostile_values_with_the_field(config, fragment):
    with pytest.raises(InputError) as err:
        build("WanTransformer3DModel", config, where="bad.yaml")
    assert err.value.code == "E703" and fragment in str(err.value)


def test_networks_refuse_an_unknown_class():
    with pytest.raises(InputError) as err:
        build("os.system", {})
    assert err.value.code == "E702"
    assert "os.system" not in CLASSES


def test_networks_config_that_the_class_rejects_is_a_clear_error():
    with pytest.raises(InputError) as err:
        build("WanTransformer3DModel", {**WAN, "num_attention_heads": 0})
    assert err.value.code == "E703"


@pytest.mark.parametrize("key, value", [("num_layers", -3), ("num_attention_heads", -1), ("in_channels", -16)])
def test_networks_negative_sizes_are_refused(key, value):
    from liveaudit.errors import InputError
    from liveaudit.validator.networks import split_config

    with pytest.raises(InputError) as err:
        split_config("WanTransformer3DModel", {key: value}, "bad.yaml")
    assert err.value.code == "E703" and key in str(err.value)
