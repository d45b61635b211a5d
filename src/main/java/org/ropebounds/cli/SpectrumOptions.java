package org.ropebounds.cli;

import org.ropebounds.bounds.EpsilonConvention;
import org.ropebounds.bounds.Spectrum;
import picocli.CommandLine.Option;

/** The conventions the bounds are stated in: which slowest mode, and which resolution for the ceiling. */
final class SpectrumOptions {
    @Option(names = "--spectrum", paramLabel = "approx|exact", defaultValue = "approx",
            description = "approx: theta_min = 1/b, the paper's (default); exact: theta_min = b^(-(d-2)/d), this project's extension.")
    Spectrum spectrum;

    @Option(names = "--epsilon-convention", paramLabel = "machine|unit", defaultValue = "machine",
            description = "Precision ceiling 1/eps_mach = 2^(p-1) (machine, default) or 1/u = 2^p (unit).")
    EpsilonConvention convention;
}
