"""Wall time, peak memory and memory bandwidth of integrate_dmft.

    python benchmarks/bench_dmft.py            # all cases (~6 min on 2 cores)
    python benchmarks/bench_dmft.py --quick    # small T only

Each case runs in a fresh subprocess (so ru_maxrss is that case's peak), after a tiny
warm-up integration that loads the compiled kernels from numba's cache (compilation is not
timed).  alpha = 1.5 (no recovery), early stop off: every case integrates all T steps.

Bandwidth: one GD step t sweeps the packed lower triangles of C and R twice (16 bytes per
entry pair per sweep, t^2/2 entries), so a run moves about 16 T^3 / 3 bytes.  The reference
is a float64 matrix-vector product (numpy/OpenBLAS gemv on a 512 MB matrix), the textbook
memory-bound kernel, with 1 and 2 threads.  Writes benchmarks/results.md and results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

CASE_CODE = """
import json, resource, sys, time
sys.path.insert(0, {scripts!r})
from sgd_dmft import integrate_dmft
kw = json.loads({kw!r})
integrate_dmft(alpha=1.5, b=kw["b"], T=40, n_samples=50, threads=kw["threads"])  # load cache
start = time.perf_counter()
r = integrate_dmft(alpha=1.5, eta=0.1, m0=1e-4, C0=1.0, seed=0, **kw)
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"wall_s": wall, "peak_mb": peak, "steps": r.meta["steps"]}}))
"""

GEMV_CODE = """
import json, time
import numpy as np
A = np.random.default_rng(0).random((8192, 8192))
x = np.ones(8192)
A @ x
best = 1e9
for _ in range(5):
    t = time.perf_counter(); A @ x; best = min(best, time.perf_counter() - t)
print(json.dumps({"gb_s": A.nbytes / best / 1e9}))
"""


def run_python(code: str, threads: int) -> dict:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": str(threads), "NUMBA_NUM_THREADS": "2"}
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def case(b: float, T: int, n_samples: int, threads: int) -> dict:
    kw = {"b": b, "T": T, "n_samples": n_samples, "threads": threads}
    code = CASE_CODE.format(scripts=str(ROOT / "scripts"), kw=json.dumps(kw))
    result = run_python(code, 1)
    print(f"b={b} T={T} n={n_samples} threads={threads}: {result}", flush=True)
    return {**kw, **result}


def slope(xs, ys) -> float:
    return float(np.polyfit(np.log(xs), np.log(ys), 1)[0])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small T only")
    args = parser.parse_args()
    gd_T = [500, 1000, 2000] if args.quick else [1000, 2000, 4000, 6000]
    sgd_T = [500, 1000] if args.quick else [1000, 3000]

    gemv = {th: run_python(GEMV_CODE, th)["gb_s"] for th in (1, 2)}
    print("gemv GB/s:", gemv, flush=True)
    rows = [case(1.0, T, 1, 1) for T in gd_T]
    rows += [case(b, T, 1000, 2) for b in (0.1, 0.2) for T in sgd_T]
    for row in rows:
        if row["b"] == 1.0:
            row["gb_s"] = 16 * row["T"] ** 3 / 3 / row["wall_s"] / 1e9
    gd = [r for r in rows if r["b"] == 1.0]
    exponents = {"gd_all": slope([r["T"] for r in gd], [r["wall_s"] for r in gd])}
    big = [r for r in gd if r["T"] >= 2000]
    if len(big) >= 2:
        exponents["gd_T>=2000"] = slope([r["T"] for r in big], [r["wall_s"] for r in big])
    for b in (0.1, 0.2):
        sub = [r for r in rows if r["b"] == b]
        exponents[f"sgd_b{b}"] = slope([r["T"] for r in sub], [r["wall_s"] for r in sub])

    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores"
    lines = [
        "# integrate_dmft benchmark",
        "",
        f"Machine: {machine}; Python {platform.python_version()}; run "
        f"{time.strftime('%Y-%m-%d')} with `python benchmarks/bench_dmft.py"
        f"{' --quick' if args.quick else ''}`.",
        "alpha = 1.5 (no recovery), eta = 0.1, early stop off; GD uses 1 thread, SGD 2.",
        "",
        "| b | T | n_samples | threads | wall (s) | peak memory (MB) | achieved GB/s |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        bw = f"{r['gb_s']:.1f}" if "gb_s" in r else "–"
        lines.append(
            f"| {r['b']:g} | {r['T']} | {r['n_samples'] if r['b'] < 1 else '–'} | "
            f"{r['threads']} | {r['wall_s']:.2f} | {r['peak_mb']:.0f} | {bw} |"
        )
    lines += [
        "",
        "Fitted exponent of wall time against T (log-log slope): "
        + ", ".join(f"{k}: {v:.2f}" for k, v in exponents.items()),
        "",
        f"Reference bandwidth, float64 gemv on a 512 MB matrix: {gemv[1]:.1f} GB/s (1 thread), "
        f"{gemv[2]:.1f} GB/s (2 threads).  GD moves about 16 T^3/3 bytes (two sweeps over the "
        "packed C and R per step).",
    ]
    (HERE / "results.md").write_text("\n".join(lines) + "\n")
    (HERE / "results.json").write_text(
        json.dumps({"rows": rows, "exponents": exponents, "gemv_gb_s": gemv}, indent=1)
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
