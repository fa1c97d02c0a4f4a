package org.courtyard.kiosk.ui;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.courtyard.kiosk.enrol.Credentials;
import org.courtyard.kiosk.enrol.EnrolmentClient;
import org.courtyard.kiosk.enrol.EnrolmentCode;
import org.courtyard.kiosk.enrol.EnrolmentRefusedException;
import org.courtyard.kiosk.net.HubUntrustedException;
import org.courtyard.kiosk.speech.Prompts;

/**
 * The first-run screen's state and commands: the hub's address (typed on the on-screen keyboard or
 * a USB one), then the eight-digit enrolment code on a digit pad, then enrolment on a background
 * thread. A technician or cadre uses this screen once per kiosk; elders never see it.
 *
 * <p>Properties change on the JavaFX thread only; the enrolment's answer is handed back with
 * {@code Platform.runLater}. {@code enrolled} is called once, on the JavaFX thread, after the
 * credentials were saved.
 */
final class FirstRunViewModel {

    /** The screen's pages. */
    enum Step {
        /** Typing the hub's address. */
        ADDRESS,
        /** Typing the code. */
        CODE,
        /** Waiting for the hub. */
        BUSY,
        /** Enrolled; the kiosk starts. */
        DONE
    }

    private final EnrolmentClient client;
    private final Path dataDir;
    private final Executor background;
    private final Consumer<Credentials> enrolled;
    private final Prompts prompts = new Prompts(null);

    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.ADDRESS);
    private final ReadOnlyStringWrapper address = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper code = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper codeText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private URI hub;

    /**
     * @param prefilled the hub of the configuration, shown ready to confirm; may be null
     * @param background where the enrolment call runs (never the JavaFX thread)
     */
    FirstRunViewModel(EnrolmentClient client, Path dataDir, URI prefilled, Executor background,
            Consumer<Credentials> enrolled) {
        this.client = Objects.requireNonNull(client, "client");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.background = Objects.requireNonNull(background, "background");
        this.enrolled = Objects.requireNonNull(enrolled, "enrolled");
        address.set(prefilled == null ? "https://" : prefilled.toString());
        renderCode();
    }

    String text(String key, Object... args) {
        return prompts.text(key, args);
    }

    ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    ReadOnlyStringProperty addressProperty() {
        return address.getReadOnlyProperty();
    }

    /** The digits typed so far, grouped as {@code 4829-17__}. */
    ReadOnlyStringProperty codeTextProperty() {
        return codeText.getReadOnlyProperty();
    }

    /** What went wrong, or what is happening; empty when nothing needs saying. */
    ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    // Commands of the address page.

    /** A key of the on-screen keyboard. */
    void type(String characters) {
        if (step.get() == Step.ADDRESS) {
            address.set(address.get() + characters);
            message.set("");
        }
    }

    /** What a USB keyboard typed into the address field. */
    void editAddress(String text) {
        if (step.get() == Step.ADDRESS && !text.equals(address.get())) {
            address.set(text);
            message.set("");
        }
    }

    void clearAddress() {
        if (step.get() == Step.ADDRESS) {
            address.set("");
        }
    }

    /** 删除: the last character of the address, or the last digit of the code. */
    void delete() {
        if (step.get() == Step.ADDRESS && !address.get().isEmpty()) {
            address.set(address.get().substring(0, address.get().length() - 1));
        } else if (step.get() == Step.CODE && !code.get().isEmpty()) {
            code.set(code.get().substring(0, code.get().length() - 1));
            renderCode();
        }
        message.set("");
    }

    /** 下一步: checks the address and goes to the code. */
    void next() {
        if (step.get() != Step.ADDRESS) {
            return;
        }
        try {
            hub = client.hubAddress(address.get());
            address.set(hub.toString());
            message.set("");
            step.set(Step.CODE);
        } catch (IllegalArgumentException e) {
            message.set(text("enrol.error.address", e.getMessage()));
        }
    }

    // Commands of the code page.

    void digit(int digit) {
        if (step.get() == Step.CODE && code.get().length() < EnrolmentCode.DIGITS && digit >= 0 && digit <= 9) {
            code.set(code.get() + digit);
            renderCode();
            message.set("");
        }
    }

    /** 返回: back to the address. */
    void back() {
        if (step.get() == Step.CODE) {
            step.set(Step.ADDRESS);
            message.set("");
        }
    }

    /** 登记: sends the code once all eight digits are there. */
    void submit() {
        if (step.get() != Step.CODE) {
            return;
        }
        if (code.get().length() != EnrolmentCode.DIGITS) {
            message.set(text("enrol.error.code"));
            return;
        }
        step.set(Step.BUSY);
        message.set(text("enrol.busy"));
        URI target = hub;
        String digits = code.get();
        background.execute(() -> {
            try {
                Credentials credentials = client.enrol(target, digits, dataDir);
                Platform.runLater(() -> done(credentials));
            } catch (EnrolmentRefusedException e) {
                failed(text(e.throttled() ? "enrol.error.throttled" : "enrol.error.refused", e.getMessage()), true);
            } catch (HubUntrustedException e) {
                failed(text("enrol.error.untrusted", e.getMessage()), false);
            } catch (IOException | RuntimeException e) {
                failed(text("enrol.error.network", e.getMessage()), false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed(text("enrol.error.network", "interrupted"), false);
            }
        });
    }

    private void done(Credentials credentials) {
        step.set(Step.DONE);
        message.set(text("enrol.done", credentials.name() == null ? credentials.kioskId() : credentials.name(),
                credentials.village() == null ? "" : credentials.village()));
        enrolled.accept(credentials);
    }

    /** Back to the code page; a refused code is cleared, since typing it again cannot help. */
    private void failed(String text, boolean clearCode) {
        Platform.runLater(() -> {
            step.set(Step.CODE);
            if (clearCode) {
                code.set("");
                renderCode();
            }
            message.set(text);
        });
    }

    private void renderCode() {
        String digits = code.get();
        StringBuilder shown = new StringBuilder(digits);
        while (shown.length() < EnrolmentCode.DIGITS) {
            shown.append('_');
        }
        codeText.set(EnrolmentCode.format(shown.toString()));
    }
}
