package org.courtyard.kiosk.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
 * Residents as large tiles under a title, a page at a time, with big 上一页 / 下一页 buttons and the
 * page number instead of scrolling: beside the tiles on a wide screen, below them on a tall one.
 * A tile shows the photo with the name under it; without a photo, the whole name large on a
 * coloured tile. Someone who already checked in today gets 「今天已报」 on their tile. Used by the
 * check-in screen and by the cadre's visit record.
 *
 * <p>A page holds as many tiles as fit with photos of at least a fifth of the window's shorter side
 * ({@link #pageCapacity()}, at most {@link #MAX_TILES}); fewer residents than a page holds get bigger
 * tiles. The page buttons go round (上一页 on the first page shows the last), and they and the tiles
 * keep their places on every page: a last page that is not full leaves its empty places empty.
 * Paging is view state: {@link #firstPage()} starts again.
 */
final class TileGrid extends VBox {

    /** Most tiles on one page. */
    static final int MAX_TILES = 12;
    /** Colours of the name tiles; each has its style class {@code avatar-N} in kiosk.css. */
    static final int AVATAR_COLOURS = 6;

    private final KioskView view;
    private final Consumer<String> onTap;
    private final Label title;
    private final Label pageLabel = new Label();
    private final HBox titleRow = new HBox();
    private final GridPane grid = new GridPane();
    private int capacity = 1;
    private final HBox pager = new HBox();
    private final Region pagerLeft = new Region();
    private final Region pagerRight = new Region();
    private final Button previous;
    private final Button next;
    private final Map<String, Image> images = new HashMap<>();
    private List<ResidentTile> residents = List.of();
    private Map<String, Integer> unheard = Map.of();
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
        title.setWrapText(false);
        pageLabel.getStyleClass().addAll("screen-text", "page-number");
        pageLabel.setMinWidth(Region.USE_PREF_SIZE);
        previous = view.button("checkin.previous", Icon.back(), "plain-button", () -> turn(-1));
        next = view.button("checkin.next-page", Icon.forward(), "plain-button", () -> turn(1));
        HBox.setHgrow(pagerLeft, Priority.ALWAYS);
        HBox.setHgrow(pagerRight, Priority.ALWAYS);
        titleRow.setAlignment(Pos.CENTER);
        pager.setAlignment(Pos.CENTER);
        grid.setAlignment(Pos.TOP_LEFT);
        setAlignment(Pos.CENTER);
    }

    /** Shows these residents, staying on the current page if it still exists. */
    void setResidents(List<ResidentTile> value) {
        residents = List.copyOf(value);
        render();
    }

    /** The unheard family messages by resident: an envelope with the count on their tile (docs/family.md). */
    void setUnheard(Map<String, Integer> value) {
        if (!value.equals(unheard)) {
            unheard = Map.copyOf(value);
            render();
        }
    }

    /** The words above the tiles. */
    void setTitle(String value) {
        title.setText(value);
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

    /** How many tiles a page holds now. */
    int perPage() {
        return perPage;
    }

    /** How many tiles a page holds when the residents take more than one, at the size laid out last. */
    int pageCapacity() {
        return capacity;
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
        double shorter = shorterSide();

        Layout all = Layout.best(width, height - titleHeight - gap / 2, base, gap, shorter, residents.size());
        // Paged: on a wide screen the page buttons sit in the title row, either side of the title;
        // on a tall one in a row of their own under the tiles.
        Layout paging = wide
                ? Layout.best(width, height - navHeight - gap / 2, base, gap, shorter, Integer.MAX_VALUE)
                : Layout.best(width, height - titleHeight - navHeight - 1.5 * gap, base, gap, shorter,
                        Integer.MAX_VALUE);
        capacity = paging.count();
        boolean paged = residents.size() > all.count();
        Layout layout = paged ? paging : all;
        perPage = layout.count();
        page = Math.min(page, pages() - 1);
        pageLabel.setText(view.text("checkin.page", page + 1, pages()));

        setSpacing(gap / 2);
        titleRow.setSpacing(gap);
        pager.setSpacing(gap);
        double gridWidth = layout.columns() * layout.tileWidth() + (layout.columns() - 1) * gap;
        double gridHeight = layout.rows() * layout.tileHeight() + (layout.rows() - 1) * gap;
        for (Button button : List.of(previous, next)) {
            ((Icon) button.getGraphic()).size(Math.round(base * 1.1));
            button.setStyle("-fx-graphic-text-gap: " + gap / 3 + "px; -fx-padding: " + gap / 2 + "px;");
            // Under the tiles of a narrow screen there is room for the words only.
            button.setContentDisplay(wide ? ContentDisplay.LEFT : ContentDisplay.TEXT_ONLY);
            button.setMinSize(Region.USE_PREF_SIZE, navHeight);
            button.setPrefSize(Region.USE_COMPUTED_SIZE, navHeight);
            button.setMaxSize(Region.USE_PREF_SIZE, navHeight);
        }
        titleRow.setMinHeight(paged && wide ? navHeight : titleHeight);
        if (paged && wide) {
            VBox words = new VBox(title, pageLabel);
            words.setAlignment(Pos.CENTER);
            HBox.setHgrow(words, Priority.ALWAYS);
            double side = Math.max(previous.prefWidth(-1), next.prefWidth(-1));
            title.setMaxWidth(width - 2 * (side + gap));
            titleRow.getChildren().setAll(previous, words, next);
            titleRow.setMaxWidth(gridWidth);
            getChildren().setAll(titleRow, grid);
        } else if (paged) {
            title.setMaxWidth(width);
            titleRow.getChildren().setAll(title);
            pager.getChildren().setAll(previous, pagerLeft, pageLabel, pagerRight, next);
            pager.setMaxWidth(gridWidth);
            getChildren().setAll(titleRow, grid, pager);
        } else {
            title.setMaxWidth(width);
            titleRow.getChildren().setAll(title);
            titleRow.setMaxWidth(Region.USE_COMPUTED_SIZE);
            getChildren().setAll(titleRow, grid);
        }

        // The same size on every page, so the page buttons never move.
        grid.setMinSize(gridWidth, gridHeight);
        grid.setPrefSize(gridWidth, gridHeight);
        grid.setMaxSize(gridWidth, gridHeight);
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

    /** The shorter side of the window, for the size of photos worth showing. */
    private double shorterSide() {
        return getScene() == null ? Math.min(width, height) : Math.min(getScene().getWidth(), getScene().getHeight());
    }

    private Button tile(ResidentTile resident, Layout layout) {
        Button tile = resident.photo() == null ? nameTile(resident, layout) : photoTile(resident, layout);
        tile.getStyleClass().addAll("kiosk-button", "tile-button");
        if (resident.checkedInToday()) {
            tile.getStyleClass().add("checked-in-today");
        }
        tile.setFocusTraversable(false);
        tile.setOnAction(event -> onTap.accept(resident.id()));
        tile.setMinSize(layout.tileWidth(), layout.tileHeight());
        tile.setPrefSize(layout.tileWidth(), layout.tileHeight());
        tile.setMaxSize(layout.tileWidth(), layout.tileHeight());
        tile.setUserData(resident.id());
        return tile;
    }

    /** The photo, 「今天已报」 across its foot when it applies, the name under it. */
    private Button photoTile(ResidentTile resident, Layout layout) {
        // A long name gets a smaller font, never under the minimum, and a second line if need be
        // (the photo gives up the room for it).
        double room = layout.tileWidth() - 2 * layout.padding();
        int length = resident.name().codePointCount(0, resident.name().length());
        double font = Math.max(KioskView.MIN_TEXT_PX, Math.min(layout.nameFont(), Math.floor(room / (length + 0.4))));
        boolean twoLines = font * (length + 0.4) > room;
        double side = Math.max(KioskView.MIN_TEXT_PX, layout.photo() - (twoLines ? font * 1.3 : 0));
        StackPane frame = photo(resident.photo(), side);
        if (resident.checkedInToday()) {
            Label mark = todayMark(Math.min(room, Math.max(side, KioskView.MIN_TEXT_PX * 4.4)));
            StackPane.setAlignment(mark, Pos.BOTTOM_CENTER);
            frame.getChildren().add(mark);
            // The mark may be wider than a small photo; the frame grows with it, the photo stays.
            frame.setMinWidth(Region.USE_PREF_SIZE);
            frame.setPrefWidth(Math.max(side, mark.getPrefWidth()));
            frame.setMaxWidth(Math.max(side, mark.getPrefWidth()));
        }
        int messages = unheard.getOrDefault(resident.id(), 0);
        if (messages > 0) {
            HBox badge = envelope(messages, Math.max(KioskView.MIN_TEXT_PX, Math.round(side * 0.3)),
                    Math.max(KioskView.MIN_TEXT_PX, Math.round(side * 0.24)));
            StackPane.setAlignment(badge, Pos.TOP_RIGHT);
            frame.getChildren().add(badge);
        }
        Button tile = new Button(resident.name(), frame);
        tile.setContentDisplay(ContentDisplay.TOP);
        tile.setWrapText(twoLines);
        tile.setStyle("-fx-font-size: " + font + "px; -fx-padding: " + layout.padding() + "px; -fx-graphic-text-gap: "
                + layout.textGap() + "px;");
        return tile;
    }

    /**
     * No photo: the whole name, as large as the tile allows, white on one of six dark colours (by
     * the resident's id, so a tile keeps its colour); 「今天已报」 under it when it applies.
     */
    private Button nameTile(ResidentTile resident, Layout layout) {
        double room = layout.tileWidth() - 2 * layout.padding();
        int length = resident.name().codePointCount(0, resident.name().length());
        double mark = !resident.checkedInToday() ? 0
                : KioskView.MIN_TEXT_PX * (room < KioskView.MIN_TEXT_PX * 4.6 ? 3 : 1.5) + layout.textGap();
        int messages = unheard.getOrDefault(resident.id(), 0);
        double envelope = messages > 0 ? KioskView.MIN_TEXT_PX * 1.5 + layout.textGap() : 0;
        double height = layout.tileHeight() - 2 * layout.padding() - mark - envelope;
        // One line as large as fits; two lines only for a long name that would otherwise be small.
        double font = Math.floor(Math.min(room / (length + 0.5), Math.min(height / 1.5, layout.nameFont() * 2)));
        boolean wrap = font < KioskView.MIN_TEXT_PX * 1.2 && length >= 4;
        if (wrap) {
            font = Math.floor(Math.min(room / ((length + 1) / 2 + 0.5), Math.min(height / 3, layout.nameFont() * 2)));
        }
        font = Math.max(KioskView.MIN_TEXT_PX, font);
        Button tile = new Button(resident.name());
        tile.getStyleClass().addAll("name-tile", "avatar-" + Math.floorMod(resident.id().hashCode(), AVATAR_COLOURS));
        tile.setWrapText(wrap);
        tile.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        // Under the name: the envelope of unheard messages, then 「今天已报」.
        VBox under = new VBox(layout.textGap());
        under.setAlignment(Pos.CENTER);
        if (messages > 0) {
            under.getChildren().add(envelope(messages, KioskView.MIN_TEXT_PX, KioskView.MIN_TEXT_PX));
        }
        if (resident.checkedInToday()) {
            under.getChildren().add(todayMark(Math.min(room, KioskView.MIN_TEXT_PX * 4.4)));
        }
        if (!under.getChildren().isEmpty()) {
            tile.setGraphic(under.getChildren().size() == 1 ? under.getChildren().get(0) : under);
            tile.setContentDisplay(ContentDisplay.BOTTOM);
        }
        tile.setStyle("-fx-font-size: " + font + "px; -fx-padding: " + layout.padding() + "px; -fx-graphic-text-gap: "
                + layout.textGap() + "px;");
        return tile;
    }

    /** 「今天已报」: white on green, at the smallest text size; on two lines in a narrow tile. */
    private Label todayMark(double width) {
        Label mark = new Label(view.text("checkin.today"));
        mark.getStyleClass().add("today-mark");
        mark.setAlignment(Pos.CENTER);
        mark.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        mark.setWrapText(width < KioskView.MIN_TEXT_PX * 4.6);
        mark.setMinHeight(Region.USE_PREF_SIZE);
        mark.setStyle("-fx-font-size: " + KioskView.MIN_TEXT_PX + "px;");
        mark.setMinWidth(Region.USE_PREF_SIZE);
        mark.setPrefWidth(width);
        mark.setMaxWidth(width);
        return mark;
    }

    private StackPane photo(Path file, double side) {
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
        imageView.setClip(clip);
        return frame;
    }

    /** An envelope and the count of unheard messages, for the top right corner of a photo or under a name. */
    private HBox envelope(int count, double iconPx, double fontPx) {
        Icon icon = Icon.envelope();
        icon.size(iconPx);
        Label number = new Label(String.valueOf(count));
        number.getStyleClass().add("envelope-count");
        number.setStyle("-fx-font-size: " + fontPx + "px;");
        HBox badge = new HBox(icon, number);
        badge.getStyleClass().add("envelope-badge");
        badge.setAlignment(Pos.CENTER);
        badge.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        badge.setAccessibleText(view.text("family.envelope", count));
        return badge;
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
         * The layout for {@code residents} tiles in {@code width} x {@code height}. Tiles must be
         * touch targets and hold a three-character name at full size (a longer one such as 欧阳秀英
         * gets a smaller font or two lines), with photos of at least a fifth of the window's
         * {@code shorter} side. When everyone fits, the biggest photos that hold them all; otherwise
         * as many tiles as fit (at most {@link #MAX_TILES}), the bigger photos on a tie. A space too
         * small for photos of that size (the 「您是哪一位？」 step beside the help categories) still
         * gets as many tiles as hold a name at full size, with what photo fits: one name a page would
         * make a village of fifty people fifty pages.
         */
        static Layout best(double width, double height, double base, double gap, double shorter, int residents) {
            double comfortable = Math.max(KioskView.MIN_TARGET_PX, Math.round(shorter * 0.2));
            List<Layout> fitting = new ArrayList<>();
            List<Layout> namesOnly = new ArrayList<>();
            for (int rows = 1; rows <= 4; rows++) {
                for (int columns = 1; columns * rows <= MAX_TILES; columns++) {
                    Layout candidate = of(columns, rows, width, height, base, gap);
                    // A name tile needs the name at full size on one line and two of its lines' height.
                    if (candidate.tileWidth() >= candidate.nameFont() * 3.4 + 2 * candidate.padding()
                            && candidate.tileHeight() >= Math.max(KioskView.MIN_TARGET_PX,
                                    candidate.nameFont() * 2 + 2 * candidate.padding())) {
                        (candidate.photo() >= comfortable ? fitting : namesOnly).add(candidate);
                    }
                }
            }
            Comparator<Layout> byPhoto = Comparator.comparingDouble(Layout::photo);
            Comparator<Layout> byCount = Comparator.comparingInt(Layout::count);
            return fitting.stream().filter(layout -> layout.count() >= residents)
                    .max(byPhoto.thenComparing(byCount.reversed()))
                    .or(() -> fitting.stream().max(byCount.thenComparing(byPhoto)))
                    .or(() -> namesOnly.stream().filter(layout -> layout.count() >= residents)
                            .max(byPhoto.thenComparing(byCount.reversed())))
                    .or(() -> namesOnly.stream().max(byCount.thenComparing(byPhoto)))
                    .orElseGet(() -> of(1, 1, width, height, base, gap));
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
