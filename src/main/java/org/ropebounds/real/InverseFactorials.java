package org.ropebounds.real;

/**
 * 1/n! for n = 0 .. {@link #TERMS} as double-doubles: {@code HI[n]} = RN(1/n!), {@code LO[n]} = RN(1/n! - HI[n]),
 * and {@code ERR[n]} = |1/n! - HI[n] - LO[n]| rounded up, so that |1/n! - (HI[n] + LO[n])| &lt;= ERR[n]. Written out:
 * computing them from rationals at class initialisation took milliseconds of every short command's start, run
 * in the interpreter (issue 17); {@code InverseFactorialsTest} derives each one again with exact rationals.
 * The Taylor series of {@link DoubleDoubleTrig} and {@link DoubleDoubleKernels} read them; never written to.
 */
final class InverseFactorials {
    /** The largest n tabulated. */
    static final int TERMS = 31;

    static final double[] HI = {
            0x1.0p0, 0x1.0p0, 0x1.0p-1, 0x1.5555555555555p-3,
            0x1.5555555555555p-5, 0x1.1111111111111p-7, 0x1.6c16c16c16c17p-10, 0x1.a01a01a01a01ap-13,
            0x1.a01a01a01a01ap-16, 0x1.71de3a556c734p-19, 0x1.27e4fb7789f5cp-22, 0x1.ae64567f544e4p-26,
            0x1.1eed8eff8d898p-29, 0x1.6124613a86d09p-33, 0x1.93974a8c07c9dp-37, 0x1.ae7f3e733b81fp-41,
            0x1.ae7f3e733b81fp-45, 0x1.952c77030ad4ap-49, 0x1.6827863b97d97p-53, 0x1.2f49b46814157p-57,
            0x1.e542ba4020225p-62, 0x1.71b8ef6dcf572p-66, 0x1.0ce396db7f853p-70, 0x1.761b41316381ap-75,
            0x1.f2cf01972f578p-80, 0x1.3f3ccdd165fa9p-84, 0x1.88e85fc6a4e5ap-89, 0x1.d1ab1c2dccea3p-94,
            0x1.0a18a2635085dp-98, 0x1.259f98b4358adp-103, 0x1.3932c5047d60ep-108, 0x1.434d2e783f5bcp-113
    };

    static final double[] LO = {
            0x0.0p0, 0x0.0p0, 0x0.0p0, 0x1.5555555555555p-57,
            0x1.5555555555555p-59, 0x1.1111111111111p-63, -0x1.f49f49f49f49fp-65, 0x1.a01a01a01a01ap-73,
            0x1.a01a01a01a01ap-76, -0x1.c154f8ddc6cp-73, 0x1.cbbc05b4fa99ap-76, -0x1.c062e06d1f209p-80,
            -0x1.2aec959e14c06p-83, 0x1.f28e0cc748ebep-87, 0x1.05d6f8a2efd1fp-92, 0x1.1d8656b0ee8cbp-97,
            0x1.1d8656b0ee8cbp-101, 0x1.ac981465ddc6cp-103, 0x1.eec01221a8b0bp-107, 0x1.2650f61dbdcb4p-112,
            0x1.ea72b4afe3c2fp-120, -0x1.d043ae40c4647p-120, -0x1.aebcdbd20331cp-124, -0x1.3423c7d91404fp-130,
            -0x1.9ada5fcc1ab14p-135, -0x1.58ddadf344487p-139, -0x1.71c37ebd1654p-143, 0x1.054d0c78aea14p-149,
            0x1.b9e2e28e1aa54p-153, 0x1.eaf8c39dd9bc5p-157, 0x1.832b7b530a627p-162, 0x1.0b87b91be9affp-167
    };

    static final double[] ERR = {
            0x0.0p0, 0x0.0p0, 0x0.0p0, 0x1.5555555555556p-111,
            0x1.5555555555556p-113, 0x1.1111111111112p-119, 0x1.27d27d27d27d3p-119, 0x1.a01a01a01a01bp-133,
            0x1.a01a01a01a01bp-136, 0x1.71de3a556c734p-127, 0x1.c6d278883e8f5p-132, 0x1.c7880adcbc46ep-136,
            0x1.2fb0073dd2d9fp-139, 0x1.7b2c4c8a840bcp-141, 0x1.3aa3346236a5ep-147, 0x1.6e142a138f825p-157,
            0x1.6e142a138f825p-161, 0x1.588b72e53bc5fp-165, 0x1.568798662118bp-161, 0x1.69502917cbf3bp-166,
            0x1.44020dfd65c8dp-174, 0x1.486121e81d5fep-176, 0x1.38a88578b4d75p-178, 0x1.e6135bfc1194ap-185,
            0x1.440ce7fd610dcp-189, 0x1.e8ed8001ad67ep-193, 0x1.494676265a364p-197, 0x1.196bf16c33a56p-203,
            0x1.a8549a9d99586p-207, 0x1.6e29990a26fb7p-211, 0x1.5d2c61f6d124dp-218, 0x1.c89db1796db75p-224
    };

    private InverseFactorials() {
    }
}
