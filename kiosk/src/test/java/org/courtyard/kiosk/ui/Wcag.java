package org.courtyard.kiosk.ui;

import javafx.scene.paint.Color;

/** WCAG 2.x contrast, as defined at https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio. */
final class Wcag {

    private Wcag() {
    }

    /** The contrast ratio of two opaque colours, from 1 (same) to 21 (black on white). */
    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** Relative luminance of an sRGB colour. */
    static double luminance(Color color) {
        return 0.2126 * linear(color.getRed()) + 0.7152 * linear(color.getGreen()) + 0.0722 * linear(color.getBlue());
    }

    private static double linear(double channel) {
        return channel <= 0.04045 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }
}
