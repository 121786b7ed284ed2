"""The chunked autoregressive family: the counted cache attention, and the timed clip (passes, KV-cache lengths,
frames, the cached attention against the model's own forward)."""

from __future__ import annotations

import pytest
import torch

from liveaudit.validator.families import chunked_ar
from liveaudit.validator.measure.on_device import build_on_device
from tests.validator.conftest import counted_row
from tests.validator.measure_specs import chunked, run_once, tiny_schedule

pytestmark = pytest.mark.usefixtures("one_thread")

TOKENS_PER_FRAME = 4  # 32x32 pixels -> 4x4 latent -> 2x2 patches


@pytest.mark.parametrize(
    "kv_pass, window, sink, text_encoding, calls_per_chunk, cache",
    [
        # Self-Forcing / CausVid: 4 steps + 1 clean pass; the cache (in latent frames) holds every earlier chunk
        (True, None, 0, "once", 5, [0, 3, 6]),
        # no clean pass (the last denoising call writes the cache), LongLive's 1 sink frame + a window of 3,
        # and a prompt encoded for every chunk (interactive systems)
        (False, 3, 1, "per_chunk", 4, [0, 3, 4]),
    ],
)
def test_chunked_ar_forward_passes_cache_lengths_and_frames(
    wan_tiny, kv_pass, window, sink, text_encoding, calls_per_chunk, cache
):
    networks, modules = wan_tiny
    spec = chunked(kv_update_pass=kv_pass, window=window, sink=sink)
    schedule = tiny_schedule(spec) | {"text_encoding": text_encoding}
    assert schedule["frames"] == 33  # 3 chunks x 3 latent frames = 9 latent frames = 1 + 4 x 8 frames
    prepared = chunked_ar.prepare(schedule, networks, modules, "cpu", torch.float32)
    trace, timeline = run_once(prepared)
    assert trace.denoiser_calls == 3 * calls_per_chunk == prepared.denoiser_calls
    assert trace.cache_tokens == [n * TOKENS_PER_FRAME for n in cache for _ in range(calls_per_chunk)]
    assert trace.kv_writes == 3 and trace.decode_calls == 3
    assert trace.text_calls == (1 if text_encoding == "once" else 3)
    assert trace.chunk_frames == [9, 12, 12] == timeline.frames  # the causal VAE: 1 + 4 x 2, then 4 x 3
    assert trace.output_shape == (1, 3, 33, 32, 32) and prepared.frames == 33
    assert prepared.frames_per_chunk == 12 and len(timeline.delivered_s) == 3


def test_chunked_ar_cached_attention_equals_full_attention_of_one_layer():
    # With one transformer block, chunk 2 attending to chunk 1's cached keys/values must give exactly
    # the rows of chunk 2 in diffusers' own forward over both chunks (same timestep): this checks the
    # re-implemented block, the cache concatenation and the rotary offset against the real model.
    import diffusers

    from liveaudit.validator.measure.on_device import tiny_config

    config = tiny_config("WanTransformer3DModel", chunked()["architecture"]["networks"][1]["config"]) | {
        "num_layers": 1
    }
    config["patch_size"] = tuple(config["patch_size"])
    den = diffusers.WanTransformer3DModel(**config).eval()
    torch.manual_seed(0)
    x = torch.randn(1, 16, 6, 4, 4)
    t = torch.full((1,), 700.0)
    text = torch.randn(1, 8, den.config.text_dim)
    with torch.inference_mode():
        full = den(hidden_states=x, timestep=t, encoder_hidden_states=text, return_dict=False)[0]
        first, kv = chunked_ar.causal_forward(
            den, x[:, :, :3], t, text, *chunked_ar.rotary(den, 3, 4, 4, 0), None, True
        )
        second, _ = chunked_ar.causal_forward(den, x[:, :, 3:], t, text, *chunked_ar.rotary(den, 3, 4, 4, 3), kv, False)
        alone = den(hidden_states=x[:, :, :3], timestep=t, encoder_hidden_states=text, return_dict=False)[0]
    torch.testing.assert_close(first, alone, rtol=1e-4, atol=1e-5)  # no cache: the model's own forward
    torch.testing.assert_close(second, full[:, :, 3:], rtol=1e-4, atol=1e-5)


def test_chunked_ar_stream_decoder_equals_whole_clip_decode(wan_tiny):
    _, modules = wan_tiny
    vae = modules[2]
    z = torch.randn(1, 16, 6, 4, 4)
    decoder = chunked_ar.StreamDecoder(vae)
    with torch.inference_mode():
        decoder.start()
        parts = [decoder.decode(z[:, :, :3]), decoder.decode(z[:, :, 3:])]
        whole = vae.decode(z, return_dict=False)[0]
    assert [p.shape[2] for p in parts] == [9, 12]
    torch.testing.assert_close(torch.cat(parts, 2), whole, rtol=1e-4, atol=1e-5)


def test_chunked_ar_keep_evicts_all_but_sink_and_window():
    k = torch.arange(10.0).view(1, 1, 10, 1)
    kept = chunked_ar.keep([(k, k)], tokens_per_frame=1, window=3, sink=2)
    assert kept[0][0].flatten().tolist() == [0.0, 1.0, 7.0, 8.0, 9.0]
    assert chunked_ar.keep([(k, k)], 1, None, 0)[0][0].shape[2] == 10


def test_chunked_ar_refuses_other_networks():
    from liveaudit.errors import InputError
    from tests.validator.measure_specs import unet_stream

    spec = unet_stream()
    networks, modules, _ = build_on_device(spec, "cpu", torch.float32, tiny=True)
    schedule = tiny_schedule(spec) | {"latent_frames_per_chunk": 1, "frames": 5}
    with pytest.raises(InputError) as err:
        chunked_ar.prepare(schedule, networks, modules, "cpu", torch.float32)
    assert err.value.code == "E710"


def test_chunked_ar_plan_adds_kv_attention_by_hand(gpus):
    row = counted_row("tiny-causal", gpus)
    den = row["result"]["stages"][1]
    # 5 latent frames in chunks of 1 (8 tokens each), 3 calls per chunk (2 steps + KV pass), 2 blocks of width 16:
    # chunk k attends over 8k cached tokens: 2 blocks x 3 calls x 2 x 2 x 8 x 8k x 16 FLOPs
    kv_flops = sum(2 * 3 * 4 * 8 * (8 * k) * 16 for k in range(5))
    kv_bytes = sum(2 * 3 * 2 * (8 * k) * 16 * 2 for k in range(5))
    assert den["kv_cache"]["flops_per_video_s"] == pytest.approx(kv_flops / 2.125)
    assert den["kv_cache"]["bytes_per_video_s"] == pytest.approx(kv_bytes / 2.125)
    assert row["settings"]["frames_per_chunk"] == 4
    assert row["result"]["first_chunk_flops"] < row["flops_per_video_second"] * 2.125
