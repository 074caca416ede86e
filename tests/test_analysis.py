"""tau extraction and the power-law fits against synthetic data with known answers."""

import numpy as np
import pandas as pd
import pytest

from sgd_dmft.fitting import fit_all, fit_range_sensitivity, thresholds_markdown
from sgd_dmft.tau import relaxation_time, tau_record


def _meta(steps, stopped_early, stop_delta=0.1):
    params = {"b": 0.2, "alpha": 3.0, "seed": 0, "n_samples": 10, "T": 100,
              "stop_delta": stop_delta}  # fmt: skip
    return {"params": params, "run": {"steps": steps, "stopped_early": stopped_early}}


def test_relaxation_time_is_first_crossing():
    delta = np.array([1.0, 0.5, 0.2, 0.149, 0.3, 0.1])
    assert relaxation_time(delta, 0.15) == 3
    assert relaxation_time(delta, 0.05) is None


def test_censored_run_is_recorded_not_dropped():
    row = tau_record("s", {"delta": np.full(101, 0.9)}, _meta(100, False), 0.15)
    assert row["censored"] and np.isnan(row["tau"]) and row["tau_lower_bound"] == 101


def test_threshold_below_stop_delta_is_an_error():
    with pytest.raises(ValueError, match="stop_delta"):
        tau_record("s", {"delta": np.full(51, 0.12)}, _meta(50, True, stop_delta=0.13), 0.1)


def synthetic(alpha_star=1.8, z=1.5, tau0=50.0, noise=0.01, seeds=3, rng_seed=0):
    rng = np.random.default_rng(rng_seed)
    rows = []
    for alpha in [1.9, 1.95, 2.0, 2.1, 2.2, 2.4, 2.7, 3.0]:
        for seed in range(seeds):
            tau = tau0 * (alpha - alpha_star) ** (-z) * np.exp(noise * rng.standard_normal())
            rows.append({"series": "syn", "b": 0.1, "alpha": alpha, "seed": seed,
                         "n_samples": 100, "tau": tau, "censored": False})  # fmt: skip
    rows.append({"series": "syn", "b": 0.1, "alpha": 1.85, "seed": 0, "n_samples": 100,
                 "tau": np.nan, "censored": True})  # fmt: skip
    return pd.DataFrame(rows)


def test_fit_recovers_known_power_law():
    """Data from tau = 50 (alpha - 1.8)^-1.5 with 1% log-normal noise: alpha* within 0.01,
    z within 0.05, the 95% bootstrap interval covers 1.8, censored point excluded."""
    fits = fit_all(synthetic(), min_points=4, n_bootstrap=200, bootstrap_seed=1)
    row = fits.iloc[0]
    assert abs(row["alpha_star"] - 1.8) < 0.01
    assert abs(row["z"] - 1.5) < 0.05
    assert row["alpha_star_ci_low"] <= 1.8 <= row["alpha_star_ci_high"]
    assert row["n_points"] == 8 and row["n_censored"] == 1 and row["status"] == "ok"


def test_fit_range_sensitivity_is_flat_for_an_exact_power_law():
    table = fit_range_sensitivity(synthetic(noise=0.0), min_points=4)
    assert len(table) == 5
    np.testing.assert_allclose(table["alpha_star"], 1.8, atol=1e-4)


def test_too_few_points_gives_a_status_not_a_crash():
    data = synthetic()
    data = data[data["alpha"] <= 1.95]
    fits = fit_all(data, min_points=4, n_bootstrap=50, bootstrap_seed=0)
    assert np.isnan(fits.iloc[0]["alpha_star"])
    assert "too few" in fits.iloc[0]["status"]
    assert "too few" in thresholds_markdown(fits, {0.1: 1.84})
