package org.courtyard.kiosk.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.courtyard.kiosk.core.HelpView;
import org.courtyard.kiosk.core.KioskModel;
import org.courtyard.kiosk.core.KioskState;
import org.courtyard.kiosk.core.LocalHelpStatus;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.core.VoiceActivity;
import org.courtyard.kiosk.speech.Feedback;

/**
 * The voice at the kiosk, as the screen, the button and the console use it: push-to-talk
 * ({@link #listen}), what was said or typed ({@link #hear}), and the offer of a voice memo after a
 * new help request. A home unit uses it too, without push-to-talk: always-on listening for the
 * distress phrases and the memo after a help request. Owns the {@link VoiceService} (the microphone side) and turns what it reports
 * into model changes; the kiosk never hears itself: listening starts once its own voice is quiet.
 */
public final class VoiceControl implements AutoCloseable {

    private final KioskModel model;
    private final Feedback feedback;
    private final Consumer<String> say;
    private final Runnable touched;
    private final VoiceCommands commands;
    private final VoiceService ears;
    private final boolean memoAfterHelp;
    private final boolean voiceWanted;
    private final Runnable memoSaved;
    /** The latest help request seen, so that only a new one is followed by the memo offer; model thread only. */
    private UUID lastHelpId;
    private boolean helpBaseline;

    /**
     * @param say speaks a prompt and keeps it for 再说一遍 (on the model thread)
     * @param touched someone is here (the idle timer starts again)
     * @param ears makes the voice service that reports to the listener it is given
     * @param voiceWanted whether a speech model was configured, so that voice being off is a problem to show
     * @param memoSaved run when a memo was queued (the uploader looks at its queue)
     */
    public VoiceControl(KioskModel model, Feedback feedback, Consumer<String> say, Runnable touched,
            VoiceCommands commands, Function<VoiceService.Listener, VoiceService> ears, boolean memoAfterHelp,
            boolean voiceWanted, Runnable memoSaved) {
        this.model = model;
        this.feedback = feedback;
        this.say = say;
        this.touched = touched;
        this.commands = commands;
        this.memoAfterHelp = memoAfterHelp;
        this.voiceWanted = voiceWanted;
        this.memoSaved = memoSaved;
        this.ears = ears.apply(new Ears());
    }

    /** Loads the model and starts listening as configured; follows the screen and new help requests. */
    public void start() {
        model.addListener(this::follow);
        ears.start();
    }

    /** The microphone side: its status and figures for the heartbeat. */
    public VoiceService service() {
        return ears;
    }

    /** What the elder said (recognised, or typed with the headless {@code say}). */
    public void hear(String text) {
        touched.run();
        commands.hear(text);
    }

    /**
     * Push-to-talk: the microphone button or a long press of the physical button. Shows the
     * LISTENING screen, says 请说, and once the kiosk has stopped speaking (so that it does not hear
     * itself) listens until the elder stops speaking; with voice off it says so instead.
     */
    public void listen() {
        touched.run();
        model.execute(() -> {
            model.update(state -> state.withScreen(Screen.LISTENING));
            if (!ears.canListen()) {
                say.accept("voice.off");
                return;
            }
            say.accept("voice.listen");
            listenWhenQuiet(false);
        });
    }

    /** Ends push-to-talk or a voice memo in progress without acting on it. */
    public void stopListening() {
        ears.cancel();
    }

    /** Starts push-to-talk after the kiosk's own voice, if the LISTENING screen is still shown then. */
    private void listenWhenQuiet(boolean followUp) {
        feedback.whenQuiet(() -> model.execute(() -> {
            if (model.state().screen() == Screen.LISTENING) {
                ears.listen(followUp);
            }
        }));
    }

    /**
     * On every state change: leaving the LISTENING screen ends push-to-talk; a new help request
     * (not the one restored at start) is followed by the offer of a voice memo.
     */
    private void follow(KioskState state) {
        if (state.screen() != Screen.LISTENING && state.voiceActivity().phase() == VoiceActivity.Phase.LISTENING) {
            ears.cancel();
        }
        UUID id = state.help() == null ? null : state.help().id();
        if (!helpBaseline) {
            helpBaseline = true;
            lastHelpId = id;
            return;
        }
        if (id != null && !id.equals(lastHelpId)) {
            lastHelpId = id;
            if (state.help().status() == LocalHelpStatus.SAVED && memoAfterHelp && ears.canRecordMemo()) {
                offerMemo(id);
            }
        }
    }

    /**
     * After the help prompts (and the courtyard alarm) have been spoken, asks for a voice memo and
     * records it, if the request is still open then.
     */
    private void offerMemo(UUID id) {
        // Queued behind the work that raised the request, so that its prompts are queued already.
        model.execute(() -> feedback.whenQuiet(() -> model.execute(() -> {
            HelpView help = model.state().help();
            if (help == null || !help.id().equals(id) || !help.status().isOpen()) {
                return;
            }
            say.accept("voice.memo.prompt");
            feedback.whenQuiet(() -> ears.recordMemo(id));
        })));
    }

    @Override
    public void close() {
        ears.close();
    }

    /** What the microphone side tells the kiosk (on the voice thread). */
    private final class Ears implements VoiceService.Listener {
        @Override
        public void activity(VoiceActivity activity) {
            model.execute(() -> model.update(state -> state.withVoiceActivity(activity)));
        }

        @Override
        public void heard(String text, Intent intent) {
            hear(text);
            // After the read-back question ("您是要报平安吗？") has been spoken, listen for the answer.
            model.execute(() -> {
                if (commands.pending().isPresent()) {
                    listenWhenQuiet(true);
                }
            });
        }

        @Override
        public void notUnderstood(boolean followUp) {
            model.execute(() -> {
                if (model.state().screen() != Screen.LISTENING) {
                    return;
                }
                say.accept("voice.unheard");
                if (!followUp) {
                    listenWhenQuiet(true);
                }
            });
        }

        @Override
        public void memoSaved(UUID requestId) {
            model.execute(() -> say.accept("voice.memo.saved"));
            memoSaved.run();
        }

        @Override
        public void statusChanged(String status) {
            boolean failed = voiceWanted && status.startsWith("off");
            model.execute(() -> model.update(state -> {
                KioskState next = state.withVoiceStatus(status);
                if (failed) {
                    List<String> problems = new ArrayList<>(state.problems());
                    problems.add("voice: " + status);
                    next = next.withProblems(problems);
                }
                return next;
            }));
        }

        @Override
        public boolean speaking() {
            return feedback.busy();
        }
    }
}
