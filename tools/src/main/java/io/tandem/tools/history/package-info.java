/**
 * Client histories of the key-value guest and their check: each operation a client made (when it
 * was invoked, when it completed and with what), written as JSON lines, and a linearizability
 * checker over the key-value register model that reads them.
 */
package io.tandem.tools.history;
