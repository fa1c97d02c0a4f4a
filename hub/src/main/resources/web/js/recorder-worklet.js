// AudioWorklet processor for the staff page's announcement recorder (js/recorder.js): passes the
// microphone's samples, mixed to mono, to the page in blocks of about 40 ms. Loaded from the hub
// itself with audioWorklet.addModule, so the Content-Security-Policy (script-src 'self') allows it.

const BLOCK = 2048;

class CourtyardRecorder extends AudioWorkletProcessor {
  constructor() {
    super();
    this.block = new Float32Array(BLOCK);
    this.filled = 0;
    this.running = true;
    this.port.onmessage = (event) => {
      if (event.data === 'stop') {
        this.flush();
        this.running = false;
        this.port.postMessage({ done: true });
      }
    };
  }

  flush() {
    if (this.filled > 0) {
      this.port.postMessage({ samples: this.block.slice(0, this.filled) });
      this.filled = 0;
    }
  }

  process(inputs) {
    if (!this.running) {
      return false;
    }
    const channels = inputs[0];
    if (channels && channels.length > 0) {
      const frames = channels[0].length;
      for (let i = 0; i < frames; i++) {
        let sum = 0;
        for (let c = 0; c < channels.length; c++) {
          sum += channels[c][i];
        }
        this.block[this.filled++] = sum / channels.length;
        if (this.filled === BLOCK) {
          this.flush();
        }
      }
    }
    return true;
  }
}

registerProcessor('courtyard-recorder', CourtyardRecorder);
