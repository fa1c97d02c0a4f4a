/**
 * Internals of the kiosk's voice: the Vosk adapter, end-of-speech detection and the tables of the
 * recognition log and the memo queue. Not for use outside {@code org.courtyard.kiosk.voice}.
 */
package org.courtyard.kiosk.voice.internal;
