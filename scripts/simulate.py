"""Rule simulate: a finite-N simulation ensemble (mean and standard error per time)."""

import numpy as np

from sgd_dmft.rules import job_logging
from sgd_dmft.simulate import simulate_ensemble

with job_logging(snakemake.log[0]) as log:
    log.info("simulate_ensemble(%s)", snakemake.params.run)
    ensemble = simulate_ensemble(**snakemake.params.run)
    np.savez(snakemake.output[0], **ensemble)
