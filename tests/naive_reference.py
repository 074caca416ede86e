"""A slow, deliberately naive DMFT written in the paper's notation (dense matrices, explicit
inverses), to check the fast kernels to round-off.

Per sample: S = diag(sigma/b), A = (1 + eta V_R S)^-1 by dense inversion,
Lambda_R = <S A>/eta, Lambda_C = -<S A V_C A^T S> (paper eq. 11, corrected as in
docs/dmft-equations.md §4), averaged with the same estimator as the fast code (samples with
sigma(t) = 1, conditioned; all samples with sigma(t) := 1 when none is selected).
C(t+1, t+1) uses the paper's Omega_1 / Omega_2 form of eq. 9 (corrected), not the form the
fast code uses, so that the algebra of both is checked.
"""

import numpy as np

from sgd_dmft.dmft import SIGMA_BLOCK, _sigma_block


def selection_variables(seed, n_samples, b, T):
    blocks = [_sigma_block(seed, i, n_samples, b) for i in range(T // SIGMA_BLOCK + 1)]
    return np.concatenate(blocks, axis=1)[:, : T + 1]


VARIANTS = ("corrected", "printed_R", "printed_omega2")


def naive_dmft(alpha, b, eta, m0, C0, T, n_samples=1, seed=0, variant="corrected"):
    """``variant`` reproduces two misprints of the paper's eq. 9 (docs §4, items 1 and 2):
    "printed_R" drops R(t,t') from the R recursion, "printed_omega2" drops m(t) from the
    last term of Omega_2.  They exist to show that the simulation tests can tell."""
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {VARIANTS}")
    n_tot = T + 2
    C = np.zeros((n_tot, n_tot))
    R = np.zeros((n_tot, n_tot))
    m = np.zeros(n_tot)
    loss = np.zeros(T + 1)
    m[0], C[0, 0] = m0, C0
    sigma = selection_variables(seed, n_samples, b, T) if b < 1 else np.ones((1, T + 1), bool)
    for t in range(T + 1):
        n1 = t + 1
        Cs, Rs = C[:n1, :n1], R[:n1, :n1]
        VC = 0.5 * (1 - m[:n1, None] ** 2 - m[None, :n1] ** 2 + Cs**2)
        VR = Cs * Rs
        chosen = np.flatnonzero(sigma[:, t])
        sig = sigma[:, :n1].astype(float)
        if chosen.size == 0:
            chosen = np.arange(sigma.shape[0])
        lam_R = np.zeros(n1)
        lam_C = np.zeros(n1)
        e = 0.0
        for k in chosen:
            sk = sig[k].copy()
            sk[t] = 1.0
            S = np.diag(sk / b)
            A = np.linalg.inv(np.eye(n1) + eta * VR @ S)
            SA = S @ A
            lam_R += b * SA[t] / eta
            lam_C += -b * (SA @ VC @ A.T @ S)[t]
            e += 0.5 * (A @ VC @ A.T)[t, t]
        lam_R /= len(chosen)
        lam_C /= len(chosen)
        loss[t] = e / len(chosen)
        if t == T:
            break
        Sigma = lam_R * Cs[t] + lam_C * Rs[t]
        sum_lam_R = lam_R.sum()
        m[t + 1] = m[t] - alpha * eta**2 * (Sigma @ m[:n1] - m[t] * sum_lam_R)
        for tp in range(n1):
            previous = R[t, tp] if variant != "printed_R" else 0.0
            R[t + 1, tp] = (
                previous + (t == tp) - alpha * eta**2 * (Sigma[tp + 1 : n1] @ Rs[tp + 1 : n1, tp])
            )
        omega1 = (
            alpha
            * eta
            * (
                m[t] * m[:n1] * sum_lam_R
                - np.array([np.sum(lam_C[:tp] * Cs[t, :tp] * Rs[tp, :tp]) for tp in range(n1)])
                - Cs @ Sigma
            )
        )
        C[t + 1, :n1] = Cs[t] + eta * omega1
        C[:n1, t + 1] = C[t + 1, :n1]
        noise = lam_C * Cs[t]
        omega2 = (
            alpha**2 * eta**2 * Sigma @ Cs @ Sigma
            - 2 * alpha**2 * eta**2 * m[t] * sum_lam_R * (Sigma @ m[:n1])
            + 2 * alpha**2 * eta**2 * Sigma @ (np.tril(Rs, -1) @ noise)
            - alpha * lam_C[t] * Cs[t, t]
            + (alpha * eta * (1.0 if variant == "printed_omega2" else m[t]) * sum_lam_R) ** 2
        )
        C[t + 1, t + 1] = C[t, t] + 2 * eta * omega1[t] + eta**2 * omega2
    c_diag = np.diag(C)[: T + 1]
    return {
        "m": m[: T + 1],
        "C_diag": c_diag,
        "loss": loss,
        "C": C[: T + 1, : T + 1],
        "R": R[: T + 1, : T + 1],
    }
