package org.courtyard.protocol;

/**
 * Payload of {@link EventType#HELP_REQUESTED}. The request's id is the id of the event that
 * carries it. {@code category}, {@code residentId} and {@code transcript} may be null: the
 * request goes out at once, before anyone is asked anything.
 */
public record HelpRequested(HelpSource source, HelpCategory category, String residentId, String transcript)
        implements EventPayload {

    public HelpRequested {
        Require.present(source, "source");
        // Never refused for its extras: a help request must get through (Text#cleaned).
        residentId = Text.cleaned(Require.optionalText(residentId, "residentId"));
        transcript = Text.cleaned(Require.optionalText(transcript, "transcript"));
    }
}
