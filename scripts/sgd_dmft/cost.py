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


def packed_size(T: int) -> int:
    """Number of entries of a packed lower-triangular (T+1) x (T+1) array."""
    return (T + 1) * (T + 2) // 2


def list_capacity(T: int, b: float) -> int:
    """Initial capacity of a sample's selected-time list (grown on demand): the mean b (T+1)
    plus eight standard deviations."""
    mean = b * (T + 1)
    return int(min(T + 1, mean + 8 * math.sqrt(mean + 1) + 16))


def memory_estimate_bytes(T: int, b: float, n_samples: int) -> int:
    """Peak memory of integrate_dmft: packed C and R (rows 0..T+1), the per-sample
    selected-time lists (int32) and the workspace of the selected samples (4 float64 rows)."""
    two_time = 2 * 8 * packed_size(T + 1)
    if b >= 1.0:
        return two_time + 4 * 8 * (T + 2) + (1 << 20)
    cap = list_capacity(T, b)
    n_active = min(n_samples, int(n_samples * b + 6 * math.sqrt(n_samples * b) + 8))
    return two_time + 4 * n_samples * cap + 4 * 8 * n_active * cap + (1 << 20)


def memory_request_mb(T: int, b: float, n_samples: int) -> int:
    """Cluster memory request: ``memory_estimate_bytes`` + 20 %, plus 600 MB for Python,
    numpy and numba."""
    return math.ceil(1.2 * memory_estimate_bytes(T, b, n_samples) / 2**20) + 600


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
