package org.courtyard.kiosk.ui;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.courtyard.kiosk.core.FamilyView;
import org.courtyard.protocol.FamilyRelation;

/**
 * A family member's voice message (docs/family.md), after the resident checked in: the name and
 * 「您有一条儿子的留言，要听吗？」 with 听 / 不听; while it plays, 正在播放; then 再听一遍, 按住回复
 * (hold to talk, up to 60 s; the button turns red and says 松开结束 while recording), 下一条 when
 * there are more, and 好了 back to 报平安. At most four choices, each a huge button.
 */
final class MessagesPage extends VBox {

    private final KioskView view;
    private final Label name = KioskView.label("");
    private final Label message = KioskView.label("");
    private final ButtonGrid offer;
    private final ButtonGrid playing;
    private final ButtonGrid played;
    private final ButtonGrid playedMore;
    private final Button reply;
    private final Button replyMore;
    private ButtonGrid shownGrid;
    private double[] size;

    MessagesPage(KioskView view, KioskViewModel model) {
        this.view = view;
        getStyleClass().addAll("messages-page");
        name.getStyleClass().addAll("screen-text", "thanks-name");
        message.getStyleClass().addAll("screen-text", "message-text");
        offer = new ButtonGrid(List.of(view.button("family.hear", Icon.envelope(), "checkin-button", model::hearMessage),
                view.button("family.decline", Icon.cancel(), "plain-button", model::closeMessages)));
        playing = new ButtonGrid(List.of(view.button("family.done", Icon.ok(), "plain-button", model::closeMessages)));
        reply = replyButton(model);
        replyMore = replyButton(model);
        played = new ButtonGrid(List.of(view.button("family.again", Icon.repeat(), "checkin-button", model::hearMessage),
                reply, view.button("family.done", Icon.ok(), "plain-button", model::closeMessages)));
        playedMore = new ButtonGrid(List.of(view.button("family.again", Icon.repeat(), "checkin-button",
                model::hearMessage), replyMore, view.button("family.next", Icon.envelope(), "announcements-button",
                        model::nextMessage), view.button("family.done", Icon.ok(), "plain-button", model::closeMessages)));
        setAlignment(Pos.TOP_CENTER);
        model.familyProperty().addListener((obs, was, now) -> render(now));
        render(model.familyProperty().get());
    }

    /** Hold to reply: the press starts recording, the release ends it (not onAction, which fires on release). */
    private Button replyButton(KioskViewModel model) {
        Button button = view.button("family.reply", Icon.talk(), "talk-button", () -> { });
        button.addEventHandler(MouseEvent.MOUSE_PRESSED, event -> model.pressReply());
        button.addEventHandler(MouseEvent.MOUSE_RELEASED, event -> model.releaseReply());
        return button;
    }

    private void render(FamilyView family) {
        FamilyView.Shown shown = family.shown();
        if (shown == null) {
            return;
        }
        String relation = view.text("family.relation." + FamilyRelation.fromWire(shown.relation()).name());
        name.setText(shown.residentName());
        ButtonGrid grid;
        switch (shown.phase()) {
            case OFFER -> {
                message.setText(view.text("family.offer." + FamilyRelation.fromWire(shown.relation()).name()));
                grid = offer;
            }
            case PLAYING -> {
                message.setText(view.text("family.playing", relation));
                grid = playing;
            }
            case RECORDING -> {
                message.setText(view.text("family.recording"));
                grid = shownGrid == played || shownGrid == playedMore ? shownGrid : played;
            }
            case REPLIED -> {
                message.setText(view.text("family.reply.saved"));
                grid = shown.more() > 0 ? playedMore : played;
            }
            default -> {
                // Shorter than the spoken family.played, so that it fits one line beside four buttons.
                message.setText(view.text("family.after"));
                grid = shown.more() > 0 ? playedMore : played;
            }
        }
        // The name while asking and playing; after that four buttons need its line (800x480).
        boolean named = shown.phase() == FamilyView.Phase.OFFER || shown.phase() == FamilyView.Phase.PLAYING;
        name.setVisible(named);
        name.setManaged(named);
        boolean recording = shown.phase() == FamilyView.Phase.RECORDING;
        for (Button button : List.of(reply, replyMore)) {
            button.setText(view.text(recording ? "family.reply.release" : "family.reply"));
            button.getStyleClass().removeAll("talk-button", "help-button");
            button.getStyleClass().add(recording ? "help-button" : "talk-button");
        }
        if (grid != shownGrid) {
            shownGrid = grid;
            getChildren().setAll(name, message, grid);
        }
        if (size != null) {
            // The words' lines change with the step; the buttons take what they leave.
            layOut(size[0], size[1], size[2], size[3]);
        }
    }

    void layOut(double width, double height, double base, double gap) {
        size = new double[] {width, height, base, gap};
        setSpacing(gap / 2);
        for (Label label : List.of(name, message)) {
            label.setMaxWidth(width);
            label.setMinHeight(Region.USE_PREF_SIZE);
        }
        // The words take a line of the name and as many of the message as its text needs; the buttons the rest.
        double font = base * 1.6;
        double lines = Math.max(1, Math.ceil((message.getText().length() + 0.5) * font / width));
        double words = (name.isManaged() ? base * 1.2 * 1.45 : 0) + font * 1.45 * lines + gap;
        double buttons = Math.max(KioskView.MIN_TARGET_PX, height - words);
        for (ButtonGrid grid : List.of(offer, playing, played, playedMore)) {
            grid.layOut(width, buttons, base, gap);
        }
    }
}
