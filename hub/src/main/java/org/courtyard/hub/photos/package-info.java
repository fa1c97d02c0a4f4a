/**
 * Photos as people upload them (a resident's, a visit's): checked to be what they say, scaled to
 * at most 640 pixels and re-encoded as JPEG without metadata (a phone photo may say where it was
 * taken), before the hub keeps them.
 */
package org.courtyard.hub.photos;
