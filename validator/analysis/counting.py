"""Counting FLOPs and bytes of one network call on the meta device.

    count = count_call(module, lambda m: m(**inputs), dtype_bytes=2, block_classes=("WanTransformerBlock",))

FLOPs come from `torch.utils.flop_counter.FlopCounterMode` (matmuls, convolutions and
attention, the ops that dominate; elementwise ops are not counted). Bytes follow one
documented model (docs: docs/design.md, "Measuring honestly"; the roofline reads it):

* weights: every parameter is read from DRAM once per call (params x dtype bytes). A
  network of hundreds of MB does not stay in a GPU's on-chip cache (50-126 MB of L2)
  between calls, so each call streams it again.
* activations: the output of every counted op (GEMM, convolution, attention) is written
  once and read once by the next op: 2 x its bytes. Elementwise ops, norms and the
  attention score matrix are assumed fused (flash attention never writes the scores),
  so they add nothing. This is a lower-bound model: real kernels move more.
* a KV cache read by chunked systems is added by their schedule (see families/chunked_ar.py).

Nothing here allocates memory: modules and tensors live on torch.device("meta").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import torch
import torch.nn.functional as F
from torch.overrides import TorchFunctionMode
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_flatten
from torch.utils.flop_counter import FlopCounterMode, flop_registry


@dataclass
class Count:
    """FLOPs and bytes of one call; `blocks` lists the repeated blocks seen (for the analytic check)."""

    flops: float = 0.0
    weight_bytes: float = 0.0
    activation_bytes: float = 0.0
    block_flops: float = 0.0
    blocks: list[dict] = field(default_factory=list)

    @property
    def bytes(self) -> float:
        return self.weight_bytes + self.activation_bytes


# Blocks whose forward takes the text context as the second positional argument.
_CONTEXT_SECOND = {"WanTransformerBlock", "LTXVideoTransformerBlock"}


class _ActivationBytes(TorchDispatchMode):
    """Sums the output bytes of every op FlopCounterMode counts, except inside attention."""

    def __init__(self) -> None:
        super().__init__()
        self.bytes = 0
        self.in_attention = 0

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        if not self.in_attention and func.overloadpacket in flop_registry:
            self.bytes += sum(t.numel() * t.element_size() for t in tree_flatten(out)[0] if isinstance(t, torch.Tensor))
        return out


class _AttentionAsOneOp(TorchFunctionMode):
    """Counts scaled_dot_product_attention's output once, as a fused kernel writes it."""

    def __init__(self, sink: _ActivationBytes) -> None:
        super().__init__()
        self.sink = sink

    def __torch_function__(self, func, types, args=(), kwargs=None):
        if func is not F.scaled_dot_product_attention:
            return func(*args, **(kwargs or {}))
        self.sink.in_attention += 1
        try:
            out = func(*args, **(kwargs or {}))
        finally:
            self.sink.in_attention -= 1
        self.sink.bytes += out.numel() * out.element_size()
        return out


def param_count(module: torch.nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def count_call(
    module: torch.nn.Module,
    call: Callable[[torch.nn.Module], Any],
    dtype_bytes: int,
    block_classes: Iterable[str] = (),
) -> Count:
    """Run `call(module)` on meta tensors under the counters; returns its Count.

    `block_classes` names the repeated transformer blocks whose input shapes are recorded
    (tokens, width, context tokens) for the analytic cross-check in `analytic.py`.
    """
    wanted = set(block_classes)
    blocks: list[dict] = []
    names: list[str] = []
    handles = []
    root = type(module).__name__
    for name, sub in module.named_modules():
        if type(sub).__name__ in wanted:
            names.append(f"{root}.{name}")

            def hook(mod, args, kwargs, _name=f"{root}.{name}"):
                hidden = kwargs.get("hidden_states", args[0] if args else None)
                context = kwargs.get("encoder_hidden_states")
                if context is None and len(args) > 1 and type(mod).__name__ in _CONTEXT_SECOND:
                    context = args[1]
                blocks.append(
                    {
                        "module": _name,
                        "cls": type(mod).__name__,
                        "batch": int(hidden.shape[0]),
                        "tokens": int(hidden.shape[-2]),
                        "width": int(hidden.shape[-1]),
                        "context_tokens": int(context.shape[-2]) if context is not None else 0,
                    }
                )

            handles.append(sub.register_forward_pre_hook(hook, with_kwargs=True))
    sink = _ActivationBytes()
    try:
        with torch.no_grad(), FlopCounterMode(display=False) as counter, sink, _AttentionAsOneOp(sink):
            call(module)
    finally:
        for h in handles:
            h.remove()
    per_module = counter.get_flop_counts()
    block_flops = sum(sum(per_module.get(n, {}).values()) for n in names)
    for b in blocks:
        b["flops"] = float(sum(per_module.get(b["module"], {}).values()))
    return Count(
        flops=float(counter.get_total_flops()),
        weight_bytes=float(param_count(module) * dtype_bytes),
        activation_bytes=float(2 * sink.bytes),
        block_flops=float(block_flops),
        blocks=blocks,
    )


def count_attention(queries: int, keys: int, heads: int, head_dim: int, dtype: torch.dtype) -> float:
    """FLOPs of one attention of `queries` tokens over `keys` cached tokens, counted on meta."""
    with torch.device("meta"):
        q = torch.empty(1, heads, queries, head_dim, dtype=dtype)
        k = torch.empty(1, heads, keys, head_dim, dtype=dtype)
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        F.scaled_dot_product_attention(q, k, k)
    return float(counter.get_total_flops())
