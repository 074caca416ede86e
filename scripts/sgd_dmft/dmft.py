"""Driver of the discrete-time DMFT integrator (``integrate_dmft``).

The equations are those of ``docs/dmft-equations.md`` §2 (the paper's eqs. 9 and 11 with
the corrections listed in §4 there).  The numerical work is done by the numba kernels of
``_kernels``; this module validates arguments, draws the selection variables, handles
early stopping, progress reports, divergence errors and checkpoints.
"""

from __future__ import annotations

import logging
import os
import platform
import time
from dataclasses import dataclass, field

import numba
import numpy as np

from . import _kernels
from .cost import list_capacity, memory_estimate_bytes, packed_size
from .params import check_dmft_args, code_version
from .tau import relaxation_time

log = logging.getLogger(__name__)

#: selection variables are drawn in blocks of this many steps, block i from
#: SeedSequence(seed, spawn_key=(i,)): independent of how the run is chunked or resumed.
SIGMA_BLOCK = 64
#: C(t, t) beyond this bound counts as a diverging integration.
BLOWUP = 1e8


class DMFTDivergenceError(FloatingPointError):
    """The integration produced non-finite or exploding order parameters."""


@dataclass
class DMFTResult:
    """One-time observables for t = 0..steps (arrays of equal length) and the run's metadata."""

    t: np.ndarray
    m: np.ndarray
    C_diag: np.ndarray
    delta: np.ndarray
    loss: np.ndarray
    params: dict
    meta: dict = field(default_factory=dict)
    C_packed: np.ndarray | None = None
    R_packed: np.ndarray | None = None

    def two_time(self, name: str) -> np.ndarray:
        """Dense (steps+1)^2 copy of C or R (only if run with ``keep_two_time=True``)."""
        packed = {"C": self.C_packed, "R": self.R_packed}[name]
        if packed is None:
            raise ValueError("run integrate_dmft(..., keep_two_time=True) to keep C and R")
        n = len(self.t)
        dense = np.zeros((n, n))
        rows, cols = np.tril_indices(n)
        dense[rows, cols] = packed[: n * (n + 1) // 2]
        if name == "C":
            dense[cols, rows] = dense[rows, cols]
        return dense


def _sigma_block(seed: int, block: int, n_samples: int, b: float) -> np.ndarray:
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(block,))))
    return rng.random((n_samples, SIGMA_BLOCK)) < b


class _State:
    """Everything needed to continue an integration (what a checkpoint stores)."""

    def __init__(self, T: int, b: float, n_samples: int, m0: float, C0: float):
        self.t_next = 0
        self.m = np.zeros(T + 2)
        self.h = np.zeros(T + 2)
        self.loss = np.zeros(T + 1)
        self.C = np.zeros(packed_size(T + 1))
        self.R = np.zeros(packed_size(T + 1))
        self.m[0] = m0
        self.h[0] = 0.25 - 0.5 * m0 * m0
        self.C[0] = C0
        n_lists = n_samples if b < 1.0 else 1
        self.P = np.zeros((n_lists, list_capacity(T, b) if b < 1.0 else 1), np.int32)
        self.plen = np.zeros(n_lists, np.int64)
        self.t_hit = -1

    def arrays(self) -> dict:
        return {k: v for k, v in vars(self).items() if isinstance(v, np.ndarray)}

    def save(self, path: str, key: str) -> None:
        tmp = path + ".tmp.npz"
        np.savez(tmp, key=key, t_next=self.t_next, t_hit=self.t_hit, **self.arrays())
        os.replace(tmp, path)

    def load(self, path: str, key: str) -> bool:
        with np.load(path) as data:
            if str(data["key"]) != key:
                log.warning("checkpoint %s belongs to other parameters; starting afresh", path)
                return False
            for name in self.arrays():
                setattr(self, name, data[name].copy())
            self.t_next = int(data["t_next"])
            self.t_hit = int(data["t_hit"])
        return True

    def ensure_capacity(self, extra: int) -> None:
        need = int(self.plen.max()) + extra if self.plen.size else extra
        if need > self.P.shape[1]:
            grown = np.zeros((self.P.shape[0], max(need, int(1.25 * self.P.shape[1]))), np.int32)
            grown[:, : self.P.shape[1]] = self.P
            self.P = grown


def integrate_dmft(
    alpha: float,
    b: float,
    eta: float = 0.1,
    m0: float = 1e-4,
    C0: float = 1.0,
    T: int = 1000,
    n_samples: int = 1000,
    seed: int = 0,
    stop_delta: float | None = None,
    stop_extra_steps: int = 10,
    threads: int | None = None,
    checkpoint: str | os.PathLike | None = None,
    checkpoint_every_s: float = 300.0,
    progress_every_s: float = 60.0,
    keep_two_time: bool = False,
    max_memory_bytes: float | None = None,
) -> DMFTResult:
    """Integrate the discrete-time DMFT of (mini-batch) SGD from t = 0 to T.

    m(t), C(t,t'), R(t,t') follow eq. 2.4 of ``docs/dmft-equations.md`` (the paper's eq. 9,
    corrected); the kernels Gamma, Phi (the paper's Lambda_R, Lambda_C, eq. 11) are exact for
    b = 1 and Monte-Carlo averages over ``n_samples`` selection trajectories for b < 1.
    Initial condition m(0) = m0, C(0,0) = C0 (eq. 10).

    ``stop_delta``: stop ``stop_extra_steps`` steps after the first t with
    Delta(t) = 1 - 2 m(t) + C(t,t) < stop_delta.  ``checkpoint``: a file the state is saved
    to every ``checkpoint_every_s`` seconds and resumed from; the result is bit-identical to
    an uninterrupted run.  Raises ``ValueError`` for invalid arguments and
    ``DMFTDivergenceError`` when the integration diverges.
    """
    params = check_dmft_args(
        alpha=alpha,
        b=b,
        eta=eta,
        m0=m0,
        C0=C0,
        T=T,
        n_samples=n_samples,
        seed=seed,
        stop_delta=stop_delta,
        stop_extra_steps=stop_extra_steps,
    )
    T, n_samples = params["T"], params["n_samples"]
    need = memory_estimate_bytes(T, b, n_samples)
    if max_memory_bytes is not None and need > max_memory_bytes:
        raise MemoryError(
            f"integrate_dmft(T={T}, b={b}, n_samples={n_samples}) needs about "
            f"{need / 2**30:.2f} GiB, more than max_memory_bytes={max_memory_bytes / 2**30:.2f} GiB"
        )
    if threads is not None:
        numba.set_num_threads(int(threads))
    n_threads = numba.get_num_threads()
    key = repr(sorted(params.items()))

    state = _State(T, b, n_samples, m0, C0)
    resumed_from = None
    if checkpoint is not None and os.path.exists(checkpoint) and state.load(str(checkpoint), key):
        resumed_from = state.t_next
        log.info("resumed from checkpoint %s at t=%d", checkpoint, state.t_next)

    t_final = T
    if state.t_hit >= 0:
        t_final = min(T, state.t_hit + stop_extra_steps)
    n_ws = 1 if b >= 1.0 else 0
    ws = None
    start = time.perf_counter()
    last_report = last_checkpoint = start
    next_fraction = 0.1
    while state.t_next <= t_final:
        t0 = state.t_next
        block = t0 // SIGMA_BLOCK
        t_end = min((block + 1) * SIGMA_BLOCK, t_final + 1)
        if b < 1.0:
            sigma = _sigma_block(seed, block, n_samples, b)
            counts = sigma[:, t0 - block * SIGMA_BLOCK : t_end - block * SIGMA_BLOCK].sum(axis=0)
            n_ws = n_samples if (counts == 0).any() else max(n_ws, int(counts.max()))
            state.ensure_capacity(t_end - t0)
        else:
            sigma = np.ones((1, SIGMA_BLOCK), dtype=np.bool_)
        width = state.P.shape[1] if b < 1.0 else T + 2
        if ws is None or ws[0].shape[0] < n_ws or ws[0].shape[1] < width:
            rows = max(n_ws, ws[0].shape[0] if ws is not None else 0)
            ws = [np.zeros((rows, width)) for _ in range(4)]
        status, t_bad = _kernels.run_block(
            t0,
            t_end,
            t_final,
            alpha,
            b,
            eta,
            state.C,
            state.R,
            state.m,
            state.h,
            state.loss,
            sigma,
            state.P,
            state.plen,
            ws[0],
            ws[1],
            ws[2],
            ws[3],
            n_threads,
            BLOWUP,
        )
        if status != _kernels.STATUS_OK:
            _raise_divergence(status, t_bad, state, params)
        state.t_next = t_end
        if stop_delta is not None and state.t_hit < 0:
            t_hit = _first_below(state, t0, min(t_end, t_final), stop_delta)
            if t_hit >= 0:
                state.t_hit = t_hit
                t_final = min(T, t_hit + stop_extra_steps)
        now = time.perf_counter()
        if state.t_next / (T + 1) >= next_fraction or now - last_report >= progress_every_s:
            log.info(
                "alpha=%g b=%g: t=%d/%d m=%.4g Delta=%.4g (%.1f s)",
                alpha,
                b,
                state.t_next - 1,
                T,
                state.m[state.t_next - 1],
                _delta(state, state.t_next - 1, state.t_next - 1)[0],
                now - start,
            )
            last_report = now
            while next_fraction <= state.t_next / (T + 1):
                next_fraction += 0.1
        if checkpoint is not None and now - last_checkpoint >= checkpoint_every_s:
            state.save(str(checkpoint), key)
            last_checkpoint = now
    wall = time.perf_counter() - start
    return _result(state, t_final, params, wall, n_threads, resumed_from, keep_two_time)


def _c_diag(state: _State, t0: int, t1: int) -> np.ndarray:
    """C(t,t) for t0 <= t <= t1 from the packed storage."""
    idx = np.arange(t0, t1 + 1)
    return state.C[idx * (idx + 1) // 2 + idx]


def _delta(state: _State, t0: int, t1: int) -> np.ndarray:
    """Delta(t) = 1 - 2 m(t) + C(t,t) for t0 <= t <= t1 (paper eq. 6)."""
    return 1.0 - 2.0 * state.m[t0 : t1 + 1] + _c_diag(state, t0, t1)


def _first_below(state: _State, t0: int, t1: int, threshold: float) -> int:
    """First t in [t0, t1] with Delta(t) < threshold, or -1."""
    hit = relaxation_time(_delta(state, t0, t1), threshold)
    return -1 if hit is None else t0 + hit


def _raise_divergence(status: int, t: int, state: _State, params: dict) -> None:
    diag = state.C[_kernels.row_offset(t) + t] if t < len(state.m) - 1 else np.nan
    what = "a non-finite value" if status == _kernels.STATUS_NONFINITE else f"C(t,t) > {BLOWUP:g}"
    raise DMFTDivergenceError(
        f"DMFT integration diverged at t={t} ({what}: m={state.m[t]:.6g}, C(t,t)={diag:.6g}, "
        f"loss(t-1)={state.loss[max(t - 1, 0)]:.6g}) for parameters {params}; "
        "a smaller eta usually cures this"
    )


def _result(state, steps, params, wall, n_threads, resumed_from, keep_two_time) -> DMFTResult:
    c_diag = _c_diag(state, 0, steps)
    m = state.m[: steps + 1].copy()
    meta = {
        "steps": steps,
        "stopped_early": steps < params["T"],
        "t_hit": state.t_hit,
        "wall_time_s": wall,
        "threads": n_threads,
        "resumed_from": resumed_from,
        "code_version": code_version(),
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "numba": numba.__version__,
        },
    }
    n_packed = packed_size(steps)
    return DMFTResult(
        t=np.arange(steps + 1, dtype=np.float64),
        m=m,
        C_diag=c_diag,
        delta=1.0 - 2.0 * m + c_diag,
        loss=state.loss[: steps + 1].copy(),
        params=params,
        meta=meta,
        C_packed=state.C[:n_packed].copy() if keep_two_time else None,
        R_packed=state.R[:n_packed].copy() if keep_two_time else None,
    )
