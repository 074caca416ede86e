"""Exact statements about the DMFT that need no simulation."""

import numpy as np
import pytest

from sgd_dmft import DMFTDivergenceError, integrate_dmft


@pytest.mark.parametrize("alpha,m0,C0", [(2.5, 0.3, 1.0), (4.0, 0.1, 0.7), (1.2, 0.5, 2.0)])
def test_one_gd_step_closed_form(alpha, m0, C0):
    """Exact J-average of one GD step: m(1) = m0[1 + a eta (1 - C0)],
    C(1,0) = C0 - a eta (C0^2 - m0^2), and R(1,0) = 1, e(0) = (1 - 2 m0^2 + C0^2)/4."""
    eta = 0.1
    r = integrate_dmft(alpha=alpha, b=1.0, eta=eta, m0=m0, C0=C0, T=1, keep_two_time=True)
    assert r.m[1] == pytest.approx(m0 * (1 + alpha * eta * (1 - C0)), rel=1e-14)
    assert r.two_time("C")[1, 0] == pytest.approx(C0 - alpha * eta * (C0**2 - m0**2), rel=1e-14)
    assert r.two_time("R")[1, 0] == 1.0
    assert r.loss[0] == pytest.approx((1 - 2 * m0**2 + C0**2) / 4, rel=1e-14)


@pytest.mark.parametrize("b", [1.0, 0.2])
def test_zero_overlap_stays_zero(b):
    r = integrate_dmft(alpha=2.0, b=b, m0=0.0, T=200, n_samples=200)
    assert np.all(r.m == 0.0)
    assert np.all(r.C_diag > 0)


def test_gd_independent_of_samples_and_seed():
    a = integrate_dmft(alpha=2.0, b=1.0, m0=0.01, T=150, n_samples=1, seed=0)
    b = integrate_dmft(alpha=2.0, b=1.0, m0=0.01, T=150, n_samples=500, seed=7)
    for name in ("m", "C_diag", "loss"):
        assert np.array_equal(getattr(a, name), getattr(b, name))


def test_same_seed_bit_identical_across_thread_counts():
    import numba

    kw = dict(alpha=2.5, b=0.2, m0=0.05, T=150, n_samples=300, seed=11)
    # repeated: a race between sample groups would show up as an occasional difference
    many = numba.config.NUMBA_NUM_THREADS
    runs = [integrate_dmft(threads=th, **kw) for th in (1, many, 1, many, many, many)]
    for r in runs[1:]:
        for name in ("m", "C_diag", "loss"):
            assert np.array_equal(getattr(runs[0], name), getattr(r, name))
    other = integrate_dmft(**{**kw, "seed": 12})
    assert not np.array_equal(other.C_diag, runs[0].C_diag)


def test_sgd_converges_in_n_samples():
    """Monte-Carlo error of the kernels: spread across seeds ~ n^-1/2.  From n=250 to n=4000
    the spread should shrink by 4; with 10 seeds each std carries ~25% error, so accept 2..8."""

    def spread(n):
        vals = [
            integrate_dmft(alpha=2.0, b=0.2, m0=0.0, T=10, n_samples=n, seed=s).C_diag
            for s in range(10)
        ]
        return np.std(vals, axis=0, ddof=1)[2:].mean()

    ratio = spread(250) / spread(4000)
    assert 2.0 < ratio < 8.0


def test_early_stop_truncates_consistently():
    full = integrate_dmft(alpha=4.0, b=1.0, m0=0.3, T=200)
    stop = integrate_dmft(alpha=4.0, b=1.0, m0=0.3, T=200, stop_delta=0.15, stop_extra_steps=5)
    t_hit = int(np.argmax(full.delta < 0.15))
    assert stop.meta["t_hit"] == t_hit and len(stop.t) == t_hit + 6
    assert stop.delta[t_hit] < 0.15 <= stop.delta[t_hit - 1]
    for name in ("m", "C_diag", "loss"):
        assert np.array_equal(getattr(stop, name), getattr(full, name)[: t_hit + 6])


def test_checkpoint_resume_is_bit_identical(tmp_path, monkeypatch):
    from sgd_dmft import _kernels

    kw = dict(alpha=2.5, b=0.3, m0=0.05, T=300, n_samples=100, seed=4)
    reference = integrate_dmft(**kw)
    path = tmp_path / "run.ckpt.npz"
    real = _kernels.run_block
    calls = {"n": 0}

    def dying(*args):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt("simulated kill")
        return real(*args)

    monkeypatch.setattr(_kernels, "run_block", dying)
    with pytest.raises(KeyboardInterrupt):
        integrate_dmft(checkpoint=path, checkpoint_every_s=0, **kw)
    monkeypatch.setattr(_kernels, "run_block", real)
    resumed = integrate_dmft(checkpoint=path, **kw)
    assert resumed.meta["resumed_from"] == 128
    for name in ("m", "C_diag", "loss"):
        assert np.array_equal(getattr(resumed, name), getattr(reference, name))


def test_divergence_raises_clear_error():
    with pytest.raises(DMFTDivergenceError, match=r"diverged at t=\d+"):
        integrate_dmft(alpha=4.0, b=1.0, eta=3.0, m0=0.3, T=200)


BAD = [
    ("alpha", 0.0),
    ("alpha", -1.0),
    ("alpha", float("nan")),
    ("b", 0.0),
    ("b", 1.5),
    ("eta", 0.0),
    ("C0", 0.0),
    ("T", 0),
    ("T", 2.5),
    ("n_samples", 0),
    ("seed", -1),
    ("stop_delta", -0.1),
    ("m0", float("inf")),
]


@pytest.mark.parametrize("name,value", BAD)
def test_invalid_arguments_raise(name, value):
    kw = dict(alpha=2.0, b=0.5, eta=0.1, m0=0.1, C0=1.0, T=10, n_samples=10, seed=0)
    kw[name] = value
    with pytest.raises(ValueError, match=name):
        integrate_dmft(**kw)


def test_memory_limit_refuses_clearly():
    with pytest.raises(MemoryError, match="GiB"):
        integrate_dmft(alpha=2.0, b=1.0, T=100_000, max_memory_bytes=2**30)
