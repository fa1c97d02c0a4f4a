package org.courtyard.kiosk.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.courtyard.kiosk.core.ResidentTile;

/**
 * Residents as large photo tiles under a title, a few to a page, with big 上一页 / 下一页 buttons
 * and the page number instead of scrolling: beside the tiles on a wide screen, below them on a
 * tall one. A tile without a photo shows the first character of the name on a coloured square.
 * Used by the check-in screen and by the cadre's visit record.
 *
 * <p>How many tiles a page holds follows from the space: as many as fit (at most
 * {@value #MAX_TILES}) with photos no smaller than a fifth of the window's shorter side and room
 * for a three-character name at full size. When everybody fits on one page there are no page
 * buttons. Paging is view state: {@link #firstPage()} starts again when the screen is opened anew;
 * 下一页 on the last page goes to the first.
 */
final class TileGrid extends VBox {

    /** Most tiles on one page. */
    static final int MAX_TILES = 6;
    /** Colours of the initial avatars; each has its style class {@code avatar-N} in kiosk.css. */
    static final int AVATAR_COLOURS = 6;

    private final KioskView view;
    private final Consumer<String> onTap;
    private final Label title;
    private final Label pageLabel = new Label();
    private final HBox titleRow = new HBox();
    private final GridPane grid = new GridPane();
    private final HBox body = new HBox();
    private final HBox pager = new HBox();
    private final Region pagerLeft = new Region();
    private final Region pagerRight = new Region();
    private final Button previous;
    private final Button next;
    private final Map<String, Image> images = new HashMap<>();
    private List<ResidentTile> residents = List.of();
    private int page;
    private int perPage = 1;
    private double width;
    private double height;
    private double base = KioskView.MIN_TEXT_PX;
    private double gap = 12;

    /**
     * @param titleKey the words above the tiles
     * @param onTap called with the resident's id when their tile is tapped
     */
    TileGrid(KioskView view, String titleKey, Consumer<String> onTap) {
        this.view = view;
        this.onTap = onTap;
        getStyleClass().add("tile-grid");
        title = KioskView.label(view.text(titleKey));
        title.getStyleClass().addAll("screen-text", "page-title");
        title.setMaxWidth(Region.USE_PREF_SIZE);
        pageLabel.getStyleClass().addAll("screen-text", "page-number");
        pageLabel.setMinWidth(Region.USE_PREF_SIZE);
        previous = view.button("checkin.previous", Icon.back(), "plain-button", () -> turn(-1));
        next = view.button("checkin.next-page", Icon.forward(), "plain-button", () -> turn(1));
        HBox.setHgrow(pagerLeft, Priority.ALWAYS);
        HBox.setHgrow(pagerRight, Priority.ALWAYS);
        titleRow.setAlignment(Pos.CENTER);
        pager.setAlignment(Pos.CENTER);
        body.setAlignment(Pos.CENTER);
        grid.setAlignment(Pos.CENTER);
        setAlignment(Pos.CENTER);
    }

    /** Shows these residents, staying on the current page if it still exists. */
    void setResidents(List<ResidentTile> value) {
        residents = List.copyOf(value);
        render();
    }

    /** Back to the first page. */
    void firstPage() {
        page = 0;
        render();
    }

    /** How many pages the residents take now. */
    int pages() {
        return Math.max(1, (residents.size() + perPage - 1) / perPage);
    }

    /** Sizes everything to {@code width} x {@code height} and shows the current page again. */
    void layOut(double width, double height, double base, double gap) {
        if (width != this.width || height != this.height) {
            images.clear();
        }
        this.width = width;
        this.height = height;
        this.base = base;
        this.gap = gap;
        render();
    }

    private void turn(int step) {
        int pages = pages();
        page = ((page + step) % pages + pages) % pages;
        render();
    }

    private void render() {
        if (width <= 0 || height <= 0) {
            return;
        }
        boolean wide = width >= height;
        double titleHeight = Math.ceil(base * 1.4);
        double navHeight = Math.max(KioskView.MIN_TARGET_PX, Math.round(base * 2.2));
        // Beside the tiles the page buttons are as narrow as their three characters allow.
        double sidePadding = Math.round(gap / 4);
        double sideWidth = Math.max(KioskView.MIN_TARGET_PX, Math.ceil(base * 3.3 + 2 * sidePadding + 8));
        double tilesHeight = height - titleHeight - gap / 2;
        double minPhoto = Math.max(KioskView.MIN_TARGET_PX, Math.round(shorterSide() * 0.2));

        Layout all = Layout.best(width, tilesHeight, base, gap, minPhoto);
        boolean paged = residents.size() > all.count();
        Layout layout = !paged ? all : wide
                ? Layout.best(width - 2 * (sideWidth + gap), tilesHeight, base, gap, minPhoto)
                : Layout.best(width, tilesHeight - navHeight - gap, base, gap, minPhoto);
        perPage = layout.count();
        page = Math.min(page, pages() - 1);
        pageLabel.setText(view.text("checkin.page", page + 1, pages()));

        setSpacing(gap / 2);
        titleRow.setSpacing(gap);
        titleRow.setMinHeight(titleHeight);
        titleRow.getChildren().setAll(title);
        body.setSpacing(gap);
        pager.setSpacing(gap);
        for (Button button : List.of(previous, next)) {
            ((Icon) button.getGraphic()).size(Math.round(base * 1.1));
            // Below the tiles of a narrow screen there is room for the words only.
            button.setStyle("-fx-graphic-text-gap: " + gap / 3 + "px; -fx-padding: " + (wide ? sidePadding : gap / 2)
                    + "px;");
            button.setContentDisplay(wide ? ContentDisplay.TOP : ContentDisplay.TEXT_ONLY);
            if (wide) {
                button.setMinSize(sideWidth, KioskView.MIN_TARGET_PX);
                button.setPrefSize(sideWidth, layout.rows() * layout.tileHeight() + (layout.rows() - 1) * gap);
                button.setMaxSize(sideWidth, Double.MAX_VALUE);
            } else {
                button.setMinSize(Region.USE_PREF_SIZE, navHeight);
                button.setPrefSize(Region.USE_COMPUTED_SIZE, navHeight);
                button.setMaxSize(Region.USE_PREF_SIZE, navHeight);
            }
        }
        if (paged && wide) {
            titleRow.getChildren().add(pageLabel);
            body.getChildren().setAll(previous, grid, next);
            getChildren().setAll(titleRow, body);
        } else if (paged) {
            pager.getChildren().setAll(previous, pagerLeft, pageLabel, pagerRight, next);
            body.getChildren().setAll(grid);
            getChildren().setAll(titleRow, body, pager);
        } else {
            body.getChildren().setAll(grid);
            getChildren().setAll(titleRow, body);
        }

        grid.getChildren().clear();
        grid.setHgap(gap);
        grid.setVgap(gap);
        int from = page * perPage;
        int to = Math.min(residents.size(), from + perPage);
        for (int i = from; i < to; i++) {
            int slot = i - from;
            grid.add(tile(residents.get(i), layout), slot % layout.columns(), slot / layout.columns());
        }
    }

    /** The shorter side of the window, for the smallest photo worth showing. */
    private double shorterSide() {
        return getScene() == null ? Math.min(width, height) : Math.min(getScene().getWidth(), getScene().getHeight());
    }

    private Button tile(ResidentTile resident, Layout layout) {
        // A long name gets a smaller font, never under the minimum, and a second line if need be
        // (the photo gives up the room for it).
        double room = layout.tileWidth() - 2 * layout.padding();
        int length = resident.name().codePointCount(0, resident.name().length());
        double font = Math.max(KioskView.MIN_TEXT_PX, Math.min(layout.nameFont(), Math.floor(room / (length + 0.4))));
        boolean twoLines = font * (length + 0.4) > room;
        double photo = Math.max(KioskView.MIN_TEXT_PX, layout.photo() - (twoLines ? font * 1.3 : 0));
        Node picture = resident.photo() == null ? avatar(resident, photo) : photo(resident.photo(), photo);
        Button tile = new Button(resident.name(), picture);
        tile.getStyleClass().addAll("kiosk-button", "tile-button");
        tile.setFocusTraversable(false);
        tile.setContentDisplay(ContentDisplay.TOP);
        tile.setWrapText(twoLines);
        tile.setOnAction(event -> onTap.accept(resident.id()));
        tile.setMinSize(layout.tileWidth(), layout.tileHeight());
        tile.setPrefSize(layout.tileWidth(), layout.tileHeight());
        tile.setMaxSize(layout.tileWidth(), layout.tileHeight());
        tile.setStyle("-fx-font-size: " + font + "px; -fx-padding: " + layout.padding() + "px; -fx-graphic-text-gap: "
                + layout.textGap() + "px;");
        tile.setUserData(resident.id());
        return tile;
    }

    private Node photo(Path file, double side) {
        String key = file + "@" + Math.round(side);
        // Decoded at the size shown: a full photo per tile would crowd a Pi's memory.
        Image image = images.computeIfAbsent(key, k -> new Image(file.toUri().toString(), side, side, true, true));
        ImageView imageView = new ImageView(image);
        imageView.setFitWidth(side);
        imageView.setFitHeight(side);
        imageView.setPreserveRatio(true);
        StackPane frame = new StackPane(imageView);
        frame.getStyleClass().add("photo-frame");
        frame.setMinSize(side, side);
        frame.setPrefSize(side, side);
        frame.setMaxSize(side, side);
        Rectangle clip = new Rectangle(side, side);
        clip.setArcWidth(side * 0.12);
        clip.setArcHeight(side * 0.12);
        frame.setClip(clip);
        return frame;
    }

    private static Node avatar(ResidentTile resident, double side) {
        Label letter = new Label(resident.initial());
        letter.getStyleClass().addAll("avatar", "avatar-" + Math.floorMod(resident.id().hashCode(), AVATAR_COLOURS));
        letter.setAlignment(Pos.CENTER);
        letter.setMinSize(side, side);
        letter.setPrefSize(side, side);
        letter.setMaxSize(side, side);
        letter.setStyle("-fx-font-size: " + Math.max(KioskView.MIN_TEXT_PX, Math.round(side * 0.55)) + "px;");
        letter.setPadding(Insets.EMPTY);
        return letter;
    }

    /**
     * One way to fill the space: {@code columns} x {@code rows} tiles of the given size, with the
     * photo square, the name's font, the padding and the gap between photo and name.
     */
    record Layout(int columns, int rows, double tileWidth, double tileHeight, double photo, double nameFont,
            double padding, double textGap) {

        int count() {
            return columns * rows;
        }

        /**
         * The layout with the most tiles (ties: the bigger photo) whose photos are at least
         * {@code minPhoto} and whose tiles hold a three-character name at full size and a
         * four-character one (欧阳秀英) at the smallest; one big tile when nothing fits.
         */
        static Layout best(double width, double height, double base, double gap, double minPhoto) {
            Layout best = null;
            for (int rows = 1; rows <= 3; rows++) {
                for (int columns = 1; columns * rows <= MAX_TILES; columns++) {
                    Layout candidate = of(columns, rows, width, height, base, gap);
                    boolean fits = candidate.photo() >= minPhoto
                            && candidate.tileWidth() >= Math.max(candidate.nameFont() * 3.4,
                                    KioskView.MIN_TEXT_PX * 4.4) + 2 * candidate.padding()
                            && candidate.tileHeight() >= KioskView.MIN_TARGET_PX;
                    if (fits && (best == null || candidate.count() > best.count()
                            || candidate.count() == best.count() && candidate.photo() > best.photo())) {
                        best = candidate;
                    }
                }
            }
            return best != null ? best : of(1, 1, width, height, base, gap);
        }

        static Layout of(int columns, int rows, double width, double height, double base, double gap) {
            double tileWidth = Math.floor((width - (columns - 1) * gap) / columns);
            double tileHeight = Math.floor((height - (rows - 1) * gap) / rows);
            double padding = Math.round(gap / 2);
            double textGap = Math.round(gap / 3);
            double nameFont = Math.max(KioskView.MIN_TEXT_PX, Math.round(base * 1.1));
            double photo = Math.floor(Math.min(tileWidth - 2 * padding,
                    tileHeight - 2 * padding - textGap - nameFont * 1.4));
            return new Layout(columns, rows, Math.max(0, tileWidth), Math.max(0, tileHeight), Math.max(0, photo),
                    nameFont, padding, textGap);
        }
    }

    /** The tiles on the page now, for tests. */
    List<Button> tiles() {
        List<Button> out = new ArrayList<>();
        for (Node node : grid.getChildren()) {
            out.add((Button) node);
        }
        return out;
    }
}
