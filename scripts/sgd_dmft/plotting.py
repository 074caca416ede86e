"""Figures in the spirit of the paper's Figs. 1-3 (matplotlib, Agg backend, print-readable)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

STYLE = {
    "font.size": 10,
    "axes.labelsize": 11,
    "legend.fontsize": 8,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "savefig.dpi": 200,
}


def save_figure(fig, stem: str | Path) -> list[Path]:
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = [stem.with_suffix(".png"), stem.with_suffix(".pdf")]
    for path in paths:
        fig.savefig(
            path,
            bbox_inches="tight",
            metadata={"CreationDate": None} if path.suffix == ".pdf" else None,
        )
    plt.close(fig)
    return paths


def figure_magnetization(
    curves: dict[str, list[tuple[float, np.ndarray, np.ndarray]]], labels: dict[str, str], stem
) -> list[Path]:
    """Fig. 1: m(t) against t (log axis), one panel per series, one curve per alpha."""
    with plt.rc_context(STYLE):
        n = max(len(curves), 1)
        fig, axes = plt.subplots(1, n, figsize=(3.4 * n, 3.0), sharey=True, squeeze=False)
        for ax, (series, runs) in zip(axes[0], curves.items(), strict=True):
            cmap = plt.get_cmap("viridis")
            runs = sorted(runs, key=lambda r: r[0])
            for i, (alpha, t, m) in enumerate(runs):
                color = cmap(i / max(len(runs) - 1, 1))
                ax.plot(np.maximum(t, 1), m, color=color, lw=1.2, label=rf"$\alpha={alpha:g}$")
            ax.set_xscale("log")
            ax.set_xlabel("$t$")
            ax.set_title(labels[series])
            ax.legend(loc="upper left", frameon=False)
        axes[0][0].set_ylabel("$m(t)$")
        fig.tight_layout()
        return save_figure(fig, stem)


def figure_tau(taus: pd.DataFrame, labels: dict[str, str], stem) -> list[Path]:
    """Fig. 2: tau(alpha) per series (log y); censored runs drawn as lower bounds (open ^)."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(4.6, 3.4))
        for i, (series, group) in enumerate(taus.groupby("series", sort=True)):
            color = f"C{i}"
            ok = group[~group["censored"].astype(bool)]
            agg = ok.groupby("alpha")["tau"].agg(["mean", "min", "max"]).reset_index()
            ax.errorbar(
                agg["alpha"],
                agg["mean"],
                yerr=[agg["mean"] - agg["min"], agg["max"] - agg["mean"]],
                fmt="o-",
                ms=4,
                color=color,
                capsize=2,
                label=labels[series],
            )
            cens = group[group["censored"].astype(bool)]
            if len(cens):
                ax.plot(cens["alpha"], cens["tau_lower_bound"], "^", mfc="none", color=color, ms=6)
        ax.set_yscale("log")
        ax.set_xlabel(r"$\alpha$")
        ax.set_ylabel(r"$\tau(b)$")
        ax.legend(
            frameon=False, title=r"open $\triangle$: $\tau$ > $T$ (censored)", title_fontsize=7
        )
        fig.tight_layout()
        return save_figure(fig, stem)


def figure_powerlaw(
    taus: pd.DataFrame, fits: pd.DataFrame, labels: dict[str, str], stem
) -> list[Path]:
    """Fig. 3: tau against alpha - alpha*(b) (log-log) with the fitted power law (eq. 12)."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(4.6, 3.4))
        for i, (_, fit) in enumerate(fits.iterrows()):
            color = f"C{i}"
            series = fit["series"]
            if not np.isfinite(fit["alpha_star"]):
                continue
            group = taus[(taus["series"] == series) & ~taus["censored"].astype(bool)]
            agg = group.groupby("alpha")["tau"].mean().reset_index()
            x = agg["alpha"] - fit["alpha_star"]
            ax.plot(x, agg["tau"], "o", color=color, ms=4, label=labels[series])
            xs = np.geomspace(max(x.min(), 1e-4) / 1.5, x.max() * 1.5, 100)
            ax.plot(
                xs,
                fit["tau0"] * xs ** (-fit["z"]),
                "-",
                color=color,
                lw=1,
                label=rf"fit: $\alpha^*={fit['alpha_star']:.3f}$, $z={fit['z']:.2f}$",
            )
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(r"$\alpha-\alpha^*(b)$")
        ax.set_ylabel(r"$\tau(b)$")
        ax.legend(frameon=False, fontsize=7)
        fig.tight_layout()
        return save_figure(fig, stem)


def figure_threshold_curve(fits: pd.DataFrame, paper: dict[float, float], stem) -> list[Path]:
    """alpha*(b) with 95% bootstrap intervals (lmfit stderr where no interval), one marker
    per n_samples, and the paper's three values."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(4.6, 3.4))
        ok = fits[np.isfinite(fits["alpha_star"])]
        for i, (n, group) in enumerate(ok.groupby("n_samples", sort=True)):
            group = group.sort_values("b")
            low = np.where(
                np.isfinite(group["alpha_star_ci_low"]),
                group["alpha_star_ci_low"],
                group["alpha_star"] - 2 * group["alpha_star_stderr"],
            )
            high = np.where(
                np.isfinite(group["alpha_star_ci_high"]),
                group["alpha_star_ci_high"],
                group["alpha_star"] + 2 * group["alpha_star_stderr"],
            )
            label = "GD" if (group["b"] >= 1).all() else f"this work, $n={n}$"
            ax.errorbar(
                group["b"],
                group["alpha_star"],
                yerr=[group["alpha_star"] - low, high - group["alpha_star"]],
                fmt="os^vD"[i % 5],
                color=f"C{i}",
                capsize=3,
                ms=5,
                label=label,
            )
        if paper:
            bs = sorted(paper)
            ax.plot(bs, [paper[b] for b in bs], "kx", ms=7, label="paper (Fig. 3)")
        ax.set_xscale("log")
        ax.set_xlabel("batch fraction $b$")
        ax.set_ylabel(r"recovery threshold $\alpha^*(b)$")
        ax.legend(frameon=False, fontsize=7)
        fig.tight_layout()
        return save_figure(fig, stem)


def figure_n_convergence(taus: pd.DataFrame, labels: dict[str, str], stem) -> list[Path]:
    """For every b with series of different n_samples: tau(alpha) per n (top) and the
    relative difference to the largest n (bottom): the paper's Fig. 2 check."""
    with plt.rc_context(STYLE):
        fig, (top, bottom) = plt.subplots(
            2, 1, figsize=(4.6, 4.6), sharex=True, gridspec_kw={"height_ratios": [2, 1]}
        )
        ok = taus[~taus["censored"].astype(bool)]
        drawn = 0
        for _, group in ok.groupby("b", sort=True):
            if group["n_samples"].nunique() < 2:
                continue
            means = group.groupby(["n_samples", "series", "alpha"])["tau"].mean().reset_index()
            n_ref = means["n_samples"].max()
            ref = means[means["n_samples"] == n_ref].set_index("alpha")["tau"]
            for _, sub in means.groupby(["n_samples", "series"], sort=True):
                series = sub["series"].iloc[0]
                top.plot(
                    sub["alpha"],
                    sub["tau"],
                    "o-",
                    ms=4,
                    color=f"C{drawn}",
                    label=labels.get(series, series),
                )
                common = sub[sub["alpha"].isin(ref.index)]
                rel = common["tau"].to_numpy() / ref[common["alpha"]].to_numpy() - 1
                bottom.plot(common["alpha"], 100 * rel, "o-", ms=4, color=f"C{drawn}")
                drawn += 1
        top.set_yscale("log")
        top.set_ylabel(r"$\tau$")
        top.legend(frameon=False, fontsize=7)
        bottom.axhline(0, color="k", lw=0.8)
        bottom.set_ylabel(r"$\tau/\tau_{n_{\max}}-1$ (%)")
        bottom.set_xlabel(r"$\alpha$")
        if not drawn:
            top.text(0.5, 0.5, "no b with several n_samples", transform=top.transAxes, ha="center")
        fig.tight_layout()
        return save_figure(fig, stem)
