"""Relaxation times: tau = first t with Delta(t) = 1 - 2 m(t) + C(t,t) < threshold (paper
eq. 6 and the text before eq. 12: threshold 0.15).  A run that never gets there within its
steps is *censored* (tau > steps done): recorded as such, never dropped."""

from __future__ import annotations

import math

import numpy as np

TAU_COLUMNS = [
    "series",
    "b",
    "alpha",
    "seed",
    "n_samples",
    "T",
    "tau",
    "censored",
    "tau_lower_bound",
    "steps",
    "stop_delta",
]


def relaxation_time(delta: np.ndarray, threshold: float) -> int | None:
    """First index t with delta[t] < threshold, or None if there is none."""
    below = np.flatnonzero(np.asarray(delta) < threshold)
    return int(below[0]) if below.size else None


def tau_record(series: str, arrays: dict, metadata: dict, threshold: float) -> dict:
    """One row of tau.csv from an integration result (censored if Delta never < threshold)."""
    params, run = metadata["params"], metadata["run"]
    stop_delta = params.get("stop_delta")
    tau = relaxation_time(arrays["delta"], threshold)
    steps = int(run["steps"])
    if (
        tau is None
        and stop_delta is not None
        and run.get("stopped_early")
        and threshold < stop_delta
    ):
        raise ValueError(
            f"threshold {threshold} < stop_delta {stop_delta} of run {series} "
            f"alpha={params['alpha']}: "
            "the integration stopped before Delta could reach the threshold; lower dmft.stop_delta"
        )
    return {
        "series": series,
        "b": params["b"],
        "alpha": params["alpha"],
        "seed": params["seed"],
        "n_samples": params["n_samples"],
        "T": params["T"],
        "tau": float(tau) if tau is not None else math.nan,
        "censored": tau is None,
        "tau_lower_bound": float(tau) if tau is not None else float(steps + 1),
        "steps": steps,
        "stop_delta": stop_delta if stop_delta is not None else math.nan,
    }
