/**
 * Host networking for a guest's virtio-net card: a bridge between a host UDP socket and the
 * guest's Ethernet frames, so that ordinary UDP clients can talk to a guest server.
 */
package io.tandem.transport.net;
