package org.ropebounds.rope;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Rational;

/**
 * The horizon ({@link ErasureAnalysis}) and relative-position ({@link RelativeErrorAnalysis}) analyses of several
 * pipelines of one spectrum at once, as {@code erasure} runs them: pipelines that compute the same phases
 * ({@link RopeEmulator#samePhases}: e.g. {@code hf} and {@code fp32}, which differ only in the output cast) are
 * analysed once, the theta_i of the spectrum are shared, and the distinct pipelines are spread over up to two threads.
 * The results are exactly those of the single-pipeline analyses, in the order of the emulators.
 */
public final class PipelineAnalyses {
    /** The threads used at most (the analyses are CPU-bound). */
    static final int THREADS = 2;

    /**
     * The analyses of each emulator: horizons when asked (else empty) and the relative-position error.
     *
     * @param horizons the {@link ErasureAnalysis#analyse} report per emulator, or empty when not asked
     * @param relative the {@link RelativeErrorAnalysis#analyse} report per emulator
     */
    public record Reports(Optional<List<ErasureReport>> horizons, List<RelativeErrorReport> relative) {
        /** Copies the lists. */
        public Reports {
            horizons = horizons.map(List::copyOf);
            relative = List.copyOf(relative);
        }
    }

    private PipelineAnalyses() {
    }

    /**
     * {@link ErasureAnalysis#analyse(RopeEmulator, long, Rational)} (when {@code withHorizons}) and
     * {@link RelativeErrorAnalysis#analyse(RopeEmulator, long, Rational, long)} of every emulator.
     *
     * @throws InvalidInputException as those do, for the first emulator (in order) they refuse, horizons before
     *     relative errors; nothing is analysed then
     */
    public static Reports analyse(List<RopeEmulator> ropes, long context, Rational delta, long maxDistance, boolean withHorizons) {
        if (withHorizons) {
            for (RopeEmulator rope : ropes) {
                ErasureAnalysis.check(rope, context, delta);
            }
        }
        for (RopeEmulator rope : ropes) {
            RelativeErrorAnalysis.check(rope, context, delta, maxDistance);
        }
        // the first emulator of each class of equal phases is analysed; the others take its results
        int[] representative = new int[ropes.size()];
        List<Integer> distinct = new ArrayList<>();
        for (int k = 0; k < ropes.size(); k++) {
            representative[k] = k;
            for (int j : distinct) {
                if (ropes.get(j).samePhases(ropes.get(k))) {
                    representative[k] = j;
                    break;
                }
            }
            if (representative[k] == k) {
                distinct.add(k);
            }
        }
        List<java.util.concurrent.Callable<Object>> tasks = new ArrayList<>();
        // the relative analyses (the longer ones) first, so that two threads finish together
        for (int j : distinct) {
            RopeEmulator rope = ropes.get(j);
            tasks.add(() -> RelativeErrorAnalysis.analyseChecked(rope, context, delta, maxDistance, RelativeErrorAnalysis.FULL_SCAN));
        }
        if (withHorizons) {
            for (int j : distinct) {
                RopeEmulator rope = ropes.get(j);
                tasks.add(() -> ErasureAnalysis.analyseChecked(rope, context, delta, ErasureAnalysis.FULL_SCAN));
            }
        }
        List<Object> done = run(tasks);
        ErasureReport[] horizons = new ErasureReport[ropes.size()];
        RelativeErrorReport[] relative = new RelativeErrorReport[ropes.size()];
        int t = 0;
        for (int j : distinct) {
            relative[j] = (RelativeErrorReport) done.get(t++);
        }
        if (withHorizons) {
            for (int j : distinct) {
                horizons[j] = (ErasureReport) done.get(t++);
            }
        }
        for (int k = 0; k < ropes.size(); k++) {
            int j = representative[k];
            if (j != k) {
                RopeEmulator rope = ropes.get(k);
                if (withHorizons) {
                    horizons[k] = ErasureAnalysis.renamed(horizons[j], rope);
                }
                RelativeErrorReport r = relative[j];
                relative[k] = new RelativeErrorReport(rope.pipeline(), r.context(), r.delta(), r.maxDistance(), r.horizon(), r.maxError(), r.modes());
            }
        }
        return new Reports(withHorizons ? Optional.of(List.of(horizons)) : Optional.empty(), List.of(relative));
    }

    /**
     * Runs the tasks on up to {@value #THREADS} threads and returns their results in order; the unchecked exception of the
     * first task (in order) that throws one is rethrown as it was thrown.
     */
    static List<Object> run(List<java.util.concurrent.Callable<Object>> tasks) {
        int threads = Math.min(THREADS, Math.min(tasks.size(), Runtime.getRuntime().availableProcessors()));
        List<Object> out = new ArrayList<>();
        if (threads <= 1) {
            for (java.util.concurrent.Callable<Object> task : tasks) {
                out.add(call(task));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "ropebounds-erasure");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (java.util.concurrent.Callable<Object> task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<Object> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Object call(java.util.concurrent.Callable<Object> task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
