package org.courtyard.kiosk.voice;

import java.util.Optional;

/**
 * A loaded speech model: one per process (a Vosk model of the small Chinese kind takes tens of
 * megabytes of native memory), handing out recognizers that share it. Closing the engine closes
 * the model; close the recognizers first.
 */
public interface SpeechEngine extends AutoCloseable {

    /** The model's words, when the model ships a {@code words.txt}; empty otherwise. */
    Optional<Vocabulary> vocabulary();

    /** A recognizer restricted to {@code grammar} (its phrases plus {@code [unk]}). */
    Recognizer recognizer(Grammar grammar);

    /** A recognizer for free speech (no grammar), for transcribing voice memos. */
    Recognizer freeRecognizer();

    /** What was loaded, for logs and {@code VoiceCheck}. */
    String description();

    @Override
    void close();
}
