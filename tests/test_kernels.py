"""Fast numba kernels against the naive dense-matrix reference (same sigma draws)."""

import numpy as np
import pytest

from naive_reference import naive_dmft
from sgd_dmft import integrate_dmft

CASES = [
    dict(alpha=2.5, b=1.0, m0=0.3, T=50, n_samples=1, seed=0),
    dict(alpha=3.0, b=0.3, m0=0.2, T=40, n_samples=60, seed=3),
    # n*b < 1: many steps select no sample, exercising the all-samples fallback
    dict(alpha=2.0, b=0.1, m0=0.1, T=70, n_samples=7, seed=1),
    # crosses a sigma block boundary (64 steps) with several threads' worth of samples
    dict(alpha=1.5, b=0.5, m0=0.0, T=80, n_samples=40, seed=5),
]


@pytest.mark.parametrize("kw", CASES, ids=lambda kw: f"b{kw['b']}_n{kw['n_samples']}")
def test_fast_kernels_equal_naive_reference(kw):
    fast = integrate_dmft(eta=0.1, C0=1.0, keep_two_time=True, **kw)
    ref = naive_dmft(eta=0.1, C0=1.0, **kw)
    # both compute the same sums in a different order: agreement to ~1e-15 relative
    for name in ("m", "C_diag", "loss"):
        np.testing.assert_allclose(getattr(fast, name), ref[name], rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.two_time("C"), ref["C"], rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.two_time("R"), ref["R"], rtol=0, atol=1e-12)
