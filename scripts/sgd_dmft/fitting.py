"""Power-law fits of the relaxation time (paper eq. 12) with lmfit.

Per series, tau(alpha) ~ tau0 (alpha - alpha*)^-z is fitted on the uncensored points, in log
space, log tau = log tau0 - z log(alpha - alpha*), with alpha* bounded below the smallest
fitted alpha; uncertainty from lmfit's covariance and from a bootstrap over seeds and points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

FIT_COLUMNS = [
    "series",
    "b",
    "n_samples",
    "alpha_star",
    "alpha_star_stderr",
    "alpha_star_ci_low",
    "alpha_star_ci_high",
    "z",
    "z_stderr",
    "tau0",
    "tau0_stderr",
    "n_points",
    "n_censored",
    "alpha_min",
    "alpha_max",
    "redchi",
    "n_bootstrap_ok",
    "status",
]


@dataclass
class PowerLawFit:
    alpha_star: float
    alpha_star_stderr: float
    z: float
    z_stderr: float
    tau0: float
    tau0_stderr: float
    redchi: float


def aggregate_seeds(alpha, tau) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per distinct alpha: mean log tau, its standard error over seeds (nan for one seed),
    and the number of seeds."""
    frame = pd.DataFrame(
        {"alpha": np.asarray(alpha, float), "logtau": np.log(np.asarray(tau, float))}
    )
    grouped = frame.groupby("alpha")["logtau"]
    mean = grouped.mean()
    count = grouped.count()
    se = grouped.std(ddof=1) / np.sqrt(count)
    return mean.index.to_numpy(), mean.to_numpy(), se.to_numpy(), count.to_numpy()


def _weights(se: np.ndarray, count: np.ndarray) -> np.ndarray | None:
    """1/sigma of log tau from the seed-to-seed spread; None (unweighted) without replicates.
    Alphas with a single seed get the median sigma of the others; a floor of 1e-3 (0.1% in
    tau) keeps identical seeds (b = 1) from dominating."""
    usable = np.isfinite(se) & (count > 1)
    if not usable.any():
        return None
    sigma = np.where(usable, se, np.median(se[usable]))
    return 1.0 / np.maximum(sigma, 1e-3)


def fit_power_law(alpha, logtau, weights=None, alpha_star_bounds=None) -> PowerLawFit:
    """Weighted least-squares fit of log tau = log tau0 - z log(alpha - alpha*) with lmfit.

    alpha* is bounded to [lo, min(alpha) - 1e-6 * span]; several starting values of alpha*
    are tried and the lowest chi-square kept (the problem is non-convex in alpha*)."""
    import lmfit

    alpha = np.asarray(alpha, float)
    logtau = np.asarray(logtau, float)
    span = alpha.max() - alpha.min()
    hi = alpha.min() - 1e-6 * max(span, 1.0)
    lo = alpha.min() - 4.0 * max(span, 0.5) if alpha_star_bounds is None else alpha_star_bounds[0]
    hi = hi if alpha_star_bounds is None else min(hi, alpha_star_bounds[1])

    def model(x, alpha_star, z, log_tau0):
        return log_tau0 - z * np.log(x - alpha_star)

    lm = lmfit.Model(model)
    best = None
    for frac in (0.02, 0.1, 0.3, 0.6, 0.9):
        start = hi - frac * (hi - lo)
        params = lm.make_params(alpha_star=start, z=1.0, log_tau0=float(logtau.mean()))
        params["alpha_star"].set(min=lo, max=hi)
        params["z"].set(min=1e-3, max=50.0)
        result = lm.fit(logtau, params, x=alpha, weights=weights, method="leastsq")
        if best is None or result.chisqr < best.chisqr:
            best = result
    p = best.params

    def err(name):
        return float(p[name].stderr) if p[name].stderr is not None else math.nan

    tau0 = math.exp(p["log_tau0"].value)
    return PowerLawFit(
        alpha_star=float(p["alpha_star"].value),
        alpha_star_stderr=err("alpha_star"),
        z=float(p["z"].value),
        z_stderr=err("z"),
        tau0=tau0,
        tau0_stderr=tau0 * err("log_tau0"),
        redchi=float(best.redchi) if np.isfinite(best.redchi) else math.nan,
    )


def bootstrap_alpha_star(alpha, tau, n_boot, seed, min_points) -> np.ndarray:
    """alpha* of bootstrap replicates: seeds resampled within each alpha, then alpha points
    resampled with replacement (replicates with fewer than ``min_points`` distinct alphas
    are skipped)."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({"alpha": np.asarray(alpha, float), "tau": np.asarray(tau, float)})
    groups = [g["tau"].to_numpy() for _, g in frame.groupby("alpha")]
    alphas = np.array(sorted(frame["alpha"].unique()))
    out = []
    for _ in range(n_boot):
        pick = rng.integers(0, len(alphas), len(alphas))
        if len(np.unique(pick)) < min_points:
            continue
        a_rep, t_rep = [], []
        for i in pick:
            taus = rng.choice(groups[i], size=len(groups[i]), replace=True)
            a_rep.extend([alphas[i]] * len(taus))
            t_rep.extend(taus)
        xs, ys, se, count = aggregate_seeds(a_rep, t_rep)
        try:
            out.append(fit_power_law(xs, ys, _weights(se, count)).alpha_star)
        except (ValueError, FloatingPointError):
            continue
    return np.array(out)


def fit_series(
    taus: pd.DataFrame, min_points=4, n_bootstrap=200, bootstrap_seed=0, alpha_range=None
) -> dict:
    """One row of fits.csv for the tau rows of one series."""
    series = taus["series"].iloc[0]
    row = {c: math.nan for c in FIT_COLUMNS}
    row.update(series=series, b=float(taus["b"].iloc[0]), n_samples=int(taus["n_samples"].max()))
    data = taus
    if alpha_range is not None:
        data = data[(data["alpha"] >= alpha_range[0]) & (data["alpha"] <= alpha_range[1])]
    ok = data[~data["censored"].astype(bool)]
    n_alpha = ok["alpha"].nunique()
    row.update(
        n_points=n_alpha, n_censored=int(data["censored"].astype(bool).sum()), n_bootstrap_ok=0
    )
    if n_alpha < min_points:
        row["status"] = (
            f"too few uncensored alpha points ({n_alpha} < {min_points}); add alphas or raise T"
        )
        return row
    xs, ys, se, count = aggregate_seeds(ok["alpha"], ok["tau"])
    fit = fit_power_law(xs, ys, _weights(se, count))
    row.update(vars(fit))
    row.update(alpha_min=float(xs.min()), alpha_max=float(xs.max()))
    boot = bootstrap_alpha_star(ok["alpha"], ok["tau"], n_bootstrap, bootstrap_seed, min_points)
    row["n_bootstrap_ok"] = int(boot.size)
    if boot.size >= 20:
        row["alpha_star_ci_low"], row["alpha_star_ci_high"] = np.percentile(boot, [2.5, 97.5])
    row["status"] = "ok" if boot.size >= 20 else "ok (too few bootstrap replicates for a CI)"
    return row


def fit_all(
    taus: pd.DataFrame, min_points, n_bootstrap, bootstrap_seed, ranges=None
) -> pd.DataFrame:
    """fits.csv: one row per series, in order of b then series name."""
    rows = []
    for series, group in taus.groupby("series", sort=True):
        rng = (ranges or {}).get(series)
        rows.append(fit_series(group, min_points, n_bootstrap, bootstrap_seed, rng))
    frame = pd.DataFrame(rows, columns=FIT_COLUMNS)
    return frame.sort_values(["b", "series"], kind="stable").reset_index(drop=True)


def thresholds_markdown(fits: pd.DataFrame, paper: dict[float, float]) -> str:
    """The alpha*(b) table beside the paper's values (1.84 / 2.26 / 2.28)."""
    lines = [
        "# Recovery thresholds alpha*(b)",
        "",
        "Fit tau = tau0 (alpha - alpha*)^-z on the uncensored relaxation times of each series.",
        "",
        "| series | b | n_samples | alpha* | stderr | 95% bootstrap CI | z | points (censored) "
        "| paper alpha* | status |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for _, r in fits.iterrows():
        paper_value = paper.get(float(r["b"]))
        lines.append(
            "| {series} | {b:g} | {n} | {a} | {se} | {ci} | {z} | {pts} ({cens}) "
            "| {paper} | {status} |".format(
                series=r["series"],
                b=r["b"],
                n=int(r["n_samples"]),
                a=_fmt(r["alpha_star"], 3),
                se=_fmt(r["alpha_star_stderr"], 3),
                ci=(
                    f"[{r['alpha_star_ci_low']:.3f}, {r['alpha_star_ci_high']:.3f}]"
                    if np.isfinite(r["alpha_star_ci_low"])
                    else "–"
                ),
                z=_fmt(r["z"], 2),
                pts=int(r["n_points"]),
                cens=int(r["n_censored"]),
                paper=f"{paper_value:g}" if paper_value is not None else "–",
                status=r["status"],
            )
        )
    return "\n".join(lines) + "\n"


def _fmt(value, digits):
    return f"{value:.{digits}f}" if value is not None and np.isfinite(value) else "–"


SENSITIVITY_COLUMNS = [
    "series",
    "b",
    "n_points",
    "alpha_min",
    "alpha_max",
    "alpha_star",
    "alpha_star_stderr",
    "z",
    "z_stderr",
    "redchi",
]


def fit_range_sensitivity(taus: pd.DataFrame, min_points: int) -> pd.DataFrame:
    """alpha* and z when only the k alphas closest to the threshold are fitted, for every
    k >= min_points: how much the answer depends on the fit range (far from alpha* the
    power law need not hold)."""
    rows = []
    for series, group in taus.groupby("series", sort=True):
        ok = group[~group["censored"].astype(bool)]
        xs, ys, se, count = aggregate_seeds(ok["alpha"], ok["tau"])
        for k in range(min_points, len(xs) + 1):
            fit = fit_power_law(xs[:k], ys[:k], _weights(se[:k], count[:k]))
            rows.append(
                {
                    "series": series,
                    "b": float(group["b"].iloc[0]),
                    "n_points": k,
                    "alpha_min": float(xs[0]),
                    "alpha_max": float(xs[k - 1]),
                    "alpha_star": fit.alpha_star,
                    "alpha_star_stderr": fit.alpha_star_stderr,
                    "z": fit.z,
                    "z_stderr": fit.z_stderr,
                    "redchi": fit.redchi,
                }
            )
    return pd.DataFrame(rows, columns=SENSITIVITY_COLUMNS)
