// The hub's own health (GET /healthz) as a banner over every section: staff learn that the hub's
// disk is filling up or full before a help request cannot be stored, not after. Checked at login,
// every minute, after the live stream reconnects and whenever a call answers 507 (disk full).

import { el } from './dom.js';

const EVERY_MS = 60_000;

/** What staff read for each reason code /healthz may give; an unknown code gets the last line. */
const TEXT = {
  disk_low: '乡镇服务器的磁盘空间快用完了。请尽快联系管理员清理，否则新的求助和报平安将存不进去。',
  writer_failing: '乡镇服务器刚才保存数据失败（多半是磁盘已满）：新的求助、报平安和修改暂时存不进去。'
      + '小院设备会保留求助并自动重发。请立即联系管理员。',
  webhook_broken: '群通知机器人的设置有误，求助消息发不到群里（消息已保留）。请在「群通知」里检查并发送测试消息。',
  webhook_failing: '群通知暂时发不出去，系统会自动重试。请在「群通知」里查看原因。',
};
const UNKNOWN = '乡镇服务器运行不正常，请联系管理员。';

export class HealthBanner {
  /** @param {HTMLElement} element  the banner, hidden while the hub is healthy */
  constructor(element) {
    this.element = element;
    this.timer = null;
  }

  start() {
    this.stop();
    this.check();
    this.timer = setInterval(() => this.check(), EVERY_MS);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.show([]);
  }

  async check() {
    let health;
    try {
      const response = await fetch('/healthz', { cache: 'no-store', headers: { Accept: 'application/json' } });
      health = await response.json();
    } catch (cause) {
      return; // the hub is unreachable: the live-state indicator says so already
    }
    if (this.timer !== null) {
      this.show(health.status === 'ok' ? [] : health.reasons || []);
    }
  }

  show(reasons) {
    const lines = [...new Set(reasons.map((reason) => TEXT[reason.code] || UNKNOWN))];
    this.element.replaceChildren(...lines.map((line) => el('span', { class: 'health-line', text: line })));
    this.element.hidden = lines.length === 0;
  }
}
