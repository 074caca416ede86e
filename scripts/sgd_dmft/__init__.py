"""sgd_dmft: discrete-time DMFT of (mini-batch) SGD on the rank-one quadratic sensing model
of Kamali & Urbani (arXiv 2309.04788), and a direct finite-N simulator of the same dynamics."""

from .dmft import DMFTDivergenceError, DMFTResult, integrate_dmft
from .params import __version__, code_version
from .simulate import SimulationResult, simulate_sgd

__all__ = [
    "DMFTDivergenceError",
    "DMFTResult",
    "SimulationResult",
    "__version__",
    "code_version",
    "integrate_dmft",
    "simulate_sgd",
]
