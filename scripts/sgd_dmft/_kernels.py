"""Numba kernels of the discrete-time DMFT (see ``docs/dmft-equations.md``).

Storage
-------
The two-time functions C(t, s) and R(t, s) are stored *packed lower-triangular*, row by
row: entry (u, s) with s <= u lives at ``u*(u+1)//2 + s``.  C is symmetric, R is strictly
causal (R(u, s) = 0 for s >= u, the diagonal slot holds 0).  Rows are contiguous, so every
pass below streams rows in order; nothing is ever read column-wise.

One time step t (all quantities up to time t known) is
  1. the local (single-pattern) process: row t of the kernels Gamma, Phi (eqs. 2.2 of the
     notes, the paper's Lambda_R, Lambda_C of eq. 11), and the loss e(t) (eq. 2.5);
  2. the effective single-site process: m(t+1), R(t+1, .), C(t+1, .) (eq. 2.4, i.e. the
     corrected eq. 9 of the paper).

Notation: c = eta/b multiplies V_R in the resolvent L = (1 + c V_R|_PP)^-1;
V_C(u, s) = h(u) + h(s) + C(u, s)^2 / 2 with h(u) = 1/4 - m(u)^2 / 2;
V_R(u, s) = C(u, s) R(u, s).
"""

import numpy as np
from numba import njit, prange

STATUS_OK = 0
STATUS_NONFINITE = 1
STATUS_BLOWUP = 2


@njit(cache=True, inline="always", fastmath={"reassoc", "contract"})
def row_offset(u):
    """Start of row u in packed lower-triangular storage."""
    return u * (u + 1) // 2


@njit(cache=True, fastmath={"reassoc", "contract"})
def dense_back_substitution(t, c, C, R, h, acc, z, ell):
    """GD sweep 1 (rows u = t..0): ell = e_t (1 + c V_R)^-1 by column-oriented
    back-substitution, and z(s) = sum_{u>s} V_C(u, s) ell(u) (the part of x = V_C ell^T that
    rows above s contribute)."""
    for s in range(t + 1):
        acc[s] = 0.0
        z[s] = 0.0
    for u in range(t, -1, -1):
        lu = 1.0 if u == t else -c * acc[u]
        ell[u] = lu
        o = row_offset(u)
        hu = h[u]
        for s in range(u):
            cr = C[o + s]
            acc[s] += lu * cr * R[o + s]
            z[s] += lu * (hu + h[s] + 0.5 * cr * cr)


@njit(cache=True, fastmath={"reassoc", "contract"})
def gd_fused_step(t, eta, alpha, C, R, m, h, acc, z, ell, y, K, noise_cov, CK, Rsum, Rn):
    """GD (b = 1): kernels and effective pass of step t in two sweeps over C and R.

    Sweep 2 (rows s = 0..t) completes x = V_C ell^T, forward-solves (1 + eta V_R) y = x,
    forms Gamma(t,s) = -eta ell(s), Phi(t,s) = eta^2 y(s) and K(t,s), and immediately adds
    row s's contributions to the effective process (``effective_row``), while the row is
    still in cache.  Returns (gamma, sum_s K m(s), e(t) = y(t)/2).
    """
    dense_back_substitution(t, eta, C, R, h, acc, z, ell)
    ot = row_offset(t)
    gamma = 0.0
    mK = 0.0
    for s in range(t + 1):
        o = row_offset(s)
        hs = h[s]
        x = z[s]
        yy = 0.0
        for v in range(s):
            cr = C[o + v]
            x += (hs + h[v] + 0.5 * cr * cr) * ell[v]
            yy += cr * R[o + v] * y[v]
        css = C[o + s]
        x += (2.0 * hs + 0.5 * css * css) * ell[s]
        ys = x - eta * yy
        y[s] = ys
        gam_s = -eta * ell[s]
        phi_s = eta * eta * ys
        K[s] = C[ot + s] * gam_s + phi_s * R[ot + s]
        noise_cov[s] = alpha * C[ot + s] * phi_s
        CK[s] = 0.0
        Rsum[s] = 0.0
        gamma += gam_s
        Rn[s] = effective_row(s, C, R, K, noise_cov, CK, Rsum)
        mK += K[s] * m[s]
    return gamma, mK, 0.5 * y[t]


@njit(cache=True, parallel=True, fastmath={"reassoc", "contract"})
def sampled_local_rows(t, c, C, R, h, P, plen, sel, nsel, acc, z, ell, y, pos, ngroups):
    """SGD (b < 1): per-sample rows of L_k = (1 + c V_R|_{P_k P_k})^-1 and y_k = L_k V_C ell_k^T.

    ``sel[:nsel]`` are the samples that take part at step t; each has t as the last entry of
    its selected-time list ``P[k, :plen[k]]``.  Workspace row i of ``acc, z, ell, y`` belongs
    to sample ``sel[i]``, entry j to time ``P[k, j]``.  The samples are split into
    ``ngroups`` contiguous groups (one per thread); inside a group the loop runs over rows of
    C and R (outer) and samples (inner), so each row is read from memory once per group and
    pass.  Each sample's arithmetic is sequential and independent of the grouping, so the
    results do not depend on the number of threads.  ``pos[i]`` is sample i's position in
    its list during a sweep (one slot per sample: no allocation or shared state inside the
    parallel loop).
    """
    for g in prange(ngroups):
        i0 = g * nsel // ngroups
        i1 = (g + 1) * nsel // ngroups
        if i1 <= i0:
            continue
        for i in range(i0, i1):
            k = sel[i]
            pos[i] = plen[k] - 1
            for j in range(plen[k]):
                acc[i, j] = 0.0
                z[i, j] = 0.0
        for u in range(t, -1, -1):
            o = row_offset(u)
            hu = h[u]
            for i in range(i0, i1):
                p = pos[i]
                k = sel[i]
                if p < 0 or P[k, p] != u:
                    continue
                lu = 1.0 if u == t else -c * acc[i, p]
                ell[i, p] = lu
                for j in range(p):
                    s = P[k, j]
                    cr = C[o + s]
                    acc[i, j] += lu * cr * R[o + s]
                    z[i, j] += lu * (hu + h[s] + 0.5 * cr * cr)
                pos[i] = p - 1
        for i in range(i0, i1):
            pos[i] = 0
        for s in range(t + 1):
            o = row_offset(s)
            hs = h[s]
            for i in range(i0, i1):
                q = pos[i]
                k = sel[i]
                if q >= plen[k] or P[k, q] != s:
                    continue
                x = z[i, q]
                yy = 0.0
                for j in range(q):
                    v = P[k, j]
                    cr = C[o + v]
                    x += (hs + h[v] + 0.5 * cr * cr) * ell[i, j]
                    yy += cr * R[o + v] * y[i, j]
                css = C[o + s]
                x += (2.0 * hs + 0.5 * css * css) * ell[i, q]
                y[i, q] = x - c * yy
                pos[i] = q + 1


@njit(cache=True, fastmath={"reassoc", "contract"})
def reduce_samples(t, P, plen, sel, nsel, ell, y, ell_mean, y_mean):
    """Average the per-sample rows onto times 0..t (fixed sample order: deterministic).

    Returns the mean of y_k(t) = (L V_C L^T)_k(t, t), i.e. 2 e(t) (eq. 2.5).
    """
    for s in range(t + 1):
        ell_mean[s] = 0.0
        y_mean[s] = 0.0
    diag = 0.0
    for i in range(nsel):
        k = sel[i]
        n_k = plen[k]
        for j in range(n_k):
            s = P[k, j]
            ell_mean[s] += ell[i, j]
            y_mean[s] += y[i, j]
        diag += y[i, n_k - 1]
    inv = 1.0 / nsel
    for s in range(t + 1):
        ell_mean[s] *= inv
        y_mean[s] *= inv
    return diag * inv


@njit(cache=True, inline="always", fastmath={"reassoc", "contract"})
def effective_row(s, C, R, K, noise_cov, CK, Rsum):
    """Row s's share of the effective-process products (K[0..s] and noise_cov[:s] known):
    CK += (C K) from row s (symmetric, lower storage), Rsum(v) += K(s) R(s, v);
    returns Rn(s) = sum_{u<s} R(s, u) n(u).  CK[s] and Rsum[s] must be zeroed beforehand."""
    o = row_offset(s)
    ks = K[s]
    dot = 0.0
    rn = 0.0
    for v in range(s):
        cv = C[o + v]
        rv = R[o + v]
        dot += cv * K[v]
        CK[v] += cv * ks
        Rsum[v] += ks * rv
        rn += rv * noise_cov[v]
    CK[s] += dot + C[o + s] * ks
    return rn


@njit(cache=True, fastmath={"reassoc", "contract"})
def effective_pass(t, alpha, gam, phi, C, R, m, K, noise_cov, CK, Rsum, Rn):
    """SGD: K(t,s) = C(t,s) Gamma(t,s) + Phi(t,s) R(t,s), n(t,u) = alpha C(t,u) Phi(t,u) from
    the averaged kernel rows, then one sweep over rows 0..t.  Returns (gamma, sum_s K m(s))."""
    ot = row_offset(t)
    gamma = 0.0
    for s in range(t + 1):
        K[s] = C[ot + s] * gam[s] + phi[s] * R[ot + s]
        gamma += gam[s]
        noise_cov[s] = alpha * C[ot + s] * phi[s]
        CK[s] = 0.0
        Rsum[s] = 0.0
    mK = 0.0
    for s in range(t + 1):
        Rn[s] = effective_row(s, C, R, K, noise_cov, CK, Rsum)
        mK += K[s] * m[s]
    return gamma, mK


@njit(cache=True, fastmath={"reassoc", "contract"})
def finish_step(t, alpha, gamma, mK, K, noise_cov, CK, Rsum, Rn, C, R, m, h):
    """Advance the effective process from t to t+1 (eq. 2.4 of the notes, corrected eq. 9):
      m(t+1)    = m(t) + alpha sum_s K(t,s) m(s) - alpha gamma m(t)
      R(t+1,t') = R(t,t') + delta_{tt'} + alpha sum_s K(t,s) R(s,t')
      C(t+1,t') = C(t,t') + alpha sum_s K(t,s) C(s,t') - alpha gamma m(t) m(t')
                  + sum_{u<t'} R(t',u) n(t,u)
      C(t+1,t+1) = C(t+1,t) + alpha sum_s K(t,s) C(t+1,s) - alpha gamma m(t) m(t+1)
                  + sum_{u<=t} R(t+1,u) n(t,u)
    with gamma = sum_s Gamma(t,s), n(t,u) = alpha C(t,u) Phi(t,u) and the products CK, Rsum,
    Rn of the sweep.  Writes row t+1 of C and R, m[t+1], h[t+1]; returns C(t+1, t+1).
    """
    ot = row_offset(t)
    mt = m[t]
    m_next = mt + alpha * mK - alpha * gamma * mt
    on = row_offset(t + 1)
    for v in range(t + 1):
        R[on + v] = R[ot + v] + alpha * Rsum[v]
        C[on + v] = C[ot + v] + alpha * CK[v] - alpha * gamma * mt * m[v] + Rn[v]
    R[on + t] += 1.0
    R[on + t + 1] = 0.0
    kc = 0.0
    rn = 0.0
    for s in range(t + 1):
        kc += K[s] * C[on + s]
        rn += R[on + s] * noise_cov[s]
    diag = C[on + t] + alpha * kc - alpha * gamma * mt * m_next + rn
    C[on + t + 1] = diag
    m[t + 1] = m_next
    h[t + 1] = 0.25 - 0.5 * m_next * m_next
    return diag


@njit(cache=True, fastmath={"reassoc", "contract"})
def run_block(
    t_start,
    t_end,
    t_final,
    alpha,
    b,
    eta,
    C,
    R,
    m,
    h,
    loss,
    sigma,
    P,
    plen,
    ws_acc,
    ws_z,
    ws_ell,
    ws_y,
    ngroups,
    blowup,
):
    """Run steps t_start <= t < t_end: local process at t, then (if t < t_final) the
    effective step to t+1.

    ``sigma[k, t - t_start]`` are the selection variables of sample k (ignored for b = 1).
    When no sample is selected at t, every sample is used with t appended temporarily: row
    t of L does not depend on sigma(t), so this is the same conditional estimator.
    Returns (status, t) with status STATUS_OK, or the first step whose new values are not
    finite (STATUS_NONFINITE) or exceed ``blowup`` (STATUS_BLOWUP).
    """
    n = P.shape[0]
    nt = t_final + 2
    K = np.empty(nt)
    noise_cov = np.empty(nt)
    CK = np.empty(nt)
    Rsum = np.empty(nt)
    Rn = np.empty(nt)
    gam = np.empty(nt)
    phi = np.empty(nt)
    sel = np.empty(n, np.int64)
    pos = np.empty(n, np.int64)
    c = eta / b
    gamma = 0.0
    mK = 0.0
    for t in range(t_start, t_end):
        if b == 1.0:
            gamma, mK, loss[t] = gd_fused_step(
                t,
                eta,
                alpha,
                C,
                R,
                m,
                h,
                ws_acc[0],
                ws_z[0],
                ws_ell[0],
                ws_y[0],
                K,
                noise_cov,
                CK,
                Rsum,
                Rn,
            )
        else:
            nsel = 0
            for k in range(n):
                if sigma[k, t - t_start]:
                    sel[nsel] = k
                    nsel += 1
            temporary = nsel == 0
            if temporary:
                for k in range(n):
                    sel[k] = k
                nsel = n
            for i in range(nsel):
                k = sel[i]
                P[k, plen[k]] = t
                plen[k] += 1
            sampled_local_rows(
                t, c, C, R, h, P, plen, sel, nsel, ws_acc, ws_z, ws_ell, ws_y, pos, ngroups
            )
            diag = reduce_samples(t, P, plen, sel, nsel, ws_ell, ws_y, gam, phi)
            for s in range(t + 1):
                gam[s] *= -eta
                phi[s] *= eta * eta / b
            loss[t] = 0.5 * diag
            if temporary:
                for k in range(n):
                    plen[k] -= 1
            if t < t_final:
                gamma, mK = effective_pass(t, alpha, gam, phi, C, R, m, K, noise_cov, CK, Rsum, Rn)
        if not np.isfinite(loss[t]):
            return STATUS_NONFINITE, t
        if t == t_final:
            break
        diag = finish_step(t, alpha, gamma, mK, K, noise_cov, CK, Rsum, Rn, C, R, m, h)
        if not (np.isfinite(diag) and np.isfinite(m[t + 1])):
            return STATUS_NONFINITE, t + 1
        if abs(diag) > blowup:
            return STATUS_BLOWUP, t + 1
    return STATUS_OK, t_end
