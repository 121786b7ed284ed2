"""Local weights are untrusted files: garbled or mis-shaped safetensors end in one catalogued error."""

from __future__ import annotations

import pytest
import torch
from safetensors.torch import save_file

from liveaudit.errors import InputError
from liveaudit.validator.measure.on_device import _load_weights


@pytest.mark.parametrize(
    "content", [b"", b"garbage, not a safetensors header", b"\xff" * 8 + b"{}", (10**12).to_bytes(8, "little") + b"{}"]
)
def test_on_device_garbled_safetensors_is_e717(tmp_path, content):
    (tmp_path / "net.safetensors").write_bytes(content)
    with pytest.raises(InputError) as err:
        _load_weights(torch.nn.Linear(4, 4), tmp_path, "net", "test")
    assert err.value.code == "E717" and "net.safetensors" in str(err.value)


def test_on_device_wrong_shapes_are_e712(tmp_path):
    save_file({"weight": torch.zeros(3, 3), "bias": torch.zeros(3)}, str(tmp_path / "net.safetensors"))
    with pytest.raises(InputError) as err:
        _load_weights(torch.nn.Linear(4, 4), tmp_path, "net", "test")
    assert err.value.code == "E712"


def test_on_device_matching_weights_load(tmp_path):
    save_file({"weight": torch.ones(4, 4), "bias": torch.ones(4)}, str(tmp_path / "net.safetensors"))
    module = torch.nn.Linear(4, 4)
    _load_weights(module, tmp_path, "net", "test")
    assert float(module.weight.sum()) == 16.0
