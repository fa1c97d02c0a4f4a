package org.courtyard.hardware;

/**
 * A physical push button, debounced: the red help button, and on a home unit also the green 报平安
 * button ({@link Hardware#checkInButton()}). Listeners run on the hardware's ordered executor,
 * never on the GPIO thread, in the order the presses happened.
 */
public interface HelpButton {

    void addListener(Listener listener);

    /** Receives presses; both methods default to doing nothing. */
    interface Listener {

        /** A press released before the long-press threshold. */
        default void onPress() {
        }

        /** A press held past the long-press threshold; reported once, while still held. */
        default void onLongPress() {
        }
    }
}
