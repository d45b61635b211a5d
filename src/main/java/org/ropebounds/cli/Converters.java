package org.ropebounds.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import org.ropebounds.InvalidInputException;
import org.ropebounds.bounds.EpsilonConvention;
import org.ropebounds.bounds.Spectrum;
import org.ropebounds.crosscheck.FileKind;
import org.ropebounds.crosscheck.Layout;
import org.ropebounds.crosscheck.Quantity;
import org.ropebounds.format.Format;
import org.ropebounds.format.OverflowPolicy;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;
import org.ropebounds.rope.PipelineSpec;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Connects the library's parsers to picocli, so that their one-line messages become picocli's errors. */
final class Converters {
    /** Splits a comma-separated list of formats without splitting a custom {@code p=..,emin=..,emax=..}. */
    static final String FORMAT_LIST_SPLIT = ",(?!\\s*(?:emin|emax|specials)\\s*=)";

    private Converters() {
    }

    /** @throws InvalidInputException unless 1 <= digits <= max */
    static void checkDigits(int digits, int max) {
        if (digits < 1 || digits > max) {
            throw new org.ropebounds.InvalidInputException("--digits " + digits + " is out of range; accepted: 1.." + max);
        }
    }

    static void registerAll(CommandLine cl) {
        cl.registerConverter(Rational.class, wrap(Rational::parse));
        cl.registerConverter(org.ropebounds.format.SignedRational.class, wrap(org.ropebounds.format.SignedRational::parse));
        cl.registerConverter(OverflowPolicy.class, wrap(OverflowPolicy::parse));
        cl.registerConverter(RoundingMode.class, wrap(RoundingMode::parse));
        cl.registerConverter(Format.class, wrap(Format::parse));
        cl.registerConverter(Spectrum.class, wrap(Spectrum::parse));
        cl.registerConverter(EpsilonConvention.class, wrap(EpsilonConvention::parse));
        cl.registerConverter(Quantity.class, wrap(Quantity::parse));
        cl.registerConverter(Layout.class, wrap(Layout::parse));
        cl.registerConverter(FileKind.class, wrap(FileKind::parse));
        cl.registerConverter(PipelineSpec.class, wrap(PipelineSpec::parse));
    }

    private static <T> ITypeConverter<T> wrap(Function<String, T> parser) {
        return new Parsing<>(parser);
    }

    /**
     * A library parser as a picocli converter, its {@link InvalidInputException} as picocli's conversion error. A
     * named class, not a lambda: a lambda implementing a picocli interface is spun at run time (see {@link Main#run}).
     */
    private static final class Parsing<T> implements ITypeConverter<T> {
        private final Function<String, T> parser;

        Parsing(Function<String, T> parser) {
            this.parser = parser;
        }

        @Override
        public T convert(String text) {
            try {
                return parser.apply(text);
            } catch (InvalidInputException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** The formats named, in order and without repeats; {@code all} stands for every standard format. */
    static List<Format> formats(List<String> names) {
        LinkedHashSet<Format> out = new LinkedHashSet<>();
        for (String n : names) {
            if (n.strip().equalsIgnoreCase("all")) {
                out.addAll(Format.standard());
            } else {
                out.add(Format.parse(n));
            }
        }
        return new ArrayList<>(out);
    }

    /** The modes named, in order and without repeats; {@code all} stands for the four. */
    static List<RoundingMode> modes(List<String> names) {
        LinkedHashSet<RoundingMode> out = new LinkedHashSet<>();
        for (String n : names) {
            if (n.strip().equalsIgnoreCase("all")) {
                out.addAll(List.of(RoundingMode.values()));
            } else {
                out.add(RoundingMode.parse(n));
            }
        }
        return new ArrayList<>(out);
    }
}
