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
