"""DMFT against finite-N simulation: z-scores and the validation figure."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .plotting import STYLE, plt, save_figure

OBSERVABLES = {"m": "$m(t)$", "C_diag": "$C(t,t)$", "loss": "$e(t)$"}
COMPARE_TIMES = (1, 2, 5, 10, 20, 50, 100, 150, 200, 300, 400, 600)


def comparison_table(dmft: dict, sims: dict) -> pd.DataFrame:
    """Per (set, N, observable): max over COMPARE_TIMES of |z|, with
    z = (DMFT - sim mean) / sqrt(SE_sim^2 + SD_dmft^2), and the max |DMFT - sim|."""
    rows = []
    for (vset, N), sim in sorted(sims.items()):
        ref = dmft[vset]
        T = len(sim["t"]) - 1
        times = [t for t in COMPARE_TIMES if t <= T]
        for obs in OBSERVABLES:
            diff = ref[f"{obs}_mean"][times] - sim[f"{obs}_mean"][times]
            sigma = np.hypot(sim[f"{obs}_se"][times], ref[f"{obs}_sd"][times])
            z = np.where(np.abs(diff) < 5e-4, 0.0, diff / np.maximum(sigma, 1e-300))
            rows.append({"set": vset, "N": N, "observable": obs, "times": len(times),
                         "max_abs_diff": float(np.abs(diff).max()),
                         "max_abs_z": float(np.abs(z).max())})  # fmt: skip
    return pd.DataFrame(rows)


def figure_validation(dmft: dict, sims: dict, stem):
    """One row per set, one column per observable: DMFT line, simulation mean +- 2 SE."""
    sets = sorted(dmft)
    sizes = sorted({N for _, N in sims})
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(len(sets), 3, figsize=(9.5, 2.4 * len(sets)), squeeze=False)
        for row, vset in zip(axes, sets, strict=True):
            ref = dmft[vset]
            for ax, (obs, label) in zip(row, OBSERVABLES.items(), strict=True):
                t = np.maximum(ref["t"], 0.5)
                ax.plot(t, ref[f"{obs}_mean"], "k-", lw=1.2, label="DMFT")
                for (v, N), sim in sorted(sims.items()):
                    if v != vset:
                        continue
                    color = f"C{sizes.index(N)}"
                    mean, se = sim[f"{obs}_mean"], sim[f"{obs}_se"]
                    ts = np.maximum(sim["t"], 0.5)
                    ax.fill_between(ts, mean - 2 * se, mean + 2 * se, color=color, alpha=0.3,
                                    lw=0, label=f"sim $N={N}$ (±2 SE)")  # fmt: skip
                ax.set_xscale("log")
                ax.set_ylabel(label)
                ax.set_title(vset, fontsize=8)
            row[0].legend(frameon=False, fontsize=7)
        for ax in axes[-1]:
            ax.set_xlabel("$t$")
        fig.tight_layout()
        return save_figure(fig, stem)
