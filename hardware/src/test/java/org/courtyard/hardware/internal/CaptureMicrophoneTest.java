package org.courtyard.hardware.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.Microphone.FrameStream;
import org.junit.jupiter.api.Test;

class CaptureMicrophoneTest {

    /** A device that captures {@code clip} and then ends. */
    private static AudioInput source(AudioClip clip) {
        return new AudioInput() {
            @Override
            public boolean present() {
                return true;
            }

            @Override
            public String description() {
                return "test source";
            }

            @Override
            public AudioInputStream open() {
                return new AudioInputStream(new ByteArrayInputStream(clip.pcm()), clip.format(),
                        clip.pcm().length / clip.format().getFrameSize());
            }
        };
    }

    /** A device that never delivers a byte until it is closed, like a line nobody speaks into. */
    private static final class SilentLine implements AudioInput {

        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public boolean present() {
            return true;
        }

        @Override
        public String description() {
            return "quiet test line";
        }

        @Override
        public AudioInputStream open() {
            InputStream blocking = new InputStream() {
                @Override
                public int read() {
                    try {
                        closed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return -1;
                }

                @Override
                public void close() {
                    closed.countDown();
                }
            };
            return new AudioInputStream(blocking, Microphone.FORMAT, AudioSystem.NOT_SPECIFIED);
        }
    }

    private static List<byte[]> drain(FrameStream stream) throws InterruptedException {
        List<byte[]> frames = new ArrayList<>();
        byte[] chunk;
        while ((chunk = stream.next()) != null) {
            frames.add(chunk);
        }
        return frames;
    }

    @Test
    void a_44k_stereo_source_yields_16k_mono_frames_of_100_ms() throws InterruptedException {
        CaptureMicrophone microphone = new CaptureMicrophone(source(TestClips.sine("room", 44_100f, 2, 1_000)));

        List<byte[]> frames;
        try (FrameStream stream = microphone.open()) {
            frames = drain(stream);
        }

        assertThat(frames).isNotEmpty();
        assertThat(frames.subList(0, frames.size() - 1)).allSatisfy(frame -> assertThat(frame).hasSize(3_200));
        int samples = frames.stream().mapToInt(frame -> frame.length).sum() / 2;
        assertThat(samples).isBetween(15_990, 16_010);
    }

    @Test
    void a_16k_mono_source_passes_through_unchanged() throws InterruptedException {
        AudioClip voice = TestClips.sine("voice", 16_000f, 1, 250);
        CaptureMicrophone microphone = new CaptureMicrophone(source(voice));

        try (FrameStream stream = microphone.open()) {
            List<byte[]> frames = drain(stream);
            assertThat(frames).extracting(frame -> frame.length).containsExactly(3_200, 3_200, 1_600);
            byte[] joined = new byte[8_000];
            int at = 0;
            for (byte[] frame : frames) {
                System.arraycopy(frame, 0, joined, at, frame.length);
                at += frame.length;
            }
            assertThat(joined).isEqualTo(voice.pcm());
            assertThat(stream.next()).isNull();
        }
    }

    @Test
    void a_missing_input_is_reported_not_captured() {
        CaptureMicrophone microphone = new CaptureMicrophone(
                new NoAudioInput("no audio input device found; voice commands and voice memos are off"));

        assertThat(microphone.available()).isFalse();
        assertThat(microphone.health().present()).isFalse();
        assertThat(microphone.health().detail()).contains("no audio input device found");
        assertThatThrownBy(microphone::open).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no audio input device found");
    }

    @Test
    void a_device_that_fails_to_open_is_named_and_marked_not_working() {
        CaptureMicrophone microphone = new CaptureMicrophone(new AudioInput() {
            @Override
            public boolean present() {
                return true;
            }

            @Override
            public String description() {
                return "audio input 'USB Mic'";
            }

            @Override
            public AudioInputStream open() throws AudioDeviceException {
                throw new AudioDeviceException("audio input 'USB Mic' is busy or unavailable: in use");
            }
        });

        assertThatThrownBy(microphone::open).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("USB Mic").hasMessageContaining("busy");
        assertThat(microphone.health().working()).isFalse();
    }

    @Test
    void only_one_capture_is_open_at_a_time() {
        CaptureMicrophone microphone = new CaptureMicrophone(source(TestClips.sine("a", 16_000f, 1, 100)));
        FrameStream first = microphone.open();

        assertThatThrownBy(microphone::open).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already capturing");

        first.close();
        first.close();
        microphone.open().close();
    }

    @Test
    void closing_from_another_thread_ends_a_waiting_read() throws Exception {
        SilentLine line = new SilentLine();
        CaptureMicrophone microphone = new CaptureMicrophone(line);
        FrameStream stream = microphone.open();
        CompletableFuture<byte[]> next = CompletableFuture.supplyAsync(() -> {
            try {
                return stream.next();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });

        microphone.close();

        assertThat(next.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(stream.next()).isNull();
    }

    @Test
    void an_interrupted_reader_gets_an_interrupted_exception() {
        CaptureMicrophone microphone = new CaptureMicrophone(source(TestClips.sine("a", 16_000f, 1, 100)));
        try (FrameStream stream = microphone.open()) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(stream::next).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void a_voice_memo_is_cut_exactly_at_its_length_cap() throws InterruptedException {
        CaptureMicrophone microphone = new CaptureMicrophone(source(TestClips.sine("long", 16_000f, 1, 2_000)));

        AudioClip memo;
        try (FrameStream stream = microphone.open()) {
            memo = Microphone.record("memo", stream, Duration.ofMillis(1_550));
        }

        assertThat(memo.format().matches(Microphone.FORMAT)).isTrue();
        assertThat(memo.pcm()).hasSize(24_800 * 2);
        assertThat(memo.duration()).isEqualTo(Duration.ofMillis(1_550));
    }

    @Test
    void a_voice_memo_shorter_than_the_cap_ends_with_the_stream() throws InterruptedException {
        CaptureMicrophone microphone = new CaptureMicrophone(source(TestClips.sine("short", 16_000f, 1, 400)));

        try (FrameStream stream = microphone.open()) {
            assertThat(Microphone.record("memo", stream, Duration.ofSeconds(60)).duration())
                    .isEqualTo(Duration.ofMillis(400));
        }
    }
}
