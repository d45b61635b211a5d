package org.ropebounds.rope;

/** The least (or largest) value over a sliding window of indices pushed in increasing order: a monotone queue. */
final class SlidingExtreme {
    private final double[] values;
    private final boolean largest;
    private final int[] queue;
    private int head;
    private int tail;

    /** Over indices 0 .. size - 1 of {@code values} (size <= values.length). */
    SlidingExtreme(double[] values, int size, boolean largest) {
        this.values = values;
        this.largest = largest;
        this.queue = new int[size];
    }

    void push(int k) {
        while (tail > head && (largest ? values[queue[tail - 1]] <= values[k] : values[queue[tail - 1]] >= values[k])) {
            tail--;
        }
        queue[tail++] = k;
    }

    void dropBefore(int k) {
        while (head < tail && queue[head] < k) {
            head++;
        }
    }

    /** The window's extreme; +-infinity (neutral) when the window is empty. */
    double value() {
        return head < tail ? values[queue[head]] : largest ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
}
