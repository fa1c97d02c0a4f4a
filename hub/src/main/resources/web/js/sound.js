// Alert tones made with WebAudio (no sound files). Browsers keep audio silent until the user has
// interacted with the page, so unlock() must run inside a click or key press: the login click
// does it, and so does the "开启提示音" button after a page reload.

const Context = window.AudioContext || window.webkitAudioContext;
let context = null;
const listeners = new Set();

function changed() {
  for (const listener of listeners) {
    listener(isOn());
  }
}

/**
 * Creates or resumes the audio context; call from a user gesture. Never throws; the promise
 * tells whether sound is on afterwards.
 */
export function unlock() {
  if (!Context) {
    return Promise.resolve(false);
  }
  try {
    if (!context) {
      context = new Context();
      context.addEventListener('statechange', changed);
    }
    if (context.state === 'suspended') {
      return context.resume().then(() => {
        changed();
        return isOn();
      }, () => {
        changed();
        return false;
      });
    }
  } catch (cause) {
    console.error('courtyard: no sound', cause);
    context = null;
  }
  changed();
  return Promise.resolve(isOn());
}

/** Whether tones can be heard now. */
export function isOn() {
  return context !== null && context.state === 'running';
}

/** Calls listener(on) whenever sound turns on or off. */
export function onChange(listener) {
  listeners.add(listener);
}

function tone(frequency, start, length, volume) {
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.type = 'sine';
  oscillator.frequency.setValueAtTime(frequency, start);
  // A short fade in and out: a bare start/stop clicks in the loudspeaker.
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(volume, start + 0.02);
  gain.gain.setValueAtTime(volume, start + length - 0.06);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start(start);
  oscillator.stop(start + length + 0.02);
}

/**
 * Plays an alert: 'new' is a rising two-note chime played twice, 'overdue' three low urgent
 * beeps. Returns false when sound is not on yet.
 */
export function play(kind) {
  if (!isOn()) {
    return false;
  }
  const now = context.currentTime + 0.05;
  if (kind === 'overdue') {
    for (let i = 0; i < 3; i++) {
      tone(587.33, now + i * 0.35, 0.22, 0.5);
    }
  } else {
    for (let round = 0; round < 2; round++) {
      const at = now + round * 0.8;
      tone(784, at, 0.25, 0.4);
      tone(1046.5, at + 0.28, 0.4, 0.4);
    }
  }
  return true;
}
