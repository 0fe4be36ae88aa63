/**
 * The machine assembled: hart, RAM, devices and ports behind one {@code run(budget)} that stops at
 * an exact instruction count, plus its configuration and the state hash used to prove that two
 * machines (a recording and its replay, a primary and its backup) are in the same state.
 */
package io.tandem.engine.machine;
