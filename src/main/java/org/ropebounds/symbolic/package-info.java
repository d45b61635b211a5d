/**
 * The symbolic layer: closed forms of the bounds, solved forms, derivatives and their signs, TeX and MathML,
 * and the executable proof files, on top of Symja 3.0.
 *
 * <p>This is the only package that imports {@code org.matheclipse}. Nothing here is loaded unless a
 * {@link org.ropebounds.symbolic.SymbolicEngine} is created (about a second in a fresh JVM), so commands that
 * need no symbolic output never pay for Symja. An engine belongs to the thread that created it. The only
 * global state is Symja's own static configuration: {@link org.ropebounds.symbolic.SymbolicEngine#create()}
 * sets three of its switches ({@code Config.JAS_NO_THREADS}, {@code Config.TIMECONSTRAINED_NO_THREAD},
 * {@code Config.FILESYSTEM_ENABLED}), documented there. Nothing here sets system properties or configures
 * logging: Symja logs through Log4j's API, and where that goes is the application's choice (the runnable jar
 * silences it with its own {@code log4j2.xml}).
 */
package org.ropebounds.symbolic;
