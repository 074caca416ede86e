"""Rule validation_report: z-scores of DMFT against simulation, and the validation figure."""

import numpy as np

from sgd_dmft.rules import job_logging
from sgd_dmft.validation import comparison_table, figure_validation

with job_logging(snakemake.log[0]) as log:
    dmft = {
        v: dict(np.load(path))
        for v, path in zip(snakemake.params.sets, snakemake.input.dmft, strict=True)
    }
    sims = {
        (v, int(n)): dict(np.load(path))
        for (v, n), path in zip(snakemake.params.sims, snakemake.input.sims, strict=True)
    }
    table = comparison_table(dmft, sims)
    table.to_csv(snakemake.output.table, index=False)
    figure_validation(dmft, sims, snakemake.output.png[: -len(".png")])
    log.info("max |z| per set and N:\n%s", table.groupby(["set", "N"])["max_abs_z"].max())
