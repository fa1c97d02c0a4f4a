package org.courtyard.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {

    private static final AudioFormat MONO_16K = new AudioFormat(16_000f, 16, 1, true, false);

    /** A minimal RIFF/WAVE file with a 16-byte fmt chunk. */
    private static byte[] riff(int formatTag, int channels, int rate, int bits, byte[] data) {
        int blockAlign = channels * bits / 8;
        ByteBuffer buffer = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(ascii("RIFF")).putInt(36 + data.length).put(ascii("WAVE"));
        buffer.put(ascii("fmt ")).putInt(16).putShort((short) formatTag).putShort((short) channels).putInt(rate)
                .putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
        buffer.put(ascii("data")).putInt(data.length).put(data);
        return buffer.array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] fileOf(AudioFormat format, byte[] data, AudioFileFormat.Type type) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(data), format,
                data.length / format.getFrameSize()), type, out);
        return out.toByteArray();
    }

    private static short sample(AudioClip clip, int index) {
        byte[] pcm = clip.pcm();
        return (short) ((pcm[2 * index] & 0xff) | (pcm[2 * index + 1] << 8));
    }

    private static AudioClip ramp(int frames) {
        byte[] pcm = new byte[frames * 2];
        for (int i = 0; i < frames; i++) {
            int value = (i * 97) % 65_536 - 32_768;
            pcm[2 * i] = (byte) value;
            pcm[2 * i + 1] = (byte) (value >> 8);
        }
        return AudioClip.pcm("ramp", MONO_16K, pcm);
    }

    @Test
    void a_written_wav_reads_back_to_the_same_pcm() {
        AudioClip clip = ramp(4_000);

        byte[] wav = Wav.write(clip);
        AudioClip back = Wav.read("ramp", wav);

        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(wav).hasSize(44 + clip.pcm().length);
        assertThat(back.pcm()).isEqualTo(clip.pcm());
        assertThat(back.format().matches(MONO_16K)).isTrue();
        assertThat(back.duration().toMillis()).isEqualTo(250);
    }

    @Test
    void a_file_is_named_after_itself_without_the_extension(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("announcement-42.wav");
        Wav.write(ramp(160), file);

        AudioClip clip = Wav.read(file);

        assertThat(clip.name()).isEqualTo("announcement-42");
        assertThat(clip.pcm()).hasSize(320);
    }

    @Test
    void a_stereo_44k_wav_keeps_its_rate_and_channels() throws IOException {
        AudioFormat stereo = new AudioFormat(44_100f, 16, 2, true, false);
        byte[] data = new byte[44_100 * 4];

        AudioClip clip = Wav.read("stereo", fileOf(stereo, data, AudioFileFormat.Type.WAVE));

        assertThat(clip.format().getSampleRate()).isEqualTo(44_100f);
        assertThat(clip.format().getChannels()).isEqualTo(2);
        assertThat(clip.duration().toMillis()).isEqualTo(1_000);
    }

    @Test
    void an_8_bit_unsigned_wav_is_converted_to_16_bit_signed() {
        byte[] data = {(byte) 128, (byte) 192, (byte) 64, (byte) 255, 0};

        AudioClip clip = Wav.read("eight", riff(1, 1, 8_000, 8, data));

        assertThat(clip.format().getSampleSizeInBits()).isEqualTo(16);
        assertThat(clip.format().isBigEndian()).isFalse();
        assertThat(clip.pcm()).hasSize(10);
        assertThat(sample(clip, 0)).isZero();
        assertThat(sample(clip, 1)).isCloseTo((short) (64 << 8), within((short) 200));
        assertThat(sample(clip, 2)).isCloseTo((short) (-64 << 8), within((short) 200));
        assertThat(sample(clip, 3)).isGreaterThan((short) 32_000);
        assertThat(sample(clip, 4)).isEqualTo(Short.MIN_VALUE);
    }

    @Test
    void a_24_bit_wav_keeps_the_upper_16_bits() {
        int[] values = {0x123456, -0x123456, 0x7FFFFF};
        byte[] data = new byte[values.length * 3];
        for (int i = 0; i < values.length; i++) {
            data[3 * i] = (byte) values[i];
            data[3 * i + 1] = (byte) (values[i] >> 8);
            data[3 * i + 2] = (byte) (values[i] >> 16);
        }

        AudioClip clip = Wav.read("deep", riff(1, 1, 48_000, 24, data));

        assertThat(sample(clip, 0)).isBetween((short) 0x1233, (short) 0x1235);
        assertThat(sample(clip, 1)).isBetween((short) -0x1235, (short) -0x1233);
        assertThat(sample(clip, 2)).isEqualTo(Short.MAX_VALUE);
    }

    @Test
    void a_32_bit_float_wav_is_converted() {
        ByteBuffer floats = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        floats.putFloat(0f).putFloat(0.5f).putFloat(-1f);

        AudioClip clip = Wav.read("float", riff(3, 1, 16_000, 32, floats.array()));

        assertThat(sample(clip, 0)).isZero();
        assertThat(sample(clip, 1)).isBetween((short) 16_383, (short) 16_384);
        assertThat(sample(clip, 2)).isLessThanOrEqualTo((short) -32_767);
    }

    @Test
    void a_mu_law_wav_is_decoded() {
        byte[] data = {(byte) 0xFF, (byte) 0x80, 0x00};

        AudioClip clip = Wav.read("phone", riff(7, 1, 8_000, 8, data));

        assertThat(clip.pcm()).hasSize(6);
        assertThat(sample(clip, 0)).isZero();
        assertThat(sample(clip, 1)).isGreaterThan((short) 30_000);
        assertThat(sample(clip, 2)).isLessThan((short) -30_000);
    }

    @Test
    void big_endian_audio_in_an_aiff_file_is_converted_to_little_endian() throws IOException {
        AudioFormat bigEndian = new AudioFormat(16_000f, 16, 1, true, true);
        byte[] data = {0x12, 0x34, (byte) 0xFF, (byte) 0xFE};

        AudioClip clip = Wav.read("aiff", fileOf(bigEndian, data, AudioFileFormat.Type.AIFF));

        assertThat(clip.pcm()).containsExactly(0x34, 0x12, (byte) 0xFE, (byte) 0xFF);
    }

    @Test
    void raw_big_endian_pcm_is_converted_to_a_clip() {
        AudioFormat bigEndian = new AudioFormat(16_000f, 16, 1, true, true);

        AudioClip clip = Wav.convert("raw", bigEndian, new byte[] {0x12, 0x34});

        assertThat(clip.pcm()).containsExactly(0x34, 0x12);
    }

    @Test
    void a_clip_can_be_resampled_to_16_khz_mono_for_speech() {
        AudioFormat stereo = new AudioFormat(44_100f, 16, 2, true, false);
        AudioClip clip = AudioClip.pcm("cd", stereo, new byte[44_100 * 4]);

        AudioClip speech = Wav.convert(clip, 16_000f, 1);

        assertThat(speech.format().matches(MONO_16K)).isTrue();
        assertThat(speech.pcm().length / 2).isBetween(15_990, 16_010);
    }

    @Test
    void text_is_rejected_as_not_a_wav_file() {
        assertThatThrownBy(() -> Wav.read("notes", ascii("hello, this is not audio")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'notes' is not a WAV file (it looks like text)");
    }

    @Test
    void an_mp3_is_rejected_and_named_as_such() {
        byte[] mp3 = new byte[512];
        System.arraycopy(ascii("ID3"), 0, mp3, 0, 3);

        assertThatThrownBy(() -> Wav.read("song", mp3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a WAV file (it looks like MP3)");
    }

    @Test
    void an_adpcm_wav_is_rejected_with_its_encoding_named() {
        byte[] adpcm = riff(2, 1, 8_000, 4, new byte[256]);

        assertThatThrownBy(() -> Wav.read("old-recorder", adpcm))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'old-recorder' is a WAV file in an unsupported encoding: Microsoft ADPCM")
                .hasMessageContaining("0x0002")
                .hasMessageContaining("use PCM");
    }

    @Test
    void empty_and_truncated_files_are_rejected() {
        assertThatThrownBy(() -> Wav.read("nothing", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        byte[] headerOnly = new byte[12];
        System.arraycopy(ascii("RIFF"), 0, headerOnly, 0, 4);
        System.arraycopy(ascii("WAVE"), 0, headerOnly, 8, 4);
        assertThatThrownBy(() -> Wav.read("cut", headerOnly))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cut'");
    }

    @Test
    void an_absurd_sample_rate_is_rejected() {
        assertThatThrownBy(() -> Wav.read("slow", riff(1, 1, 100, 16, new byte[200])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample rate");
    }
}
