/**
 * {@code tandem pair}'s built-in client load against a pair's kvstore guest; the pair itself is
 * the library's ({@code io.tandem.node}).
 */
package io.tandem.tools.pair;
