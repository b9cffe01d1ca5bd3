// OpenBLAS's CBLAS interface and the LAPACKE C interface to LAPACK (Debian: libopenblas-dev, liblapacke-dev).
// Only RiskTraining/Linear/BLAS.swift imports this module.
#include <cblas.h>
#include <lapacke.h>
