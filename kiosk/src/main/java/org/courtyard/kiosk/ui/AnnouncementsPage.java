package org.courtyard.kiosk.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;
import org.courtyard.kiosk.core.ShownAnnouncement;

/**
 * The announcements screen: one current announcement at a time, newest first, in large text, with a
 * big blue 播放 button (its audio on the kiosk's own speaker) and big 上一条 / 下一条 buttons instead
 * of a scroll list. A text too long for the window is split into sheets that the same buttons page
 * through, so nothing is ever cut off or scrolled. Without announcements it says so.
 *
 * <p>How much fits on a sheet is estimated from the window: every character is counted as wide as
 * a Chinese one (a little over 1 em) and every line as 1.65 em high, which errs towards sheets that
 * are too short, never too long.
 */
final class AnnouncementsPage {

    /** Smallest text of an announcement, in px: larger than the rest of the screen's minimum. */
    static final double MIN_TEXT_PX = 40;

    /** One screenful: part of one announcement. {@code title} is on its first sheet(s) only. */
    record Sheet(int index, String id, String title, String body, boolean emergency, boolean playable, int part,
            int parts) {
    }

    private final KioskViewModel model;
    private final VBox root = new VBox();
    private final VBox page = new VBox();
    private final VBox empty = new VBox();
    private final FlowPane header = new FlowPane();
    private final Label position = new Label();
    private final Label emergency = new Label();
    private final Label title = new Label();
    private final Label body = new Label();
    private final Icon emptyIcon = Icon.announcements();
    private final Button previous;
    private final Button play;
    private final Button next;
    private final VBox controls = new VBox();
    private final Region left = new Region();
    private final Region right = new Region();
    private boolean narrow;

    private List<ShownAnnouncement> announcements = List.of();
    private List<Sheet> sheets = List.of();
    private int shown;
    private int perLine = 12;
    private int lines = 4;
    private double font;
    private double controlsFont;
    private double buttonRows;
    private double gap;

    AnnouncementsPage(KioskViewModel model) {
        this.model = model;
        previous = button("announcements.previous", null, "plain-button", this::previous);
        next = button("announcements.next", null, "plain-button", this::next);
        play = button("announcements.play", Icon.announcements(), "announcements-button", this::play);

        position.getStyleClass().addAll("status-text", "announcement-position");
        emergency.setText(model.text("announcements.emergency"));
        emergency.getStyleClass().add("announcement-emergency");
        // A FlowPane: in a narrow window the 紧急 badge goes under the position instead of cutting it.
        header.getChildren().setAll(position, emergency);
        header.getStyleClass().add("announcement-header");
        header.setAlignment(Pos.CENTER_LEFT);

        for (Label label : List.of(title, body)) {
            label.setWrapText(true);
            label.setTextAlignment(TextAlignment.LEFT);
            label.setAlignment(Pos.TOP_LEFT);
            label.setMaxWidth(Double.MAX_VALUE);
            label.setMinHeight(Region.USE_PREF_SIZE);
        }
        title.getStyleClass().add("announcement-title");
        body.getStyleClass().add("announcement-body");

        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        controls.setAlignment(Pos.CENTER);
        arrangeControls(false);
        page.getChildren().addAll(header, title, body, spacer, controls);
        page.setAlignment(Pos.TOP_LEFT);

        Label none = new Label(model.text("announcements.empty"));
        none.getStyleClass().add("screen-text");
        none.setWrapText(true);
        empty.getChildren().addAll(emptyIcon, none);
        empty.setAlignment(Pos.CENTER);

        root.getStyleClass().addAll("message-screen", "announcements-screen");
        root.getChildren().setAll(new StackPane(page, empty));
        VBox.setVgrow(root.getChildren().get(0), Priority.ALWAYS);
        model.announcementsProperty().addListener((obs, was, now) -> update(now));
        // The window's real room for the page is known only after layout: fit the sheets to it then.
        root.heightProperty().addListener((obs, was, now) -> fit(now.doubleValue()));
        update(model.announcementsProperty().get());
    }

    Node node() {
        return root;
    }

    /** Back to the newest announcement, as when the screen is opened. */
    void showFirst() {
        shown = 0;
        render();
    }

    /** The sheet on screen; for tests. */
    Sheet current() {
        return sheets.isEmpty() ? null : sheets.get(shown);
    }

    private void update(List<ShownAnnouncement> list) {
        String showing = sheets.isEmpty() ? null : sheets.get(shown).id();
        announcements = list;
        paginate();
        // Stay on the announcement that was shown, if it is still there; else start at the newest.
        shown = 0;
        for (int i = 0; showing != null && i < sheets.size(); i++) {
            if (sheets.get(i).id().equals(showing)) {
                shown = i;
                break;
            }
        }
        render();
    }

    private void previous() {
        if (shown > 0) {
            shown--;
            render();
        }
    }

    private void next() {
        if (shown < sheets.size() - 1) {
            shown++;
            render();
        }
    }

    private void play() {
        if (!sheets.isEmpty()) {
            model.playAnnouncement(sheets.get(shown).id());
        }
    }

    /**
     * One row (上一条, 播放, 下一条) where the window is wide enough; in a narrow portrait window the
     * play button gets a row of its own above the other two.
     */
    private void arrangeControls(boolean inTwoRows) {
        narrow = inTwoRows;
        if (inTwoRows) {
            HBox paging = new HBox(previous, left, next);
            paging.setAlignment(Pos.CENTER);
            play.setMaxWidth(Double.MAX_VALUE);
            controls.getChildren().setAll(play, paging);
        } else {
            HBox row = new HBox(previous, left, play, right, next);
            row.setAlignment(Pos.CENTER);
            play.setMaxWidth(Region.USE_PREF_SIZE);
            controls.getChildren().setAll(row);
        }
    }

    private void render() {
        boolean any = !sheets.isEmpty();
        show(page, any);
        show(empty, !any);
        if (!any) {
            return;
        }
        Sheet sheet = sheets.get(shown);
        position.setText(model.text("announcements.position", sheet.index() + 1, announcements.size())
                + (sheet.parts() > 1 ? "  (" + (sheet.part() + 1) + "/" + sheet.parts() + ")" : ""));
        show(emergency, sheet.emergency());
        title.setText(sheet.title() == null ? "" : sheet.title());
        show(title, sheet.title() != null);
        body.setText(sheet.body() == null ? "" : sheet.body());
        show(body, sheet.body() != null);
        show(play, sheet.playable());
        // Hidden but kept in place, so the other buttons do not jump.
        previous.setVisible(shown > 0);
        next.setVisible(shown < sheets.size() - 1);
    }

    private static void show(Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }

    /**
     * Sizes the page for a content area of {@code width} x {@code height}: text at the base size
     * (never under {@link KioskView#MIN_TEXT_PX}), buttons at least {@link KioskView#MIN_TARGET_PX},
     * and sheets that fit what is left.
     */
    void resize(double width, double height, double base, double gapSize) {
        double gap = gapSize;
        double button = Math.max(KioskView.MIN_TARGET_PX, Math.round(Math.min(height * 0.3, base * 2.4)));
        for (Button b : List.of(previous, play, next)) {
            b.setMinHeight(button);
            b.setPrefHeight(button);
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.setStyle("-fx-graphic-text-gap: " + gap / 2 + "px;");
        }
        ((Icon) play.getGraphic()).size(Math.round(button * 0.55));
        emptyIcon.size(Math.max(KioskView.MIN_TARGET_PX, Math.round(height * 0.3)));
        // The page's words and buttons a little smaller than the rest of the screen on big windows,
        // so more of the text fits on a sheet; the announcement itself never under MIN_TEXT_PX,
        // since elders read it at arm's length.
        double controlsFont = Math.max(KioskView.MIN_TEXT_PX, Math.round(base * 0.8));
        double font = Math.max(MIN_TEXT_PX, controlsFont);
        root.setStyle("-fx-font-size: " + controlsFont + "px;");
        for (Label label : List.of(title, body)) {
            label.setStyle("-fx-font-size: " + font + "px;");
        }
        header.setHgap(gap);
        header.setVgap(gap / 4);
        header.setPrefWrapLength(width);
        boolean twoRows = width < controlsFont * 15;
        if (twoRows != narrow || controls.getChildren().isEmpty()) {
            arrangeControls(twoRows);
        }
        controls.setSpacing(gap / 2);
        for (Node row : controls.getChildren()) {
            if (row instanceof HBox box) {
                box.setSpacing(gap);
            }
        }
        page.setSpacing(gap / 2);
        empty.setSpacing(gap);
        this.font = font;
        this.controlsFont = controlsFont;
        this.gap = gap;
        this.buttonRows = twoRows ? 2 * button + gap / 2 : button;
        perLine = Math.max(4, (int) Math.floor(width / (font * 1.05)));
        // Until the page is laid out, the height the window leaves for it is an estimate.
        fit(root.getHeight() > 0 ? root.getHeight() : height);
    }

    /** Splits the text into sheets that fit a page {@code height} high. */
    private void fit(double height) {
        if (font <= 0 || height <= 0) {
            return;
        }
        // A line of CJK text is about 1.62 em high with the Noto and WenQuanYi fonts.
        double line = font * 1.65;
        // The header is a line of the controls' smaller text, two when the 紧急 badge wraps under it.
        double header = controlsFont * 1.65 * (narrow ? 2 : 1);
        double textHeight = height - header - buttonRows - 2.5 * gap;
        int fitting = Math.max(1, (int) Math.floor(textHeight / line));
        if (fitting == lines && !sheets.isEmpty()) {
            return;
        }
        lines = fitting;
        String showing = sheets.isEmpty() ? null : sheets.get(shown).id();
        paginate();
        shown = 0;
        for (int i = 0; showing != null && i < sheets.size(); i++) {
            if (sheets.get(i).id().equals(showing)) {
                shown = i;
                break;
            }
        }
        render();
    }

    private void paginate() {
        List<Sheet> out = new ArrayList<>();
        for (int i = 0; i < announcements.size(); i++) {
            ShownAnnouncement announcement = announcements.get(i);
            List<String[]> parts = new ArrayList<>();
            List<String> titleSheets = split(announcement.title(), perLine, lines, lines);
            for (int t = 0; t < titleSheets.size() - 1; t++) {
                parts.add(new String[] {titleSheets.get(t), null});
            }
            String lastTitle = titleSheets.get(titleSheets.size() - 1);
            int free = lines - linesOf(lastTitle, perLine);
            String text = announcement.text();
            if (text == null) {
                parts.add(new String[] {lastTitle, null});
            } else {
                List<String> bodySheets = split(text, perLine, Math.max(0, free), lines);
                if (free <= 0 || bodySheets.get(0).isEmpty()) {
                    parts.add(new String[] {lastTitle, null});
                    if (bodySheets.get(0).isEmpty()) {
                        bodySheets = bodySheets.subList(1, bodySheets.size());
                    }
                    for (String sheet : bodySheets) {
                        parts.add(new String[] {null, sheet});
                    }
                } else {
                    parts.add(new String[] {lastTitle, bodySheets.get(0)});
                    for (String sheet : bodySheets.subList(1, bodySheets.size())) {
                        parts.add(new String[] {null, sheet});
                    }
                }
            }
            for (int p = 0; p < parts.size(); p++) {
                out.add(new Sheet(i, announcement.id(), parts.get(p)[0], parts.get(p)[1],
                        announcement.priority() == org.courtyard.protocol.Priority.EMERGENCY, announcement.playable(),
                        p, parts.size()));
            }
        }
        sheets = out;
    }

    /**
     * Splits {@code text} into sheets of at most {@code lines} lines of {@code perLine} characters,
     * the first sheet having only {@code firstLines} (it may then be empty); paragraphs are kept
     * whole where they fit.
     */
    static List<String> split(String text, int perLine, int firstLines, int lines) {
        List<String> sheets = new ArrayList<>();
        StringBuilder sheet = new StringBuilder();
        int room = firstLines;
        for (String paragraph : text.strip().split("\n")) {
            String rest = paragraph.strip();
            do {
                int need = Math.max(1, (rest.length() + perLine - 1) / perLine);
                if (need <= room) {
                    append(sheet, rest);
                    room -= need;
                    rest = "";
                } else if (room > 0) {
                    int take = room * perLine;
                    append(sheet, rest.substring(0, take));
                    rest = rest.substring(take);
                    room = 0;
                }
                if (room == 0 && (!rest.isEmpty() || sheet.length() > 0)) {
                    sheets.add(sheet.toString());
                    sheet.setLength(0);
                    room = lines;
                }
            } while (!rest.isEmpty());
        }
        if (sheet.length() > 0 || sheets.isEmpty()) {
            sheets.add(sheet.toString());
        }
        return sheets;
    }

    private static void append(StringBuilder sheet, String line) {
        if (sheet.length() > 0) {
            sheet.append('\n');
        }
        sheet.append(line);
    }

    private static int linesOf(String text, int perLine) {
        int total = 0;
        for (String paragraph : text.split("\n")) {
            total += Math.max(1, (paragraph.length() + perLine - 1) / perLine);
        }
        return total;
    }

    private Button button(String key, Icon icon, String styleClass, Runnable action) {
        Button button = new Button(model.text(key), icon);
        button.getStyleClass().addAll("kiosk-button", styleClass);
        button.setFocusTraversable(false);
        button.setWrapText(false);
        button.setOnAction(event -> action.run());
        return button;
    }
}
