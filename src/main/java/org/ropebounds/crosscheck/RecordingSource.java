package org.ropebounds.crosscheck;

import java.io.IOException;

/** A source whose first entries are kept as they are read (a stored inv_freq: d/2 of them). */
final class RecordingSource implements ArraySource {
    private final ArraySource in;
    final double[] kept;
    private int n;

    RecordingSource(ArraySource in, int keep) {
        this.in = in;
        this.kept = new double[keep];
    }

    @Override
    public org.ropebounds.format.Format format() {
        return in.format();
    }

    @Override
    public ArrayShape shape() {
        return in.shape();
    }

    @Override
    public boolean fortranOrder() {
        return in.fortranOrder();
    }

    @Override
    public int read(double[] into) throws IOException {
        int k = in.read(into);
        int copy = Math.min(k, kept.length - n);
        System.arraycopy(into, 0, kept, n, Math.max(0, copy));
        n += Math.max(0, copy);
        return k;
    }

    @Override
    public String describe() {
        return in.describe();
    }

    @Override
    public java.util.OptionalLong entries() {
        return in.entries();
    }

    @Override
    public void close() {
        // the caller's source: the caller closes it
    }
}
