"""Rule fit: power-law fits of tau(alpha) per series -> fits.csv and thresholds.md."""

import pandas as pd

from sgd_dmft.fitting import fit_all, fit_range_sensitivity, thresholds_markdown
from sgd_dmft.rules import job_logging

with job_logging(snakemake.log[0]) as log:
    p = snakemake.params
    taus = pd.read_csv(snakemake.input[0])
    fits = fit_all(taus, p.min_points, p.n_bootstrap, p.bootstrap_seed, p.ranges)
    fits.to_csv(snakemake.output.fits, index=False)
    fit_range_sensitivity(taus, p.min_points).to_csv(snakemake.output.sensitivity, index=False)
    with open(snakemake.output.table, "w") as handle:
        handle.write(thresholds_markdown(fits, {float(b): a for b, a in p.paper.items()}))
    for _, row in fits.iterrows():
        log.info(
            "%s: alpha*=%s z=%s (%s)", row["series"], row["alpha_star"], row["z"], row["status"]
        )
