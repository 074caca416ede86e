"""Direct finite-N simulation of (mini-batch) SGD on the model (paper eqs. 1-5).

The referee of the DMFT: no mean-field step, just the real dynamics
    w(t+1) = w(t) + (eta/b) sum_mu sigma_mu(t) r_mu(t) J^mu w(t) / N,
    r_mu = y_mu - w^T J^mu w / (2N),   sigma_mu(t) ~ Bernoulli(b) afresh every step,
with symmetric J^mu (zero diagonal, unit-variance off-diagonal entries) and
y_mu = w*^T J^mu w* / (2N) (eq. 1), or, for the null model, y_mu ~ N(0, 1/2) independent
of J (the m = 0 sector of the DMFT).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np

from .params import _integer, _require, check_common, code_version

#: |w|^2/N beyond this counts as a diverging run (as in the DMFT driver)
BLOWUP = 1e8


@dataclass
class SimulationResult:
    """One realisation: t = 0..T and m(t), C(t,t), Delta(t), loss per sample e(t) = H/M."""

    t: np.ndarray
    m: np.ndarray
    C_diag: np.ndarray
    delta: np.ndarray
    loss: np.ndarray
    params: dict
    meta: dict = field(default_factory=dict)


def _available_memory_bytes() -> int:
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 8 << 30


def sensing_matrices(rng: np.random.Generator, M: int, N: int) -> np.ndarray:
    """M symmetric N x N Gaussian matrices with zero diagonal, stacked as one (M*N, N) float32
    array so that all J^mu w are one matrix-vector product."""
    J = np.empty((M * N, N), dtype=np.float32)
    upper = np.triu_indices(N, 1)
    for mu in range(M):
        block = J[mu * N : (mu + 1) * N]
        block[...] = 0.0
        block[upper] = rng.standard_normal(len(upper[0]), dtype=np.float32)
        block += block.T
    return J


def initial_state(rng: np.random.Generator, w_star: np.ndarray, m0: float, C0: float):
    """w(0) = m0 w* + sqrt(C0 - m0^2) u with u orthogonal to w*, |u|^2 = N: exact m0 and C0."""
    N = len(w_star)
    u = rng.standard_normal(N)
    u -= (u @ w_star) / N * w_star
    u *= np.sqrt(N) / np.linalg.norm(u)
    return m0 * w_star + np.sqrt(C0 - m0 * m0) * u


def simulate_sgd(
    N: int,
    alpha: float,
    b: float,
    eta: float = 0.1,
    m0: float = 0.3,
    C0: float = 1.0,
    T: int = 400,
    seed: int = 0,
    null_model: bool = False,
    max_memory_bytes: float | None = None,
) -> SimulationResult:
    """Run the real SGD dynamics (eq. 4) for one draw of w*, J^mu and w(0)."""
    params = check_common(alpha, b, eta, m0, C0, T, seed)
    _require(_integer(N) and N >= 2, "N", N, "an integer >= 2")
    N = int(N)
    M = max(1, round(alpha * N))
    need = 4 * M * N * N
    limit = max_memory_bytes if max_memory_bytes is not None else 0.6 * _available_memory_bytes()
    if need > limit:
        raise MemoryError(
            f"simulate_sgd(N={N}, alpha={alpha}) stores M*N^2 = {M}*{N}^2 float32 entries "
            f"({need / 2**30:.2f} GiB), more than the {limit / 2**30:.2f} GiB allowed"
        )
    params.update(N=N, M=M, null_model=bool(null_model))
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(params["seed"])))
    w_star = rng.standard_normal(N)
    w_star *= np.sqrt(N) / np.linalg.norm(w_star)
    J = sensing_matrices(rng, M, N)
    if null_model:
        y = rng.normal(0.0, np.sqrt(0.5), M)
    else:
        y = (J @ w_star.astype(np.float32)).reshape(M, N).astype(np.float64) @ w_star / (2 * N)
    w = initial_state(rng, w_star, m0, C0)

    m = np.empty(T + 1)
    c_diag = np.empty(T + 1)
    loss = np.empty(T + 1)
    step = eta / b / N
    for t in range(T + 1):
        Jw = (J @ w.astype(np.float32)).reshape(M, N).astype(np.float64)
        r = y - Jw @ w / (2 * N)
        m[t] = w @ w_star / N
        c_diag[t] = w @ w / N
        loss[t] = 0.5 * (r @ r) / M
        if not (np.isfinite(loss[t]) and c_diag[t] < BLOWUP):
            raise FloatingPointError(
                f"simulation diverged at t={t} (C(t,t)={c_diag[t]:.3g}, loss={loss[t]:.3g}); "
                "lower eta or raise b"
            )
        if t == T:
            break
        if b < 1.0:
            r = r * (rng.random(M) < b)
        w = w + step * (r @ Jw)
    return SimulationResult(
        t=np.arange(T + 1, dtype=np.float64),
        m=m,
        C_diag=c_diag,
        delta=1.0 - 2.0 * m + c_diag,
        loss=loss,
        params=params,
        meta={"code_version": code_version()},
    )


OBSERVABLES = ("m", "C_diag", "loss")


def simulate_ensemble(n_realisations: int, seed: int = 0, **kwargs) -> dict:
    """Mean and standard error (std ddof=1 / sqrt(n)) of m, C(t,t), e(t) over independent
    realisations; realisation r uses seed ``seed + r``.  Keys ``{obs}_mean``, ``{obs}_se``."""
    _require(
        _integer(n_realisations) and n_realisations >= 2,
        "n_realisations",
        n_realisations,
        "an integer >= 2",
    )
    runs = [simulate_sgd(seed=seed + r, **kwargs) for r in range(int(n_realisations))]
    out = {"t": runs[0].t}
    for obs in OBSERVABLES:
        data = np.array([getattr(run, obs) for run in runs])
        out[f"{obs}_mean"] = data.mean(axis=0)
        out[f"{obs}_se"] = data.std(axis=0, ddof=1) / np.sqrt(len(runs))
    return out
