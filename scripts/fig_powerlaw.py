"""Rule fig_powerlaw: Fig. 3, tau against alpha - alpha*(b) with the fits."""

import pandas as pd

from sgd_dmft.plotting import figure_powerlaw
from sgd_dmft.rules import job_logging

with job_logging(snakemake.log[0]):
    taus = pd.read_csv(snakemake.input.tau)
    fits = pd.read_csv(snakemake.input.fits)
    figure_powerlaw(taus, fits, snakemake.params.labels, snakemake.output.png[: -len(".png")])
