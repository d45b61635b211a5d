package org.ropebounds.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr for long runs, silent when stderr is not a terminal or with --quiet. */
final class Progress implements AutoCloseable {
    private final ProgressBar bar; // null when silent

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress of(long total, boolean quiet) {
        return of("tables", total, quiet);
    }

    /** A bar named {@code task} counting to {@code total} (silent for total <= 0). */
    static Progress of(String task, long total, boolean quiet) {
        if (quiet || System.console() == null || total <= 0) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build());
    }

    /** One unit done (thread-safe). */
    void step() {
        if (bar != null) {
            bar.step();
        }
    }

    /** n units done (thread-safe). */
    void stepBy(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
