"""Rule fig_magnetization: Fig. 1, m(t) per series and alpha."""

from sgd_dmft.io import load_result
from sgd_dmft.plotting import figure_magnetization
from sgd_dmft.rules import job_logging

with job_logging(snakemake.log[0]):
    curves = {}
    for series, path in zip(snakemake.params.series, snakemake.input.runs, strict=True):
        arrays, meta = load_result(path)
        curves.setdefault(series, []).append((meta["params"]["alpha"], arrays["t"], arrays["m"]))
    figure_magnetization(curves, snakemake.params.labels, snakemake.output.png[: -len(".png")])
