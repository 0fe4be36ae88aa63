/**
 * Hand-offs between threads that wake the waiting thread instead of letting it find the work
 * when a park expires: the signal a producer raises ({@link io.tandem.engine.wake.WakeSignal}),
 * an idle strategy that parks until signalled or until its own deadline
 * ({@link io.tandem.engine.wake.WakeableIdleStrategy}), which can also wait on sockets
 * ({@link io.tandem.engine.wake.ChannelWatch}: a datagram ends the wait, and the waiting thread
 * reads it), and the timer slack of a waiting thread ({@link io.tandem.engine.wake.TimerSlack}),
 * which decides how late a timed park ends.
 */
package io.tandem.engine.wake;
