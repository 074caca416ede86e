rule fig_magnetization:
    """Fig. 1: m(t) for GD and SGD at decreasing alpha."""
    input:
        runs=[run_file(*run) for run in magnetization_runs()],
    output:
        png=report(
            "results/figures/fig1_magnetization.png",
            caption="../report/fig1.rst",
            category="Figures",
        ),
        pdf="results/figures/fig1_magnetization.pdf",
    log:
        "logs/figures/fig1_magnetization.log",
    localrule: True
    conda:
        "../../envs/figures.yaml"
    params:
        series=[series for series, _, _ in magnetization_runs()],
        labels=series_labels(),
    script:
        "../../scripts/fig_magnetization.py"


rule fig_tau:
    """Fig. 2: tau(alpha) per series, censored runs as lower bounds."""
    input:
        tau="results/tau.csv",
    output:
        png=report(
            "results/figures/fig2_tau_vs_alpha.png",
            caption="../report/fig2.rst",
            category="Figures",
        ),
        pdf="results/figures/fig2_tau_vs_alpha.pdf",
    log:
        "logs/figures/fig2_tau_vs_alpha.log",
    localrule: True
    conda:
        "../../envs/figures.yaml"
    params:
        labels=series_labels(),
    script:
        "../../scripts/fig_tau.py"


rule fig_powerlaw:
    """Fig. 3: tau against alpha - alpha*(b) with the fitted power laws."""
    input:
        tau="results/tau.csv",
        fits="results/fits.csv",
    output:
        png=report(
            "results/figures/fig3_powerlaw_fit.png",
            caption="../report/fig3.rst",
            category="Figures",
        ),
        pdf="results/figures/fig3_powerlaw_fit.pdf",
    log:
        "logs/figures/fig3_powerlaw_fit.log",
    localrule: True
    conda:
        "../../envs/figures.yaml"
    params:
        labels=series_labels(),
    script:
        "../../scripts/fig_powerlaw.py"


rule fig_threshold_curve:
    """Fig. 4: the threshold curve alpha*(b) with intervals, beside the paper's values."""
    input:
        fits="results/fits.csv",
    output:
        png=report(
            "results/figures/fig4_threshold_curve.png",
            caption="../report/fig4.rst",
            category="Figures",
        ),
        pdf="results/figures/fig4_threshold_curve.pdf",
    log:
        "logs/figures/fig4_threshold_curve.log",
    localrule: True
    conda:
        "../../envs/figures.yaml"
    params:
        paper=PAPER_THRESHOLDS,
    script:
        "../../scripts/fig_threshold_curve.py"


rule fig_n_convergence:
    """Fig. 5: tau(alpha) for the same b at different n_samples (the paper's Fig. 2 check)."""
    input:
        tau="results/tau.csv",
    output:
        png=report(
            "results/figures/fig5_n_samples_convergence.png",
            caption="../report/fig5.rst",
            category="Figures",
        ),
        pdf="results/figures/fig5_n_samples_convergence.pdf",
    log:
        "logs/figures/fig5_n_samples_convergence.log",
    localrule: True
    conda:
        "../../envs/figures.yaml"
    params:
        labels=series_labels(),
    script:
        "../../scripts/fig_n_convergence.py"
