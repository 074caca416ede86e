"""Upper-bound cost table of a workflow config: python -m sgd_dmft.cost_cli CONFIG.yaml"""

import sys

import yaml

from .cost import estimate_config


def main(argv=None) -> None:
    """Print the markdown cost table of the config file given on the command line."""
    path = (argv or sys.argv[1:])[0]
    with open(path) as handle:
        rows = estimate_config(yaml.safe_load(handle))
    print(
        "| series | b | T | n_samples | jobs | threads | h per job (max) | core-h (max) | mem MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['series']} | {r['b']:g} | {r['T']} | {r['n_samples']} | {r['jobs']} | "
            f"{r['threads']} | {r['wall_h_per_job']:.2f} | {r['core_h']:.1f} | "
            f"{r['mem_mb_per_job']} |"
        )
    print(
        f"| total | | | | {sum(r['jobs'] for r in rows)} | | | "
        f"{sum(r['core_h'] for r in rows):.1f} | |"
    )


if __name__ == "__main__":
    main()
