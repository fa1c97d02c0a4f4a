// The hub's live event stream (GET /api/v1/stream, server-sent events) with the session cookie.
// The hub sends no event ids, so after any reconnect the page must reload its lists: onOpen is
// told whether this open is a reconnect.

const RESTART_MS = 3000;

export class LiveStream {
  /**
   * @param {string[]} eventNames  the event types to listen for
   * @param {{onEvent: function(string, object), onOpen: function(boolean), onDown: function(),
   *          onClosed: function()}} handlers  onClosed: the browser gave up (e.g. the hub said
   *          401); the owner decides whether to restart()
   */
  constructor(url, eventNames, handlers) {
    this.url = url;
    this.eventNames = eventNames;
    this.handlers = handlers;
    this.source = null;
    this.opens = 0;
    this.timer = null;
  }

  start() {
    this.stop();
    const source = new EventSource(this.url);
    this.source = source;
    source.addEventListener('open', () => {
      const reconnect = this.opens > 0;
      this.opens += 1;
      this.handlers.onOpen(reconnect);
    });
    source.addEventListener('error', () => {
      if (this.source !== source) {
        return;
      }
      this.handlers.onDown();
      if (source.readyState === EventSource.CLOSED) {
        this.handlers.onClosed();
      }
    });
    for (const name of this.eventNames) {
      source.addEventListener(name, (event) => {
        let data;
        try {
          data = JSON.parse(event.data);
        } catch (cause) {
          console.error(`courtyard: unreadable ${name} event`, cause);
          return;
        }
        this.handlers.onEvent(name, data);
      });
    }
  }

  /** Opens the stream again after a pause; the next open counts as a reconnect. */
  restartLater() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.opens = Math.max(this.opens, 1);
      this.start();
    }, RESTART_MS);
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.source) {
      this.source.close();
      this.source = null;
    }
  }

  /** Forgets earlier opens, for a new login. */
  reset() {
    this.stop();
    this.opens = 0;
  }
}
