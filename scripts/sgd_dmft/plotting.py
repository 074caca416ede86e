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


def default_label(b: float, n_samples: int) -> str:
    """'GD' for b = 1, else 'SGD b=..., n=...' (n = number of sigma samples of the DMFT)."""
    return "GD ($b=1$)" if b >= 1 else f"SGD $b={b:g}$, $n={n_samples}$"


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
