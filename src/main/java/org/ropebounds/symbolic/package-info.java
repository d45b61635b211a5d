/**
 * The symbolic layer: closed forms of the bounds, solved forms, derivatives and their signs, TeX and MathML,
 * and the executable proof files, on top of Symja 3.0.
 *
 * <p>This is the only package that imports {@code org.matheclipse}. Nothing here is loaded unless a
 * {@link org.ropebounds.symbolic.SymbolicEngine} is created (about a second in a fresh JVM), so commands that
 * need no symbolic output never pay for Symja. An engine belongs to the thread that created it. The only
 * global state is Symja's own static configuration and three Log4j system properties, set (if absent) by
 * {@link org.ropebounds.symbolic.SymbolicEngine#create()} and documented there.
 */
package org.ropebounds.symbolic;
