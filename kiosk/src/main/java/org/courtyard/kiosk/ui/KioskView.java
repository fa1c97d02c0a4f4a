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
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TouchEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
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

    private final HomePage home;
    private final HelpPage helpPage;
    private final HBox band = new HBox();
    private final Label bandLabel = new Label();
    private final CheckInPage checkInPage;
    private final PinPadPage pinPadPage;
    private final CadrePage cadrePage;
    private final VisitPage visitPage;
    private final CadrePlayPage cadrePlayPage;
    private final CadreLivePage cadreLivePage;
    private final MessagesPage messagesPage;
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
    private final Label simStrip = new Label();

    KioskView(KioskViewModel model) {
        this.model = model;
        this.fontFamily = chooseFontFamily();

        home = new HomePage(this, model);

        helpPage = new HelpPage(this, model);

        Icon talkIcon = Icon.talk();
        screenIcons = List.of(talkIcon);
        checkInPage = new CheckInPage(this, model);
        pinPadPage = new PinPadPage(this, model);
        cadrePage = new CadrePage(this, model);
        visitPage = new VisitPage(this, model);
        cadrePlayPage = new CadrePlayPage(this, model);
        cadreLivePage = new CadreLivePage(this, model);
        messagesPage = new MessagesPage(this, model);
        announcementsPage = new AnnouncementsPage(model);
        Label voice = label("");
        voice.textProperty().bind(model.voiceTextProperty());
        listeningScreen = messageScreen("listening-screen", talkIcon, voice);
        Label heard = label("");
        heard.getStyleClass().addAll("screen-text", "heard-text");
        heard.textProperty().bind(model.heardTextProperty());
        showWhen(heard, model.heardTextProperty().isNotEmpty());
        listeningScreen.getChildren().add(heard);

        back = button("ui.back", Icon.back(), "plain-button", model::back);
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
     * The status strip across the top: the link. Device problems are not shown here: an elder can
     * do nothing about them, so they are for cadre mode (and the hub, through the heartbeats). A
     * FlowPane, so that what is added beside the link wraps to a second row on a narrow screen.
     */
    private Node buildStatus() {
        linkDot.getStyleClass().add("link-dot");
        linkLabel.getStyleClass().add("status-text");
        linkLabel.textProperty().bind(model.linkTextProperty());
        model.linkProperty().addListener((obs, was, now) -> styleLink(now));
        styleLink(model.linkProperty().get());

        HBox linkLine = new HBox(linkDot, linkLabel);
        linkLine.getStyleClass().add("link-line");
        linkLine.setAlignment(Pos.CENTER_LEFT);
        status.getChildren().add(linkLine);
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
            case MESSAGES -> messagesPage;
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
        // The messages screen has its own 再听一遍 (the message); a second one (the prompt) would confuse.
        repeat.setVisible(screen != Screen.MESSAGES);
        repeat.setManaged(screen != Screen.MESSAGES);
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

        // What is left for the page: the window less the status strip (one line of base text), the
        // navigation bar and the sim strip.
        double statusHeight = base * 1.5 + gap / 2;
        double contentHeight = height - statusHeight - navButton - gap - (model.simulated() ? base : 0) - 1.5 * gap;
        content.setPadding(new Insets(gap / 2, gap, gap / 2, gap));

        // The band (two lines of base text at most) comes off the home page's height while it shows.
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
        home.layOut(width - 2 * gap, contentHeight - bandHeight, width * height, bandHeight * width, base, gap);
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
        messagesPage.layOut(pageWidth, pageHeight, base, gap);
        for (Icon icon : screenIcons) {
            icon.size(Math.max(MIN_TARGET_PX, Math.round(contentHeight * 0.3)));
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
