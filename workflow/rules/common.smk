# Helpers shared by the rules: config validation, wildcard constraints, the (series, alpha,
# seed) run table, input functions and parameter builders.  Every config value a rule uses
# reaches it through `params:` built here, so Snakemake's params trigger reruns exactly
# what a config edit touches.

import sys
from pathlib import Path

from snakemake.utils import min_version, validate

min_version("9.0")

validate(config, schema="../schemas/config.schema.yaml")

# The shared library: importable here (resource estimates) and, via `script:`, in every job.
LIBRARY = Path(workflow.basedir) / "scripts"
sys.path.insert(0, str(LIBRARY))
from sgd_dmft.cost import memory_request_mb, runtime_request_min  # noqa: E402

ALPHA_PATTERN = r"[0-9]+(\.[0-9]+)?"
# library modules whose edits change integration results (declared as input: mtime trigger)
DMFT_SOURCES = [
    str(LIBRARY / "sgd_dmft" / name) for name in ("_kernels.py", "dmft.py", "params.py")
]
PAPER_THRESHOLDS = {0.1: 1.84, 0.2: 2.26, 1.0: 2.28}  # arXiv 2309.04788, Fig. 3


def fmt_alpha(alpha):
    """Canonical alpha in file names: shortest decimal form, e.g. 2.25 -> '2.25', 3.0 -> '3'."""
    text = format(float(alpha), ".10g")
    if "e" in text or float(text) != float(alpha):
        raise ValueError(f"alpha={alpha!r}: use a plain decimal with at most 10 digits")
    return text


def _check_config():
    dmft, tau = config["dmft"], config["tau"]
    if tau["threshold"] < dmft["stop_delta"]:
        raise ValueError(
            f"config: tau.threshold={tau['threshold']} is below dmft.stop_delta="
            f"{dmft['stop_delta']}: runs stop before Delta reaches the threshold"
        )
    for name, series in config["series"].items():
        for alpha in series["alphas"]:
            fmt_alpha(alpha)
        if dmft["m0"] ** 2 >= dmft["C0"]:
            raise ValueError("config: dmft.C0 must exceed dmft.m0^2")
    for name in config["figures"]["magnetization_series"]:
        if name not in config["series"]:
            raise ValueError(
                f"config: figures.magnetization_series names unknown series {name!r}"
            )


_check_config()

SERIES = config["series"]
RUNS = [
    (name, fmt_alpha(alpha), int(seed))
    for name in sorted(SERIES)
    for alpha in sorted(SERIES[name]["alphas"])
    for seed in sorted(SERIES[name]["seeds"])
]


wildcard_constraints:
    series="|".join(sorted(SERIES)),
    alpha=ALPHA_PATTERN,
    seed=r"[0-9]+",
    vset=r"[A-Za-z][A-Za-z0-9_.-]*",
    N=r"[0-9]+",


def run_file(series, alpha, seed):
    return f"results/dmft/{series}/alpha{alpha}_seed{seed}.npz"


def all_run_files():
    return [run_file(*run) for run in RUNS]


def series_config(wildcards):
    return SERIES[wildcards.series]


def integrate_params(wildcards):
    """All arguments of integrate_dmft for one job (ordered; n_samples is moot for GD)."""
    series, dmft = series_config(wildcards), config["dmft"]
    b = float(series["b"])
    return {
        "alpha": float(wildcards.alpha),
        "b": b,
        "eta": float(dmft["eta"]),
        "m0": float(dmft["m0"]),
        "C0": float(dmft["C0"]),
        "T": int(series["T"]),
        "n_samples": int(series["n_samples"]) if b < 1 else 1,
        "seed": int(wildcards.seed),
        "stop_delta": float(dmft["stop_delta"]),
        "stop_extra_steps": int(dmft["stop_extra_steps"]),
    }


def integrate_threads(wildcards):
    """The GD kernel is serial; the sampled SGD kernels use prange over sample groups."""
    return (
        1
        if float(series_config(wildcards)["b"]) >= 1
        else int(config["dmft"]["threads"])
    )


def _cost_args(wildcards):
    p = integrate_params(wildcards)
    return p["T"], p["b"], p["n_samples"]


def integrate_runtime(wildcards, threads):
    return runtime_request_min(*_cost_args(wildcards), threads=threads)


def integrate_mem_mb(wildcards):
    return memory_request_mb(*_cost_args(wildcards))


def series_labels():
    """Legend label of each series: its `label` or one built from b and n_samples."""
    labels = {}
    for name in sorted(SERIES):
        s = SERIES[name]
        if "label" in s:
            labels[name] = s["label"]
        elif float(s["b"]) >= 1:
            labels[name] = "GD ($b=1$)"
        else:
            labels[name] = f"SGD $b={float(s['b']):g}$, $n={int(s['n_samples'])}$"
    return labels


def fit_ranges():
    return {
        name: [float(x) for x in SERIES[name]["fit_alpha_range"]]
        for name in sorted(SERIES)
        if "fit_alpha_range" in SERIES[name]
    }


def magnetization_runs():
    """(series, alpha, seed) of the curves in Fig. 1: the first seed of each alpha."""
    chosen = config["figures"]["magnetization_series"] or sorted(SERIES)
    return [
        (name, fmt_alpha(alpha), int(min(SERIES[name]["seeds"])))
        for name in chosen
        for alpha in sorted(SERIES[name]["alphas"])
    ]


FIGURE_NAMES = [
    "fig1_magnetization",
    "fig2_tau_vs_alpha",
    "fig3_powerlaw_fit",
    "fig4_threshold_curve",
    "fig5_n_samples_convergence",
]
FIGURES = [
    f"results/figures/{name}.{ext}" for name in FIGURE_NAMES for ext in ("png", "pdf")
]


# --- validation target (optional config section `validation`) ---------------------------

VALIDATION = config.get("validation", {"sets": {}, "N": []})
VALIDATION_SETS = sorted(VALIDATION["sets"])
VALIDATION_RUNS = [
    (v, int(n)) for v in VALIDATION_SETS for n in sorted(VALIDATION["N"])
]


def simulate_params(wildcards):
    """Arguments of simulate_ensemble: the set's alpha, b, m0, T with dmft.eta and dmft.C0;
    seeds 1000 * (index of N) + r, so that every (set, N) ensemble is independent."""
    vset, dmft = VALIDATION["sets"][wildcards.vset], config["dmft"]
    N = int(wildcards.N)
    return {
        "n_realisations": int(VALIDATION["realizations"]),
        "seed": 1000 * sorted(VALIDATION["N"]).index(N),
        "N": N,
        "alpha": float(vset["alpha"]),
        "b": float(vset["b"]),
        "eta": float(dmft["eta"]),
        "m0": float(vset["m0"]),
        "C0": float(dmft["C0"]),
        "T": int(vset["T"]),
        "null_model": bool(vset.get("null_model", False)),
    }


def simulate_runtime(wildcards):
    p = simulate_params(wildcards)
    flops = 2 * p["n_realisations"] * p["T"] * p["alpha"] * p["N"] ** 3
    return max(5, int(3 * flops / 2e9 / 60) + 2)


def simulate_mem_mb(wildcards):
    p = simulate_params(wildcards)
    return int(4 * p["alpha"] * p["N"] ** 3 / 2**20 * 1.2) + 600


def validation_dmft_params(wildcards):
    vset, dmft = VALIDATION["sets"][wildcards.vset], config["dmft"]
    b = float(vset["b"])
    return {
        "alpha": float(vset["alpha"]),
        "b": b,
        "eta": float(dmft["eta"]),
        "m0": 0.0 if vset.get("null_model", False) else float(vset["m0"]),
        "C0": float(dmft["C0"]),
        "T": int(vset["T"]),
        "n_samples": int(VALIDATION["n_samples"]) if b < 1 else 1,
    }
