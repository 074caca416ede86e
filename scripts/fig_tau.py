"""Rule fig_tau: Fig. 2, tau(alpha) per series."""

import pandas as pd

from sgd_dmft.plotting import figure_tau
from sgd_dmft.rules import job_logging

with job_logging(snakemake.log[0]):
    taus = pd.read_csv(snakemake.input.tau)
    figure_tau(taus, snakemake.params.labels, snakemake.output.png[: -len(".png")])
