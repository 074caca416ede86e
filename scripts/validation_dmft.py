"""Rule validation_dmft: the DMFT of one validation set over several sigma-sample seeds."""

import numpy as np

from sgd_dmft import integrate_dmft
from sgd_dmft.rules import job_logging

with job_logging(snakemake.log[0]) as log:
    runs = [
        integrate_dmft(**snakemake.params.run, seed=seed, threads=snakemake.threads)
        for seed in range(snakemake.params.seeds)
    ]
    out = {"t": runs[0].t}
    for obs in ("m", "C_diag", "loss"):
        values = np.array([getattr(r, obs) for r in runs])
        out[f"{obs}_mean"] = values.mean(axis=0)
        out[f"{obs}_sd"] = values.std(axis=0, ddof=1) if len(runs) > 1 else 0 * values[0]
    np.savez(snakemake.output[0], **out)
    log.info("%d DMFT runs of %s", len(runs), snakemake.params.run)
