// Records an announcement from the microphone in the browser and encodes it as the WAV the kiosks
// play best: mono, 16-bit PCM, 16 kHz (the rate the kiosk's own microphone path uses; plenty for
// speech over a horn). getUserMedia -> AudioWorklet (js/recorder-worklet.js) -> Float32 samples at
// the sound card's rate -> low-pass and resample to 16 kHz -> WAV, all in the page.
//
// Browsers offer the microphone only in a secure context: https, or http on localhost/127.0.0.1.

/** The sample rate of recordings. */
export const RATE = 16000;
/** Recordings stop by themselves after this long (10 min of 16 kHz mono is about 19 MB). */
export const MAX_SECONDS = 600;

/** Why recording cannot work in this browser, or null if it can. */
export function unavailableReason() {
  if (!window.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return 'insecure';
  }
  if (typeof AudioWorkletNode === 'undefined' || typeof AudioContext === 'undefined') {
    return 'old-browser';
  }
  return null;
}

/**
 * One recording. start() asks for the microphone; onProgress(seconds, level 0..1) is called as
 * sound comes in; stop() resolves to { blob (audio/wav), seconds }.
 */
export class Recorder {
  constructor(onProgress) {
    this.onProgress = onProgress;
    this.chunks = [];
    this.frames = 0;
    this.stream = null;
    this.context = null;
    this.node = null;
    this.finished = null;
    this.stopping = null;
  }

  async start() {
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
    try {
      this.context = new AudioContext();
      await this.context.audioWorklet.addModule(new URL('./recorder-worklet.js', import.meta.url));
      const source = this.context.createMediaStreamSource(this.stream);
      this.node = new AudioWorkletNode(this.context, 'courtyard-recorder');
      this.finished = new Promise((resolve) => {
        this.node.port.onmessage = (event) => {
          if (event.data.samples) {
            this.take(event.data.samples);
          }
          if (event.data.done) {
            resolve();
          }
        };
      });
      source.connect(this.node);
      // The processor writes nothing to its output: connected only so the graph keeps pulling it.
      this.node.connect(this.context.destination);
      await this.context.resume();
    } catch (error) {
      this.release();
      throw error;
    }
  }

  take(samples) {
    this.chunks.push(samples);
    this.frames += samples.length;
    let peak = 0;
    for (const sample of samples) {
      peak = Math.max(peak, Math.abs(sample));
    }
    const seconds = this.frames / this.context.sampleRate;
    this.onProgress(seconds, Math.min(1, Math.sqrt(peak)));
    if (seconds >= MAX_SECONDS && !this.stopping) {
      this.stop();
    }
  }

  /** Stops and encodes; calling it again returns the same result. */
  stop() {
    if (!this.stopping) {
      this.stopping = (async () => {
        this.node.port.postMessage('stop');
        await this.finished;
        const rate = this.context.sampleRate;
        this.release();
        const samples = join(this.chunks, this.frames);
        this.chunks = [];
        const pcm = resample(samples, rate, RATE);
        return { blob: wav(pcm, RATE), seconds: pcm.length / RATE };
      })();
    }
    return this.stopping;
  }

  /** Lets go of the microphone and the audio context without keeping anything. */
  release() {
    if (this.stream) {
      for (const track of this.stream.getTracks()) {
        track.stop();
      }
      this.stream = null;
    }
    if (this.node) {
      this.node.disconnect();
    }
    if (this.context && this.context.state !== 'closed') {
      this.context.close();
    }
  }
}

function join(chunks, frames) {
  const out = new Float32Array(frames);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * From `from` Hz to `to` Hz: a windowed-sinc low-pass below the new Nyquist frequency (so a
 * 48 kHz recording does not fold its highs into the speech), then linear interpolation.
 */
export function resample(input, from, to) {
  if (from === to) {
    return input;
  }
  const ratio = from / to;
  let filtered = input;
  if (ratio > 1) {
    const cutoff = (0.45 * to) / from;
    const half = 24;
    const taps = new Float32Array(2 * half + 1);
    let sum = 0;
    for (let i = -half; i <= half; i++) {
      const sinc = i === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * i) / (Math.PI * i);
      const window = 0.54 + 0.46 * Math.cos((Math.PI * i) / half);
      taps[i + half] = sinc * window;
      sum += taps[i + half];
    }
    filtered = new Float32Array(input.length);
    for (let n = 0; n < input.length; n++) {
      let acc = 0;
      for (let k = -half; k <= half; k++) {
        const at = n + k;
        if (at >= 0 && at < input.length) {
          acc += input[at] * taps[k + half];
        }
      }
      filtered[n] = acc / sum;
    }
  }
  const length = Math.floor(input.length / ratio);
  const out = new Float32Array(length);
  for (let j = 0; j < length; j++) {
    const position = j * ratio;
    const i = Math.floor(position);
    const fraction = position - i;
    const next = i + 1 < filtered.length ? filtered[i + 1] : filtered[i];
    out[j] = filtered[i] * (1 - fraction) + next * fraction;
  }
  return out;
}

/** A WAV file (RIFF, PCM, mono, 16-bit little-endian) of samples in -1..1. */
export function wav(samples, rate) {
  const bytes = samples.length * 2;
  const buffer = new ArrayBuffer(44 + bytes);
  const view = new DataView(buffer);
  const text = (at, value) => {
    for (let i = 0; i < value.length; i++) {
      view.setUint8(at + i, value.charCodeAt(i));
    }
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + bytes, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true); // bytes per second
  view.setUint16(32, 2, true); // bytes per frame
  view.setUint16(34, 16, true); // bits per sample
  text(36, 'data');
  view.setUint32(40, bytes, true);
  for (let i = 0; i < samples.length; i++) {
    const sample = Math.max(-1, Math.min(1, samples[i]));
    view.setInt16(44 + i * 2, sample < 0 ? sample * 0x8000 : sample * 0x7fff, true);
  }
  return new Blob([buffer], { type: 'audio/wav' });
}
