"""Resource estimates for cluster requests (no numba import: used while Snakemake parses).

Measured on a 2-core Xeon (benchmarks/README.md): GD costs about ``GD_S_PER_T3 * T^3``
seconds (one thread); the sampled kernels of SGD add about ``SGD_S_PER_NB3T3 * n b^3 T^3``
per thread-parallel pass.  Requests carry a safety factor: a cluster kills jobs that
overrun, while an early-stopped run only finishes sooner.
"""

from __future__ import annotations

import math

GD_S_PER_T3 = 6e-10
SGD_S_PER_NB3T3 = 4e-10
SAFETY = 3.0


def runtime_estimate_s(T: int, b: float, n_samples: int, threads: int = 1) -> float:
    """Expected wall time of a full-length integration (no early stop)."""
    effective = GD_S_PER_T3 * T**3
    sampled = 0.0 if b >= 1 else SGD_S_PER_NB3T3 * n_samples * b**3 * T**3 / max(threads, 1)
    return effective + sampled


def runtime_request_min(T: int, b: float, n_samples: int, threads: int = 1) -> int:
    """Cluster runtime request in minutes (with ``SAFETY`` margin, at least 5)."""
    return max(5, math.ceil(SAFETY * runtime_estimate_s(T, b, n_samples, threads) / 60) + 2)


def memory_request_mb(T: int, b: float, n_samples: int) -> int:
    """Cluster memory request: packed C and R (16 bytes x (T+2)^2 / 2), per-sample lists and
    workspace, plus 600 MB for Python, numpy and numba."""
    two_time = 16 * (T + 2) * (T + 3) / 2
    per_sample = 0.0
    if b < 1:
        cap = b * (T + 1) + 8 * math.sqrt(b * (T + 1) + 1) + 16
        per_sample = (
            4 * n_samples * cap
            + 32 * min(n_samples, n_samples * b + 6 * math.sqrt(n_samples * b) + 8) * cap
        )
    return math.ceil(1.2 * (two_time + per_sample) / 2**20) + 600


def estimate_config(config: dict) -> list[dict]:
    """Upper-bound cost of every series of a workflow config (all runs to full T)."""
    rows = []
    threads = int(config["dmft"]["threads"])
    for name, s in sorted(config["series"].items()):
        b, T, n = float(s["b"]), int(s["T"]), int(s["n_samples"]) if s["b"] < 1 else 1
        th = 1 if b >= 1 else threads
        jobs = len(s["alphas"]) * len(s["seeds"])
        wall = runtime_estimate_s(T, b, n, th)
        rows.append(
            {
                "series": name,
                "b": b,
                "T": T,
                "n_samples": n,
                "jobs": jobs,
                "threads": th,
                "wall_h_per_job": wall / 3600,
                "core_h": jobs * wall * th / 3600,
                "mem_mb_per_job": memory_request_mb(T, b, n),
            }
        )
    return rows


def main(argv=None) -> None:
    """python -m sgd_dmft.cost CONFIG.yaml: upper-bound cost table of a config."""
    import sys

    import yaml

    path = (argv or sys.argv[1:])[0]
    with open(path) as handle:
        rows = estimate_config(yaml.safe_load(handle))
    print(
        "| series | b | T | n_samples | jobs | threads | h per job (max) | core-h (max) | mem MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['series']} | {r['b']:g} | {r['T']} | {r['n_samples']} | {r['jobs']} | "
            f"{r['threads']} | {r['wall_h_per_job']:.2f} | {r['core_h']:.1f} | "
            f"{r['mem_mb_per_job']} |"
        )
    print(
        f"| total | | | | {sum(r['jobs'] for r in rows)} | | | "
        f"{sum(r['core_h'] for r in rows):.1f} | |"
    )


if __name__ == "__main__":
    main()
