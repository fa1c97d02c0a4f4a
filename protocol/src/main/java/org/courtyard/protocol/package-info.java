/**
 * The kiosk-hub wire format, protocol version {@value org.courtyard.protocol.Protocol#VERSION}.
 *
 * <p>Every type here is a record whose compact constructor rejects a missing or invalid required
 * field with an {@link IllegalArgumentException} naming it; {@link ProtocolJson} is the one Jackson
 * configuration both sides use, and turns such failures into a {@link ProtocolException} that
 * names the JSON path. Unknown fields are ignored so that a newer hub can talk to an older kiosk.
 *
 * <p>The protocol is described for readers, with an example of every type, in
 * {@code docs/protocol.md}; the examples there are the golden files of this module's tests.
 */
package org.courtyard.protocol;
