package io.tandem.tools;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A POSIX signal (INT, TERM) handled by this process instead of by the JVM, through the JDK's
 * {@code sun.misc.Signal} (module {@code jdk.unsupported}, present in every JDK since 9), called
 * by reflection so that the build stays free of its "proprietary API" warnings. While installed,
 * the signal runs the given action on the JVM's signal thread and no longer starts the JVM's
 * shutdown; {@link #close()} puts back the handler it replaced; {@link #passOn()} hands one
 * signal to that handler (the JVM's, which exits with 128 + the signal's number).
 */
final class SignalTrap implements AutoCloseable
{
    private static final Class<?> SIGNAL;
    private static final Class<?> HANDLER;
    private static final Method HANDLE;
    private static final Method HANDLER_HANDLE;

    static
    {
        try
        {
            SIGNAL = Class.forName("sun.misc.Signal");
            HANDLER = Class.forName("sun.misc.SignalHandler");
            HANDLE = SIGNAL.getMethod("handle", SIGNAL, HANDLER);
            HANDLER_HANDLE = HANDLER.getMethod("handle", SIGNAL);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final Object signal;
    private final Object previous;

    private SignalTrap(final String name, final Runnable action)
    {
        try
        {
            signal = SIGNAL.getConstructor(String.class).newInstance(name);
            final Object handler = Proxy.newProxyInstance(HANDLER.getClassLoader(), new Class<?>[] {HANDLER},
                (proxy, method, args) ->
                {
                    if ("handle".equals(method.getName()))
                    {
                        action.run();
                        return null;
                    }
                    // toString, hashCode, equals of the proxy itself
                    return method.getName().equals("equals") ? proxy == args[0] :
                        method.getName().equals("hashCode") ? System.identityHashCode(proxy) : "SignalTrap(" + name + ")";
                });
            previous = HANDLE.invoke(null, signal, handler);
        }
        catch (final InvocationTargetException ex)
        {
            throw new IllegalStateException("cannot handle SIG" + name + ": " + ex.getCause(), ex.getCause());
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException("cannot handle SIG" + name + ": " + ex, ex);
        }
    }

    /**
     * @param name   the signal's name without "SIG": INT, TERM.
     * @param action what the signal does from now on (on the JVM's signal-dispatch thread: keep it short).
     * @return the installed trap.
     * @throws IllegalStateException when the signal cannot be handled here (the JVM uses it, or
     *                               runs with -Xrs).
     */
    static SignalTrap install(final String name, final Runnable action)
    {
        return new SignalTrap(name, action);
    }

    /** Hands the signal to the handler this trap replaced, as if the trap were not there. */
    void passOn()
    {
        invoke(HANDLER_HANDLE, previous, signal);
    }

    /** Puts back the handler this trap replaced. */
    @Override
    public void close()
    {
        invoke(HANDLE, null, signal, previous);
    }

    private static void invoke(final Method method, final Object target, final Object... args)
    {
        try
        {
            method.invoke(target, args);
        }
        catch (final InvocationTargetException ex)
        {
            final Throwable cause = ex.getCause();
            throw cause instanceof RuntimeException ? (RuntimeException)cause : new IllegalStateException(cause);
        }
        catch (final IllegalAccessException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
