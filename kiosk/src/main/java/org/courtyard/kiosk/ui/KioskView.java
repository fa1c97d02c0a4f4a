package org.courtyard.kiosk.ui;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TouchEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.courtyard.kiosk.core.LinkState;
import org.courtyard.kiosk.core.Screen;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's screens, built once and swapped as the model's screen changes. Colours and fonts
 * come from {@code kiosk.css}; sizes come from the window: one base text size (at least
 * {@link #MIN_TEXT_PX}) grows with the shorter side of the window, and every button is at least
 * {@link #MIN_TARGET_PX} in both directions, so one layout serves 800x480 to 1920x1080, landscape
 * or portrait.
 *
 * <p>Only whole-screen taps exist: no gestures, no double taps, no scrolling. Every press anywhere
 * restarts the kiosk's idle timer.
 */
final class KioskView {

    /** Smallest text on an elder's screen, in px. */
    static final double MIN_TEXT_PX = 32;
    /** 20 mm at 96 dpi: the smallest touch target, in px. */
    static final double MIN_TARGET_PX = 76;
    /**
     * CJK-capable families, best first. JavaFX CSS takes only the first name of a font-family list
     * and draws empty boxes for Chinese when that family is missing, so the view picks the first
     * installed one itself.
     */
    static final List<String> FONT_FAMILIES = List.of("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
            "Source Han Sans CN", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", "AR PL UMing CN");

    private static final Logger LOG = LoggerFactory.getLogger(KioskView.class);
    private static final String STYLESHEET = Objects.requireNonNull(KioskView.class.getResource("kiosk.css"),
            "kiosk.css is missing from the jar").toExternalForm();

    private final KioskViewModel model;
    private final String fontFamily;
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();

    private final GridPane home = new GridPane();
    private final List<Button> homeButtons;
    private final HelpPage helpPage;
    private final HBox band = new HBox();
    private final Label bandLabel = new Label();
    private final CheckInPage checkInPage;
    private final PinPadPage pinPadPage;
    private final CadrePage cadrePage;
    private final VisitPage visitPage;
    private final CadrePlayPage cadrePlayPage;
    private final CadreLivePage cadreLivePage;
    private final AnnouncementsPage announcementsPage;
    private final VBox listeningScreen;
    private final List<Icon> screenIcons;

    private final Button back;
    private final Button repeat;
    private final Button cadreEntry;
    private final FlowPane status = new FlowPane();
    private final HBox navigation = new HBox();
    private final Circle linkDot = new Circle();
    private final Label linkLabel = new Label();
    private final Label problemsLabel = new Label();
    private final Label simStrip = new Label();

    KioskView(KioskViewModel model) {
        this.model = model;
        this.fontFamily = chooseFontFamily();

        Button help = button("home.help", Icon.help(), "help-button", model::help);
        // 求助中 while a request is open; a press then opens its status (and counts as a press again).
        help.textProperty().bind(Bindings.when(model.helpOpenProperty())
                .then(model.text("home.help.open")).otherwise(model.text("home.help")));
        Button checkIn = button("home.checkin", Icon.checkIn(), "checkin-button", model::checkIn);
        Button announcements = button("home.announcements", Icon.announcements(), "announcements-button",
                model::announcements);
        Button talk = button("home.talk", Icon.talk(), "talk-button", model::talk);
        homeButtons = List.of(help, checkIn, announcements, talk);
        buildHome();

        helpPage = new HelpPage(this, model);

        Icon talkIcon = Icon.talk();
        screenIcons = List.of(talkIcon);
        checkInPage = new CheckInPage(this, model);
        pinPadPage = new PinPadPage(this, model);
        cadrePage = new CadrePage(this, model);
        visitPage = new VisitPage(this, model);
        cadrePlayPage = new CadrePlayPage(this, model);
        cadreLivePage = new CadreLivePage(this, model);
        announcementsPage = new AnnouncementsPage(model);
        Label voice = label("");
        voice.textProperty().bind(model.voiceTextProperty());
        listeningScreen = messageScreen("listening-screen", talkIcon, voice);
        Label heard = label("");
        heard.getStyleClass().addAll("screen-text", "heard-text");
        heard.textProperty().bind(model.heardTextProperty());
        showWhen(heard, model.heardTextProperty().isNotEmpty());
        listeningScreen.getChildren().add(heard);

        back = button("ui.back", Icon.back(), "plain-button", model::home);
        repeat = button("ui.repeat", Icon.repeat(), "plain-button", model::repeat);
        // Discreet: grey, small, bottom left, on the home screen only; still a full-size target.
        cadreEntry = button("cadre.entry", Icon.cadre(), "plain-button", model::enterCadre);
        cadreEntry.getStyleClass().add("cadre-entry");
        root.setTop(new VBox(buildStatus(), buildBand()));
        root.setCenter(content);
        root.setBottom(buildNavigation());
        root.setStyle("-fx-font-family: \"" + fontFamily + "\";");

        model.screenProperty().addListener((obs, was, now) -> show(now));
        show(model.screenProperty().get());
    }

    /**
     * A scene for the kiosk: the stylesheet, sizes that follow the window, the idle timer on every
     * press, and (with simulated hardware) the keys H and L for the physical help button.
     */
    Scene createScene(double width, double height) {
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(STYLESHEET);
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, event -> model.touch());
        scene.addEventFilter(TouchEvent.TOUCH_PRESSED, event -> model.touch());
        if (model.simulated()) {
            installSimulatorKeys(scene);
        }
        scene.widthProperty().addListener((obs, was, now) -> resize(scene.getWidth(), scene.getHeight()));
        scene.heightProperty().addListener((obs, was, now) -> resize(scene.getWidth(), scene.getHeight()));
        resize(width, height);
        return scene;
    }

    /** The family the screens use: the first installed of {@link #FONT_FAMILIES}. */
    String fontFamily() {
        return fontFamily;
    }

    /** The first installed of {@link #FONT_FAMILIES}, else any CJK family, else the default (with a warning). */
    static String chooseFontFamily() {
        List<String> installed = Font.getFamilies();
        for (String family : FONT_FAMILIES) {
            if (installed.contains(family)) {
                return family;
            }
        }
        for (String family : installed) {
            String lower = family.toLowerCase(Locale.ROOT);
            if (lower.contains("cjk") || lower.contains("wenquanyi") || lower.contains("han sans")) {
                return family;
            }
        }
        LOG.warn("No Chinese font is installed (tried {}); Chinese text may show as empty boxes. "
                + "Install fonts-noto-cjk or fonts-wqy-microhei.", FONT_FAMILIES);
        return Font.getDefault().getFamily();
    }

    private void installSimulatorKeys(Scene scene) {
        // A held key repeats KEY_PRESSED; only the first press of each hold counts.
        Set<KeyCode> held = EnumSet.noneOf(KeyCode.class);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            KeyCode code = event.getCode();
            if (code != KeyCode.H && code != KeyCode.L) {
                return;
            }
            event.consume();
            if (!held.add(code)) {
                return;
            }
            if (code == KeyCode.H) {
                model.pressHardwareButton();
            } else {
                model.longPressHardwareButton();
            }
        });
        scene.addEventFilter(KeyEvent.KEY_RELEASED, event -> held.remove(event.getCode()));
    }

    private void buildHome() {
        home.getStyleClass().add("home");
        for (int i = 0; i < 2; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(50);
            column.setHgrow(Priority.ALWAYS);
            home.getColumnConstraints().add(column);
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(50);
            row.setVgrow(Priority.ALWAYS);
            home.getRowConstraints().add(row);
        }
        // Help first, where the eye starts; the same places in landscape and portrait, so an
        // elder who learnt "red, top left" finds it again on any kiosk.
        for (int i = 0; i < homeButtons.size(); i++) {
            Button button = homeButtons.get(i);
            button.getStyleClass().add("home-button");
            button.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            home.add(button, i % 2, i / 2);
        }
    }

    /**
     * The band across the top of the home screen while a request is open: an icon and the state in
     * words (who acknowledged, minutes since the press; offline: what the kiosk knows), in the
     * state's colour. The idle minute returns to home, where it shows; it never hides it.
     */
    private Node buildBand() {
        Icon icon = Icon.help();
        bandLabel.getStyleClass().addAll("status-text", "band-text");
        bandLabel.setWrapText(true);
        bandLabel.textProperty().bind(model.bandTextProperty());
        HBox.setHgrow(bandLabel, Priority.ALWAYS);
        bandLabel.setMaxWidth(Double.MAX_VALUE);
        band.getChildren().addAll(icon, bandLabel);
        band.getStyleClass().add("help-band");
        band.setAlignment(Pos.CENTER_LEFT);
        model.bandStyleProperty().addListener((obs, was, now) -> styleBand(now));
        styleBand(model.bandStyleProperty().get());
        BooleanBinding shown = model.helpOpenProperty()
                .and(model.screenProperty().isEqualTo(Screen.HOME));
        showWhen(band, shown);
        // The band takes its room from the home buttons: lay them out again when it comes, goes or
        // needs another line.
        shown.addListener((obs, was, now) -> layOutAgain());
        model.bandTextProperty().addListener((obs, was, now) -> layOutAgain());
        return band;
    }

    private void layOutAgain() {
        if (root.getScene() != null) {
            resize(root.getScene().getWidth(), root.getScene().getHeight());
        }
    }

    private void styleBand(String style) {
        band.getStyleClass().removeIf(name -> name.startsWith("band-"));
        if (!style.isEmpty()) {
            band.getStyleClass().add(style);
        }
    }

    private VBox messageScreen(String styleClass, Icon icon, Label text) {
        text.getStyleClass().add("screen-text");
        VBox screen = new VBox(icon, text);
        screen.getStyleClass().addAll("message-screen", styleClass);
        screen.setAlignment(Pos.CENTER);
        return screen;
    }

    /**
     * The status strip across the top: the link, and device problems when there are any. A
     * FlowPane, so that on a narrow portrait screen the problems move to a second row instead of
     * squeezing the link text.
     */
    private Node buildStatus() {
        linkDot.getStyleClass().add("link-dot");
        linkLabel.getStyleClass().add("status-text");
        linkLabel.textProperty().bind(model.linkTextProperty());
        problemsLabel.getStyleClass().addAll("status-text", "problems");
        problemsLabel.textProperty().bind(model.problemsTextProperty());
        showWhen(problemsLabel, model.problemsTextProperty().isNotEmpty());
        model.linkProperty().addListener((obs, was, now) -> styleLink(now));
        styleLink(model.linkProperty().get());

        HBox linkLine = new HBox(linkDot, linkLabel);
        linkLine.getStyleClass().add("link-line");
        linkLine.setAlignment(Pos.CENTER_LEFT);
        status.getChildren().addAll(linkLine, problemsLabel);
        status.getStyleClass().add("status");
        status.setAlignment(Pos.CENTER_LEFT);
        status.setRowValignment(VPos.CENTER);
        return status;
    }

    /** 返回 on the left (not on the home screen), 再听一遍 on the right; the sim strip below. */
    private Node buildNavigation() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        navigation.getChildren().addAll(back, cadreEntry, spacer, repeat);
        navigation.getStyleClass().add("navigation");
        navigation.setAlignment(Pos.CENTER);

        VBox bottom = new VBox(navigation);
        if (model.simulated()) {
            simStrip.getStyleClass().add("sim-strip");
            simStrip.textProperty().bind(model.simTextProperty());
            simStrip.setMaxWidth(Double.MAX_VALUE);
            simStrip.setWrapText(true);
            bottom.getChildren().add(simStrip);
        }
        return bottom;
    }

    private void show(Screen screen) {
        Node page = switch (screen) {
            case HOME -> home;
            case HELP -> helpPage;
            case CHECK_IN -> checkInPage;
            case ANNOUNCEMENTS -> announcementsPage.node();
            case LISTENING -> listeningScreen;
            case CADRE_PIN -> pinPadPage;
            case CADRE -> cadrePage;
            case CADRE_VISIT -> visitPage;
            case CADRE_PLAY -> cadrePlayPage;
            case CADRE_LIVE -> cadreLivePage;
        };
        boolean fresh = content.getChildren().isEmpty() || content.getChildren().get(0) != page;
        if (fresh && screen == Screen.ANNOUNCEMENTS) {
            announcementsPage.showFirst();
        }
        if (fresh && screen == Screen.CHECK_IN) {
            checkInPage.opened();
        }
        if (fresh && screen == Screen.CADRE_VISIT) {
            visitPage.opened();
        }
        if (fresh && screen == Screen.CADRE_PLAY) {
            cadrePlayPage.opened();
        }
        content.getChildren().setAll(page);
        back.setVisible(screen != Screen.HOME);
        back.setManaged(screen != Screen.HOME);
        cadreEntry.setVisible(screen == Screen.HOME);
        cadreEntry.setManaged(screen == Screen.HOME);
    }

    private void styleLink(LinkState state) {
        linkDot.getStyleClass().removeIf(style -> style.startsWith("link-"));
        linkDot.getStyleClass().addAll("link-dot", "link-" + state.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Sizes everything from the window. The base text grows with the shorter side and never goes
     * under {@link #MIN_TEXT_PX}; buttons never under {@link #MIN_TARGET_PX}.
     */
    private void resize(double width, double height) {
        if (width <= 0 || height <= 0) {
            return;
        }
        double shorter = Math.min(width, height);
        double base = Math.max(MIN_TEXT_PX, Math.round(shorter * 0.07));
        double gap = Math.round(base * 0.4);
        root.setStyle("-fx-font-family: \"" + fontFamily + "\"; -fx-font-size: " + base + "px;");

        status.setHgap(gap * 2);
        status.setVgap(gap / 4);
        status.setPadding(new Insets(gap / 4, gap, gap / 4, gap));
        status.setPrefWrapLength(width - 2 * gap);
        linkDot.setRadius(Math.round(base * 0.3));
        ((HBox) linkDot.getParent()).setSpacing(gap / 2);

        double navButton = Math.max(MIN_TARGET_PX, Math.round(base * 2.2));
        for (Button button : List.of(back, repeat, cadreEntry)) {
            button.setMinHeight(navButton);
            button.setPrefHeight(navButton);
            button.setMinWidth(Region.USE_PREF_SIZE);
            ((Icon) button.getGraphic()).size(Math.round(base * 1.1));
            button.setStyle("-fx-graphic-text-gap: " + gap / 2 + "px;");
        }
        navigation.setSpacing(gap);
        navigation.setPadding(new Insets(gap / 2, gap, gap / 2, gap));

        // What is left for the page: the window less the status strip (one line of base text,
        // two in portrait when there are problems), the navigation bar and the sim strip.
        double statusHeight = base * 1.5 * (width < 15 * base ? 2 : 1) + gap / 2;
        double contentHeight = height - statusHeight - navButton - gap - (model.simulated() ? base : 0) - 1.5 * gap;
        content.setPadding(new Insets(gap / 2, gap, gap / 2, gap));

        // The band (two lines of base text at most) comes off the home buttons' height while it shows.
        band.setSpacing(gap / 2);
        band.setPadding(new Insets(gap / 4, gap, gap / 4, gap));
        ((Icon) band.getChildren().get(0)).size(Math.round(base * 1.2));
        // One to three lines, as many as its words need at this width.
        double bandFont = Math.max(MIN_TEXT_PX, Math.round(base * 0.9));
        bandLabel.setStyle("-fx-font-size: " + bandFont + "px;");
        long bandLines = Math.min(3, Math.max(1, (long) Math.ceil(
                model.bandTextProperty().get().length() * bandFont * 1.05 / (width - 2 * gap - base * 2.5))));
        double bandHeight = band.isVisible() ? bandLines * bandFont * 1.5 + gap / 2 : 0;
        band.setMinHeight(band.isVisible() ? bandHeight : 0);
        layOutHome(width - 2 * gap, contentHeight - bandHeight, base, gap);
        listeningScreen.setSpacing(gap);
        announcementsPage.resize(width - 2 * gap, contentHeight - gap, base, gap);
        // The pages below size their parts exactly, so they leave a margin for what the estimate
        // above does not know: the sim strip wraps to two lines on a narrow window.
        double pageWidth = width - 2 * gap;
        double pageHeight = contentHeight - gap / 2 - (model.simulated() && width < 20 * base ? base : 0);
        helpPage.layOut(pageWidth, pageHeight, base, gap);
        checkInPage.layOut(pageWidth, pageHeight, base, gap);
        pinPadPage.layOut(pageWidth, pageHeight, base, gap);
        cadrePage.layOut(pageWidth, pageHeight, base, gap);
        visitPage.layOut(pageWidth, pageHeight, base, gap);
        cadrePlayPage.layOut(pageWidth, pageHeight, base, gap);
        cadreLivePage.layOut(pageWidth, pageHeight, base, gap);
        for (Icon icon : screenIcons) {
            icon.size(Math.max(MIN_TARGET_PX, Math.round(contentHeight * 0.3)));
        }
    }

    /**
     * The 2 x 2 home grid in {@code width} x {@code height}. Icon beside the word where cells are
     * wide, above it where they are tall (portrait). The word's size is computed so the longest
     * word fits on one line, never under {@link #MIN_TEXT_PX}.
     */
    private void layOutHome(double width, double height, double base, double gap) {
        home.setHgap(gap);
        home.setVgap(gap);
        double cellWidth = (width - gap) / 2;
        double cellHeight = (height - gap) / 2;
        boolean tall = cellHeight >= cellWidth * 0.75;
        double padding = Math.round(gap / 2);
        double icon = Math.round(tall ? Math.min(cellHeight * 0.4, cellWidth * 0.45)
                : Math.min(cellHeight * 0.6, cellWidth * 0.3));
        icon = Math.max(base, icon);
        int longest = homeButtons.stream().mapToInt(button -> button.getText().length()).max().orElse(1);
        double textRoom = tall ? cellWidth - 2 * padding : cellWidth - 2 * padding - icon - gap;
        double text = Math.floor(Math.min(tall ? cellHeight * 0.26 : cellHeight * 0.42, textRoom / (longest + 0.5)));
        text = Math.max(MIN_TEXT_PX, Math.min(text, base * 2.2));
        for (Button button : homeButtons) {
            button.setContentDisplay(tall ? ContentDisplay.TOP : ContentDisplay.LEFT);
            button.setMinSize(MIN_TARGET_PX, MIN_TARGET_PX);
            // Inline, because the stylesheet's padding and gap would win over setters.
            button.setStyle("-fx-font-size: " + text + "px; -fx-padding: " + padding + "px; -fx-graphic-text-gap: "
                    + (tall ? gap / 2 : gap) + "px;");
            ((Icon) button.getGraphic()).size(icon);
        }
    }

    /** The bundle's text for {@code key}; for the pages. */
    String text(String key, Object... args) {
        return model.text(key, args);
    }

    /** A kiosk button with the bundle's word for {@code key}; for the pages too. */
    Button button(String key, Icon icon, String styleClass, Runnable action) {
        Button button = new Button(model.text(key), icon);
        button.getStyleClass().addAll("kiosk-button", styleClass);
        button.setFocusTraversable(false);
        button.setWrapText(false);
        button.setOnAction(event -> action.run());
        return button;
    }

    static Label label(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setTextAlignment(TextAlignment.CENTER);
        label.setAlignment(Pos.CENTER);
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }

    private static void showWhen(Node node, ObservableValue<Boolean> condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }
}
