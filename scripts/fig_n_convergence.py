"""Rule fig_n_convergence: Fig. 5, tau at different n_samples for the same b."""

import pandas as pd

from sgd_dmft.plotting import figure_n_convergence
from sgd_dmft.rules import job_logging

with job_logging(snakemake.log[0]):
    taus = pd.read_csv(snakemake.input.tau)
    figure_n_convergence(taus, snakemake.params.labels, snakemake.output.png[: -len(".png")])
