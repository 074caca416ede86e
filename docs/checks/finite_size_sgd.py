"""Is the DMFT ahead of the simulation for SGD at t ~ 10, or is it finite N?

    PYTHONPATH=scripts python docs/checks/finite_size_sgd.py > docs/checks/finite_size_sgd.md

The stored reference ensembles (tests/reference) show, for SGD b = 0.3, alpha = 4,
m0 = 0.3, the DMFT m(10) about 0.012 above the simulated mean at N = 128, 256 and 512
(z ~ 2-3 each).  Here: many short realisations (T = 20) at three N, and the DMFT at large
n_samples, to see whether the gap shrinks with N (finite size) or stays (a missing term).
"""

import time

import numpy as np

from sgd_dmft import integrate_dmft
from sgd_dmft.simulate import simulate_ensemble

ALPHA, B, M0, T, ETA = 4.0, 0.3, 0.3, 20, 0.1
SIZES = {128: 400, 256: 160, 512: 48}
TIMES = [2, 5, 10, 15, 20]


def main():
    dmft = [
        integrate_dmft(alpha=ALPHA, b=B, eta=ETA, m0=M0, T=T, n_samples=16000, seed=s)
        for s in range(4)
    ]
    dm = np.mean([r.m for r in dmft], axis=0)
    dsd = np.std([r.m for r in dmft], axis=0, ddof=1)
    print(f"# SGD b={B}, alpha={ALPHA}, m0={M0}: DMFT (n=16000, 4 seeds) vs simulation\n")
    print("| N | realisations | " + " | ".join(f"m({t}) sim - DMFT (z)" for t in TIMES) + " |")
    print("|---|---|" + "---|" * len(TIMES))
    print("| DMFT | – | " + " | ".join(f"{dm[t]:.4f} ± {dsd[t]:.4f}" for t in TIMES) + " |")
    for N, n in SIZES.items():
        start = time.perf_counter()
        ens = simulate_ensemble(n, seed=77_000 + N, N=N, alpha=ALPHA, b=B, eta=ETA, m0=M0, T=T)
        cells = []
        for t in TIMES:
            d = ens["m_mean"][t] - dm[t]
            z = d / np.hypot(ens["m_se"][t], dsd[t])
            cells.append(f"{d:+.4f} ({z:+.1f})")
        print(
            f"| {N} | {n} | "
            + " | ".join(cells)
            + f" |  <!-- {time.perf_counter() - start:.0f} s -->",
            flush=True,
        )


if __name__ == "__main__":
    main()
