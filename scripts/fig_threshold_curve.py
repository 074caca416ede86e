"""Rule fig_threshold_curve: Fig. 4, alpha*(b) from fits.csv."""

import pandas as pd

from sgd_dmft.plotting import figure_threshold_curve
from sgd_dmft.rules import job_logging

with job_logging(snakemake.log[0]):
    fits = pd.read_csv(snakemake.input.fits)
    paper = {float(b): a for b, a in snakemake.params.paper.items()}
    figure_threshold_curve(fits, paper, snakemake.output.png[: -len(".png")])
