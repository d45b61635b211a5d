package org.ropebounds.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import org.ropebounds.InvalidInputException;
import picocli.CommandLine;

/**
 * Entry point. Exit codes: 0 success, 1 a failed check or an internal error, 2 bad input (one line on
 * stderr naming the value and what is accepted; a stack trace only with {@code --debug}).
 */
public final class Main {
    /** The command did what was asked (a checked claim holds). */
    public static final int EXIT_OK = 0;
    /** A failed check or an internal error. */
    public static final int EXIT_FAILURE = 1;
    /** Bad input: an unknown option, or a value outside the accepted range. */
    public static final int EXIT_USAGE = 2;
    /** A claim the certified arithmetic could not decide at the digit limit. */
    public static final int EXIT_UNDECIDED = 3;

    private Main() {
    }

    /**
     * Runs {@code args} on the standard streams and exits the JVM with the command's exit code. Sets
     * {@code picocli.disable.closures} (unless given): ropebounds has no Groovy closures in its annotations, and
     * without it picocli's first command line looks for {@code groovy.lang.Closure} on the class path, which
     * opens and indexes the whole jar (27,000 entries) that {@code ./ropebounds} keeps out of a short command's start.
     */
    public static void main(String[] args) {
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line {@code args}, printing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine cl = RopeBoundsCommand.commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        Converters.registerAll(cl);
        // a claim may start with '-' ("-1 < 0"): check's arguments that are not its options are the claim
        CommandLine check = cl.getSubcommands().get("check");
        if (check != null) {
            check.setUnmatchedOptionsArePositionalParams(true);
        }
        cl.setUsageHelpWidth(120); // help text is laid out in lines of up to ~115 characters; 80 would break them mid-sentence
        // named classes, not lambdas: a lambda implementing a picocli interface cannot be in the start-up archive
        // (see the pom), so it would be spun and linked at run time, a visible part of a short command's start
        cl.setParameterExceptionHandler(new UsageErrors(err));
        cl.setExecutionExceptionHandler(new ExecutionErrors(err, debug));
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Bad command lines: one line naming the problem and where the command's help is; exit {@link #EXIT_USAGE}. */
    private static final class UsageErrors implements CommandLine.IParameterExceptionHandler {
        private final PrintWriter err;

        UsageErrors(PrintWriter err) {
            this.err = err;
        }

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            err.println("ropebounds: " + oneLine(ex.getMessage()) + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            return EXIT_USAGE;
        }
    }

    /**
     * Exceptions from a command: {@link InvalidInputException} is bad input (its one line, exit {@link #EXIT_USAGE}),
     * anything else an internal error (exit {@link #EXIT_FAILURE}); the stack trace only with {@code --debug}.
     */
    private static final class ExecutionErrors implements CommandLine.IExecutionExceptionHandler {
        private final PrintWriter err;
        private final boolean debug;

        ExecutionErrors(PrintWriter err, boolean debug) {
            this.err = err;
            this.debug = debug;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
            if (ex instanceof InvalidInputException) {
                err.println("ropebounds: " + oneLine(ex.getMessage()));
                if (debug) {
                    ex.printStackTrace(err);
                }
                return EXIT_USAGE;
            }
            err.println("ropebounds: internal error: " + oneLine(String.valueOf(ex)) + (debug ? "" : " (rerun with --debug for details)"));
            if (debug) {
                ex.printStackTrace(err);
            }
            return EXIT_FAILURE;
        }
    }

    /** Longest error message printed, in characters: the last defence against echoing a huge argument whole. */
    static final int MAX_MESSAGE = 600;

    /**
     * The message as one printable line: line breaks (with the spaces around them) as "; ", every other
     * control character escaped ({@link InvalidInputException#escaped}), and cut at {@value #MAX_MESSAGE}
     * characters. Messages already quote user text through {@link InvalidInputException#quoted}; this
     * catches the ones that do not.
     */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String line = InvalidInputException.escaped(s.strip().replaceAll("\\s*[\\r\\n\\u2028\\u2029]+\\s*", "; "));
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE - 40) + "...(message of " + line.length() + " characters cut)";
    }
}
