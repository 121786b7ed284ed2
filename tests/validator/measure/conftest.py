"""Shared by the measurement tests: one tiny CPU measurement of the registry's Self-Forcing."""

from __future__ import annotations

import pytest

from liveaudit.validator.measure import Options, measure_store


@pytest.fixture(scope="package")
def self_forcing_rows(tmp_path_factory):
    """One tiny CPU measurement of the registry's Self-Forcing, stored in a fresh store."""
    import torch

    from liveaudit.store import Store

    threads = torch.get_num_threads()
    store = Store.open(str(tmp_path_factory.mktemp("measure") / "store.db"))
    out = measure_store(store, "self-forcing", Options(device="cpu", warmup=0, repetitions=2))
    torch.set_num_threads(threads)
    yield store, out
    store.close()
