rule fit:
    """lmfit power-law fits tau = tau0 (alpha - alpha*)^-z per series, with bootstrap CIs."""
    input:
        "results/tau.csv",
    output:
        fits="results/fits.csv",
        sensitivity="results/fit_sensitivity.csv",
        table=report(
            "results/thresholds.md",
            caption="../report/thresholds.rst",
            category="Fits",
        ),
    log:
        "logs/fit.log",
    localrule: True
    conda:
        "../../envs/fit.yaml"
    params:
        min_points=config["fit"]["min_points"],
        n_bootstrap=config["fit"]["n_bootstrap"],
        bootstrap_seed=config["fit"]["bootstrap_seed"],
        ranges=fit_ranges(),
        paper=PAPER_THRESHOLDS,
    script:
        "../../scripts/fit.py"
