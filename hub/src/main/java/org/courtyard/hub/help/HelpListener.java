package org.courtyard.hub.help;

/** Told of committed changes, on the thread that committed them; must return quickly. */
@FunctionalInterface
public interface HelpListener {

    void changed(HelpChange change);
}
