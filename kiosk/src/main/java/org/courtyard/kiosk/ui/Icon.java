package org.courtyard.kiosk.ui;

import javafx.geometry.Insets;
import javafx.scene.Group;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.SVGPath;
import javafx.scene.shape.Shape;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;

/**
 * A pictogram drawn in code on a 24 x 24 grid and scaled to whatever size the layout gives it, so
 * it stays sharp from 800x480 to 1920x1080 and needs no image files. Lines have the style class
 * {@code icon-line} and solid parts {@code icon-solid}; the stylesheet colours them with the
 * looked-up colour {@code -fg} of the button or screen they sit on.
 */
final class Icon extends Region {

    private static final double GRID = 24;
    private static final double LINE = 2.4;

    private final Group drawing;

    private Icon(String name, Shape... shapes) {
        drawing = new Group(shapes);
        drawing.setManaged(false);
        getChildren().add(drawing);
        getStyleClass().addAll("icon", "icon-" + name);
        setPadding(Insets.EMPTY);
        setMinSize(USE_PREF_SIZE, USE_PREF_SIZE);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        size(48);
    }

    /** Sets the icon's square size in pixels. */
    void size(double pixels) {
        setPrefSize(pixels, pixels);
    }

    @Override
    protected void layoutChildren() {
        // The invisible frame makes the drawing exactly the 24 x 24 grid; a Group scales around
        // its centre, so centring the unscaled grid centres the scaled drawing too.
        double scale = Math.min(getWidth(), getHeight()) / GRID;
        drawing.setScaleX(scale);
        drawing.setScaleY(scale);
        drawing.setLayoutX(getWidth() / 2 - GRID / 2);
        drawing.setLayoutY(getHeight() / 2 - GRID / 2);
    }

    /** A bell: the red help button rings for help. */
    static Icon help() {
        return new Icon("help",
                solid("M12 2.2 C8.2 2.2 5.6 5.1 5.6 9 V14.6 L3.4 17.6 V18.6 H20.6 V17.6 L18.4 14.6 V9 "
                        + "C18.4 5.1 15.8 2.2 12 2.2 Z"),
                solidCircle(12, 20.6, 2.4),
                frame());
    }

    /** A tick in a circle: I am well (报平安). */
    static Icon checkIn() {
        Circle ring = new Circle(12, 12, 10);
        line(ring);
        return new Icon("check-in", ring, line("M7 12.4 L10.6 16 L17.2 8.6"), frame());
    }

    /** A loudspeaker with sound waves: listen to announcements. */
    static Icon announcements() {
        return new Icon("announcements",
                solid("M2.6 9 H7 L12.4 4.4 V19.6 L7 15 H2.6 Z"),
                line("M15.6 8.6 C17.4 10.4 17.4 13.6 15.6 15.4"),
                line("M18.4 5.8 C21.8 9.2 21.8 14.8 18.4 18.2"),
                frame());
    }

    /** A microphone: push to talk. */
    static Icon talk() {
        Rectangle capsule = new Rectangle(8.4, 1.8, 7.2, 12.6);
        capsule.setArcWidth(7.2);
        capsule.setArcHeight(7.2);
        capsule.getStyleClass().add("icon-solid");
        return new Icon("talk", capsule,
                line("M4.8 11 C4.8 15.2 8 18.2 12 18.2 C16 18.2 19.2 15.2 19.2 11"),
                line("M12 18.2 V22"),
                line("M8 22 H16"),
                frame());
    }

    /** An arrow pointing left: back to the home screen. */
    static Icon back() {
        return new Icon("back", line("M20.5 12 H4.5"), line("M11 5 L4 12 L11 19"), frame());
    }

    /** A circular arrow: say it again. */
    static Icon repeat() {
        return new Icon("repeat",
                line("M19.6 12 C19.6 16.2 16.2 19.6 12 19.6 C7.8 19.6 4.4 16.2 4.4 12 C4.4 7.8 7.8 4.4 12 4.4 "
                        + "C14.3 4.4 16.3 5.4 17.7 7"),
                line("M18.4 2.6 L18 7.4 L13.2 7"),
                frame());
    }

    /** A cross: I pressed it by mistake (按错了). */
    static Icon cancel() {
        return new Icon("cancel", line("M5.5 5.5 L18.5 18.5"), line("M18.5 5.5 L5.5 18.5"), frame());
    }

    /**
     * The pictogram called {@code name} (help, check-in, announcements, talk, visit, cadre), for
     * buttons that other features describe by name (the cadre menu's actions).
     *
     * @throws IllegalArgumentException for another name
     */
    static Icon named(String name) {
        return switch (name) {
            case "help" -> help();
            case "check-in" -> checkIn();
            case "announcements" -> announcements();
            case "talk" -> talk();
            case "visit" -> visit();
            case "cadre" -> cadre();
            default -> throw new IllegalArgumentException("no icon '" + name
                    + "'; known: help, check-in, announcements, talk, visit, cadre");
        };
    }

    /** An arrow pointing right: the next page. */
    static Icon forward() {
        return new Icon("forward", line("M3.5 12 H19.5"), line("M13 5 L20 12 L13 19"), frame());
    }

    /** A person: the village cadre. */
    static Icon cadre() {
        return new Icon("cadre", solidCircle(12, 7.5, 4),
                solid("M4 21 C4 16 7.6 13.4 12 13.4 C16.4 13.4 20 16 20 21 Z"), frame());
    }

    /** A house: a visit to someone's home (走访). */
    static Icon visit() {
        return new Icon("visit", line("M3.5 11 L12 3.8 L20.5 11"), line("M6 9.5 V20 H18 V9.5"),
                line("M10 20 V14.5 H14 V20"), frame());
    }

    /** A key with a cross: take the last digit back (删除). */
    static Icon erase() {
        return new Icon("erase", line("M8.6 5.5 H20 V18.5 H8.6 L2.8 12 Z"), line("M11.5 9 L16.5 15"),
                line("M16.5 9 L11.5 15"), frame());
    }

    /** An envelope: a family member's voice message (the tile's badge, 听). */
    static Icon envelope() {
        return new Icon("envelope", line("M3 6 H21 V18.5 H3 Z"), line("M3.4 6.4 L12 13.2 L20.6 6.4"), frame());
    }

    /** A tick: confirm (确定). */
    static Icon ok() {
        return new Icon("ok", line("M4.5 12.5 L9.5 17.5 L19.5 6.5"), frame());
    }

    /** An invisible 24 x 24 square that keeps every drawing on the same grid. */
    private static Shape frame() {
        Rectangle frame = new Rectangle(0, 0, GRID, GRID);
        frame.getStyleClass().add("icon-frame");
        frame.setMouseTransparent(true);
        return frame;
    }

    private static SVGPath solid(String path) {
        SVGPath shape = new SVGPath();
        shape.setContent(path);
        shape.getStyleClass().add("icon-solid");
        return shape;
    }

    private static Circle solidCircle(double x, double y, double radius) {
        Circle circle = new Circle(x, y, radius);
        circle.getStyleClass().add("icon-solid");
        return circle;
    }

    private static SVGPath line(String path) {
        SVGPath shape = new SVGPath();
        shape.setContent(path);
        line(shape);
        return shape;
    }

    private static void line(Shape shape) {
        shape.getStyleClass().add("icon-line");
        shape.setStrokeWidth(LINE);
        shape.setStrokeLineCap(StrokeLineCap.ROUND);
        shape.setStrokeLineJoin(StrokeLineJoin.ROUND);
    }
}
