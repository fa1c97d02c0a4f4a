/**
 * Internals of {@code org.courtyard.hub.announce}: audio files by checksum, the WAV check, the
 * ffmpeg conversion and HTTP byte ranges. Not for use elsewhere.
 */
package org.courtyard.hub.announce.internal;
