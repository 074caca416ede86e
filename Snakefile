# sgd-dmft: reproduce Kamali & Urbani, arXiv 2309.04788, from the discrete-time DMFT.
# integrate (alpha, b, seed) -> tau (Delta < threshold) -> lmfit power-law fits -> figures


configfile: "config/config.yaml"


include: "workflow/rules/common.smk"
include: "workflow/rules/integrate.smk"
include: "workflow/rules/tau.smk"
include: "workflow/rules/fit.smk"
include: "workflow/rules/figures.smk"
include: "workflow/rules/validation.smk"
include: "workflow/rules/costs.smk"


rule all:
    default_target: True
    input:
        "results/tau.csv",
        "results/fits.csv",
        "results/thresholds.md",
        "results/fit_sensitivity.csv",
        "results/costs.csv",
        FIGURES,
