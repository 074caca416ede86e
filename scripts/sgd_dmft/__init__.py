"""sgd_dmft: discrete-time DMFT of (mini-batch) SGD on the rank-one quadratic sensing model
of Kamali & Urbani (arXiv 2309.04788), and a direct finite-N simulator of the same dynamics.

Public API: ``integrate_dmft``, ``simulate_sgd`` (imported lazily, so that light modules such
as ``sgd_dmft.cost`` load without numba).
"""

from .params import __version__, code_version

_LAZY = {
    "integrate_dmft": "dmft",
    "DMFTResult": "dmft",
    "DMFTDivergenceError": "dmft",
    "simulate_sgd": "simulate",
    "SimulationResult": "simulate",
}

__all__ = ["__version__", "code_version", *_LAZY]


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
