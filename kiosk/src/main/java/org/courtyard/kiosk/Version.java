package org.courtyard.kiosk;

/** The kiosk's version, from the jar manifest ({@code Implementation-Version}); "dev" when run from classes. */
public final class Version {

    private Version() {
    }

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
