// The 群通知 section, for ADMIN and STAFF: the WeCom and DingTalk groups (and JSON receivers) the
// hub tells of help requests, missed check-ins and silent kiosks, each with whether its messages
// get through, what waits, and a button that sends a test message; and each village's duty phone
// (值班电话), which help messages @-mention. A receiver's change comes live as `webhook-receiver`.

import { byId, el, showMessage } from '../dom.js';
import { dateTime, shortDateTime } from '../format.js';

const FORMAT = {
  wecom: '企业微信群机器人',
  dingtalk: '钉钉群机器人',
  json: '数据接口（JSON）',
};

const EVENT = {
  new: '新求助',
  overdue: '求助超时',
  resolved: '求助已解决',
  checkin_missed: '未报平安',
  silent: '设备失联',
  back: '设备恢复',
  home_offline: '居家呼叫器离线',
  home_back: '居家呼叫器恢复',
};

/** What to do about a robot that refuses its configuration, by the hub's problem code. */
const PROBLEM = {
  INVALID_KEY: '机器人地址里的 key（钉钉是 access_token）不对，或者机器人已经被移出群。请在群设置里重新复制机器人的 Webhook 地址，交给管理员改好配置文件后重启乡镇服务器。',
  BAD_SIGNATURE: '钉钉机器人的“加签”密钥对不上。请核对配置文件里的 secret 和机器人安全设置里 SEC 开头的那串字符。',
  BAD_TIMESTAMP: '钉钉说时间不对：乡镇服务器的时钟差了一个小时以上，请校准服务器时间。',
  KEYWORD: '钉钉机器人设置了“自定义关键词”，而消息里没有这些词。请把机器人的安全设置改成“加签”。',
  IP_NOT_ALLOWED: '乡镇服务器的 IP 地址不在钉钉机器人的“IP 地址段”里。请在机器人的安全设置里加上。',
};

let ctx = null;
let els = null;
const receivers = new Map();
let order = [];
let villages = [];
let loadNumber = 0;
/** Live events seen per receiver: an answer that a live event overtook is older than that event. */
const liveEvents = new Map();

function elements() {
  return {
    list: byId('notify-receivers'),
    empty: byId('notify-empty'),
    error: byId('notify-error'),
    notice: byId('notify-notice'),
    summary: byId('notify-summary'),
    refresh: byId('notify-refresh'),
    dutyRows: byId('duty-rows'),
    dutyEmpty: byId('duty-empty'),
    dutyError: byId('duty-error'),
    dutyNotice: byId('duty-notice'),
  };
}

/** Needs attention: refuses its configuration, or its last attempt failed. */
function inTrouble(receiver) {
  return receiver.state === 'BROKEN' || receiver.state === 'FAILING';
}

function stateBadge(receiver) {
  switch (receiver.state) {
    case 'OK':
      return el('span', { class: 'badge badge-online', text: '正常' });
    case 'THROTTLED':
      return el('span', { class: 'badge badge-throttled', text: '消息太多，暂停中' });
    case 'FAILING':
      return el('span', { class: 'badge badge-silent', text: '发送失败，正在重试' });
    default:
      return el('span', { class: 'badge badge-silent', text: '配置有误，消息暂存未发' });
  }
}

/** One or two sentences on the state: why, and what to do. */
function explanation(receiver) {
  const lines = [];
  const said = receiver.lastError ? `对方回复：${receiver.lastError}` : null;
  if (receiver.state === 'BROKEN') {
    lines.push(el('p', { class: 'receiver-problem', text: PROBLEM[receiver.problem] || '机器人拒收了消息。' }));
    lines.push(el('p', { class: 'small-note', text: `${dateTime(receiver.since)} 起发不出去。改好后点“发送测试消息”，送达了就会把暂存的消息补发出去。` }));
  } else if (receiver.state === 'FAILING') {
    lines.push(el('p', { class: 'receiver-problem', text: `已连续失败 ${receiver.failures} 次${receiver.pausedUntil
      ? `，${shortDateTime(receiver.pausedUntil)} 再试` : ''}。请检查乡镇服务器能不能上网。` }));
  } else if (receiver.state === 'THROTTLED') {
    lines.push(el('p', { class: 'small-note', text: `机器人说消息发得太快，${shortDateTime(receiver.pausedUntil)} 后接着发，消息不会丢。` }));
  }
  if (said && receiver.state !== 'OK') {
    lines.push(el('p', { class: 'small-note receiver-said', text: said }));
  }
  return lines;
}

function fact(term, value) {
  return [el('dt', { text: term }), el('dd', { text: value })];
}

function card(receiver) {
  const facts = [
    ...fact('最近送达', receiver.lastDeliveredAt ? dateTime(receiver.lastDeliveredAt) : '还没有'),
    ...fact('等待发送', `${receiver.queued} 条`),
    ...fact('发送失败', receiver.failures > 0 ? `连续 ${receiver.failures} 次` : '无'),
  ];
  if (receiver.failedMessages > 0) {
    facts.push(...fact('放弃发送', `${receiver.failedMessages} 条`));
  }
  if (receiver.perMinute > 0) {
    facts.push(...fact('最近一分钟', `${receiver.sentLastMinute} / ${receiver.perMinute} 条`));
  }
  const events = receiver.events.map((event) => EVENT[event] || event).join('、');
  return el('li', { class: `receiver receiver-${receiver.state}`, 'data-id': receiver.id },
      el('div', { class: 'receiver-head' },
          el('h3', { text: receiver.name }),
          stateBadge(receiver)),
      el('p', { class: 'small-note', text: `${FORMAT[receiver.format] || receiver.format} · ${receiver.host}` }),
      ...explanation(receiver),
      el('dl', { class: 'receiver-facts' }, ...facts),
      el('p', { class: 'small-note', text: `发送：${events}` }),
      el('button', { type: 'button', class: 'button', 'data-action': 'test', text: '发送测试消息' }));
}

function render() {
  const shown = order.map((id) => receivers.get(id)).filter(Boolean);
  els.list.replaceChildren(...shown.map(card));
  els.empty.hidden = shown.length > 0;
  const trouble = shown.filter(inTrouble).length;
  els.summary.textContent = shown.length === 0 ? ''
    : trouble > 0 ? `共 ${shown.length} 个，${trouble} 个发不出去` : `共 ${shown.length} 个，都正常`;
  if (ctx) {
    ctx.setCount('notify', trouble);
  }
}

function renderVillages() {
  els.dutyRows.replaceChildren(...villages.map((village) => {
    const input = el('input', { type: 'tel', inputmode: 'tel', maxlength: '20', autocomplete: 'off',
      value: village.dutyPhone || '', 'aria-label': `${village.name}的值班电话`, placeholder: '未填' });
    return el('tr', { 'data-village': village.name },
        el('td', { class: 'duty-village', text: village.name }),
        el('td', {},
            el('span', { class: 'duty-phone' }, input,
                el('button', { type: 'button', class: 'button small', 'data-action': 'save-duty', text: '保存' }))),
        el('td', { class: 'duty-updated',
          text: village.updatedAt ? `${shortDateTime(village.updatedAt)} ${village.updatedBy}` : '—' }));
  }));
  els.dutyEmpty.hidden = villages.length > 0;
}

async function load() {
  const number = ++loadNumber;
  try {
    const [list, villageList] = await Promise.all([
      ctx.api.get('/api/v1/webhooks'),
      ctx.api.get('/api/v1/villages'),
    ]);
    if (!ctx || number !== loadNumber) {
      return;
    }
    receivers.clear();
    for (const receiver of list) {
      receivers.set(receiver.id, receiver);
    }
    order = list.map((receiver) => receiver.id);
    villages = villageList;
    showMessage(els.error, '');
    render();
    renderVillages();
  } catch (error) {
    if (ctx && number === loadNumber && error.status !== 401) {
      showMessage(els.error, `没能载入群通知的情况：${error.message}`);
    }
  }
}

async function test(button) {
  const id = button.closest('li').dataset.id;
  const receiver = receivers.get(id);
  button.disabled = true;
  showMessage(els.notice, '');
  showMessage(els.error, '');
  const seen = liveEvents.get(id) || 0;
  try {
    const now = await ctx.api.post(`/api/v1/webhooks/${encodeURIComponent(id)}/test`, {});
    // The hub publishes the queued test message and then the attempt's outcome; when either came
    // by the stream before this answer, the answer is no newer than what is shown.
    if ((liveEvents.get(id) || 0) === seen) {
      receivers.set(id, now);
      render();
    }
    showMessage(els.notice, `测试消息已发往“${receiver ? receiver.name : id}”。几秒后请看群里有没有收到；`
        + '发不出去的话，这里会写明原因。');
  } catch (error) {
    if (error.status !== 401) {
      showMessage(els.error, error.status === 404 ? '这个通知群已经不在配置里了，请点“刷新”。'
        : `测试消息没有发出：${error.message}`);
    }
  } finally {
    button.disabled = false;
  }
}

async function saveDuty(button) {
  const row = button.closest('tr');
  const input = row.querySelector('input');
  const village = row.dataset.village;
  const dutyPhone = input.value.trim();
  input.removeAttribute('aria-invalid');
  showMessage(els.dutyError, '');
  showMessage(els.dutyNotice, '');
  if (dutyPhone && !/^\+?[0-9][0-9 -]{3,18}[0-9]$/.test(dutyPhone)) {
    input.setAttribute('aria-invalid', 'true');
    showMessage(els.dutyError, `${village}的值班电话只能是数字（可以有空格和“-”），例如 13800001111 或 0871-65123456。`);
    input.focus();
    return;
  }
  button.disabled = true;
  try {
    const saved = await ctx.api.put(`/api/v1/villages/${encodeURIComponent(village)}`,
        { dutyPhone: dutyPhone || null });
    villages = villages.map((one) => (one.name === saved.name ? saved : one));
    renderVillages();
    showMessage(els.dutyNotice, saved.dutyPhone ? `已保存${village}的值班电话 ${saved.dutyPhone}。`
      : `已删除${village}的值班电话。`);
  } catch (error) {
    if (error.status !== 401) {
      input.setAttribute('aria-invalid', 'true');
      showMessage(els.dutyError, error.status === 400 ? `${village}的值班电话不对：请只填数字，例如 13800001111。`
        : error.status === 403 ? '只有乡镇工作人员和管理员可以修改值班电话。'
        : `没有保存：${error.message}`);
    }
  } finally {
    button.disabled = false;
  }
}

export const notifySection = {
  id: 'notify',
  roles: ['ADMIN', 'STAFF'],
  events: ['webhook-receiver'],
  countLabel: '个通知群发不出去',

  start(context) {
    ctx = context;
    if (!els) {
      els = elements();
      els.refresh.addEventListener('click', () => load());
      els.list.addEventListener('click', (event) => {
        const button = event.target.closest('button[data-action="test"]');
        if (button) {
          test(button);
        }
      });
      els.dutyRows.addEventListener('click', (event) => {
        const button = event.target.closest('button[data-action="save-duty"]');
        if (button) {
          saveDuty(button);
        }
      });
      els.dutyRows.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && event.target.matches('input')) {
          event.preventDefault();
          saveDuty(event.target.closest('tr').querySelector('button'));
        }
      });
    }
    load();
  },

  stop() {
    ctx = null;
    loadNumber += 1;
    receivers.clear();
    order = [];
    villages = [];
    els.list.replaceChildren();
    els.dutyRows.replaceChildren();
    els.summary.textContent = '';
    showMessage(els.error, '');
    showMessage(els.notice, '');
    showMessage(els.dutyError, '');
    showMessage(els.dutyNotice, '');
  },

  reload() {
    load();
  },

  show() {
    load();
  },

  hide() {},

  onEvent(name, data) {
    liveEvents.set(data.id, (liveEvents.get(data.id) || 0) + 1);
    if (!receivers.has(data.id)) {
      order.push(data.id);
    }
    receivers.set(data.id, data);
    render();
  },
};
