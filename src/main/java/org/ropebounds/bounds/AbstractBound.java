package org.ropebounds.bounds;

import java.util.List;

/** The descriptive half of a {@link Bound}, held as data; subclasses supply only the evaluation. */
abstract class AbstractBound implements Bound {
    private final String id;
    private final String title;
    private final List<String> assumptions;
    private final Side side;
    private final boolean strict;
    private final String closedForm;

    AbstractBound(String id, String title, Side side, boolean strict, String closedForm, String... assumptions) {
        this.id = id;
        this.title = title;
        this.side = side;
        this.strict = strict;
        this.closedForm = closedForm;
        this.assumptions = List.of(assumptions);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }

    /** The seed paper, unless a subclass says otherwise. */
    @Override
    public String source() {
        return Bounds.SEED_PAPER;
    }

    @Override
    public final List<String> assumptions() {
        return assumptions;
    }

    @Override
    public final Side side() {
        return side;
    }

    @Override
    public final boolean strict() {
        return strict;
    }

    @Override
    public final String closedForm() {
        return closedForm;
    }

    @Override
    public String toString() {
        return id;
    }
}
