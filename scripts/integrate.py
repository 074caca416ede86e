"""Rule integrate: one DMFT integration (params.run are integrate_dmft's arguments)."""

import os

from sgd_dmft import integrate_dmft
from sgd_dmft.io import save_result
from sgd_dmft.rules import job_logging

with job_logging(snakemake.log[0]) as log:
    out = snakemake.output[0]
    checkpoint = out + ".checkpoint.npz"
    log.info("integrate_dmft(%s) with %d threads", snakemake.params.run, snakemake.threads)
    result = integrate_dmft(
        **snakemake.params.run, threads=snakemake.threads, checkpoint=checkpoint
    )
    save_result(out, result, extra={"series": snakemake.params.series})
    if os.path.exists(checkpoint):
        os.remove(checkpoint)
    log.info(
        "%d steps, t_hit=%d, %.1f s",
        result.meta["steps"],
        result.meta["t_hit"],
        result.meta["wall_time_s"],
    )
