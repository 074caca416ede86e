"""Precompute the finite-N simulation ensembles that the DMFT is tested against.

    PYTHONPATH=scripts python tests/reference/make_simulation_reference.py

Writes tests/reference/simulation_reference.npz: for each parameter set and N, the mean and
standard error (std ddof=1 / sqrt(n)) over independent realisations of m(t), C(t,t) and the
loss per sample e(t), t = 0..T.  Realisation r of a set uses seed 1000 * set_index + r.
"""

import time
from pathlib import Path

import numpy as np

from sgd_dmft.simulate import simulate_ensemble

ETA, C0 = 0.1, 1.0
#: (name, alpha, b, m0, T, null_model, {N: realisations})
SETS = [
    ("gd_a4_m0.3", 4.0, 1.0, 0.3, 100, False, {128: 48, 256: 32, 512: 12}),
    ("sgd_a4_b0.3_m0.3", 4.0, 0.3, 0.3, 100, False, {128: 48, 256: 32, 512: 12}),
    ("sgd_a3_b0.1_m0.3", 3.0, 0.1, 0.3, 150, False, {128: 48, 256: 32, 512: 12}),
    ("null_gd_a2", 2.0, 1.0, 0.0, 300, True, {128: 48, 256: 32}),
    ("null_sgd_a2_b0.2", 2.0, 0.2, 0.0, 300, True, {128: 48, 256: 32}),
]


OUTPUT = Path(__file__).with_name("simulation_reference.npz")


def main(path=OUTPUT):
    out = {}
    for index, (name, alpha, b, m0, T, null, sizes) in enumerate(SETS):
        for N, n_real in sizes.items():
            start = time.perf_counter()
            ens = simulate_ensemble(
                n_real,
                seed=1000 * index,
                N=N,
                alpha=alpha,
                b=b,
                eta=ETA,
                m0=m0,
                C0=C0,
                T=T,
                null_model=null,
            )
            key = f"{name}_N{N}"
            for field, values in ens.items():
                if field != "t":
                    out[f"{key}/{field}"] = values
            out[f"{key}/params"] = np.array([alpha, b, m0, T, float(null), N, n_real, ETA, C0])
            print(f"{key}: {n_real} runs in {time.perf_counter() - start:.1f} s", flush=True)
    np.savez_compressed(path, **out)


if __name__ == "__main__":
    main()
