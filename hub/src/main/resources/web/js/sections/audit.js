// The audit log section, for admins only (main.js shows it to the roles listed below; the hub
// refuses GET /api/v1/audit to everyone else anyway): who did what, when and from which address,
// newest first, filtered by user, action and a range of days, 50 rows at a time with "更早的记录".

import { withQuery } from '../api.js';
import { byId, el, showMessage } from '../dom.js';
import { dateTime } from '../format.js';

const PAGE = 50;

/** The staff page's days are Beijing days (format.js); China has had no daylight saving since 1991. */
const BEIJING_OFFSET = '+08:00';

/** What each action is called on this page; an action the page does not know is shown as it is. */
const ACTIONS = {
  login: '登录',
  'login.failed': '登录失败',
  'login.locked': '账号被暂时锁定',
  logout: '退出登录',
  'user.create': '新建账号',
  'user.unlock': '解锁账号',
  'user.sessions.revoke': '让账号在所有地方退出登录',
  'kiosk.create': '登记设备',
  'kiosk.enrolment-code': '生成设备激活码',
  'kiosk.enrol': '设备用激活码激活',
  'help.transition': '处理求助',
  'help.memo.play': '收听求助语音',
  'resident.create': '新增居民',
  'resident.update': '修改居民信息',
  'resident.deactivate': '居民改为不在册',
  'resident.reactivate': '居民恢复在册',
  'resident.photo.set': '上传居民照片',
  'resident.photo.delete': '删除居民照片',
  'resident.import': '导入居民表格',
  'resident.export': '导出居民表格',
  'resident.pause': '暂停报平安提醒',
  'resident.resume': '恢复报平安提醒',
  'cadre.create': '登记村干部',
  'cadre.update': '修改村干部信息',
  'cadre.deactivate': '村干部停用',
  'cadre.reactivate': '村干部恢复使用',
  'cadre.pin': '设置或取消设备密码',
  'announcement.create': '发布通知',
  'announcement.update': '修改通知',
  'announcement.withdraw': '撤回通知',
  'announcement.audio': '上传通知录音',
  'village.update': '修改村值班电话',
  'webhook.test': '发送群通知测试消息',
};

let ctx = null;
let els = null;
/** The filters of the rows shown, as sent to the hub; the "more" button pages back with them. */
let shown = null;
let oldestSeq = null;
let loadNumber = 0;

function elements() {
  return {
    form: byId('audit-filters'),
    user: byId('audit-filter-user'),
    users: byId('audit-users'),
    action: byId('audit-filter-action'),
    from: byId('audit-filter-from'),
    to: byId('audit-filter-to'),
    clear: byId('audit-filter-clear'),
    error: byId('audit-error'),
    summary: byId('audit-summary'),
    rows: byId('audit-rows'),
    empty: byId('audit-empty'),
    more: byId('audit-more'),
  };
}

function actionText(action) {
  return ACTIONS[action] || action;
}

/** The instant a Beijing day ("2026-11-29") starts, as the hub wants it; days later for "to". */
function dayStart(day, plusDays = 0) {
  const start = new Date(`${day}T00:00:00${BEIJING_OFFSET}`);
  start.setUTCDate(start.getUTCDate() + plusDays);
  return start.toISOString();
}

/** The filters in the form as query parameters, or a message saying what is wrong with them. */
function filters() {
  const from = els.from.value;
  const to = els.to.value;
  if (from && to && from > to) {
    return { problem: '开始日期不能晚于结束日期。' };
  }
  return {
    params: {
      user: els.user.value.trim(),
      action: els.action.value,
      from: from ? dayStart(from) : '',
      // "to" is the last day shown, so the hub's exclusive end is the start of the day after.
      to: to ? dayStart(to, 1) : '',
    },
  };
}

function row(entry) {
  const known = Object.prototype.hasOwnProperty.call(ACTIONS, entry.action);
  return el('tr', { 'data-seq': entry.seq, class: entry.action === 'login.failed' || entry.action === 'login.locked'
    ? 'audit-warn' : null },
      el('td', { class: 'audit-time', text: dateTime(entry.at) }),
      el('td', { class: 'audit-user', text: entry.user }),
      el('td', {}, actionText(entry.action),
          known ? el('span', { class: 'small-note', text: entry.action }) : null),
      el('td', { class: 'audit-target', text: entry.target || '—' }),
      el('td', { class: 'audit-detail', text: entry.detail || '—' }),
      el('td', { class: 'audit-address', text: entry.address }));
}

function showPage(entries, append) {
  const page = entries.slice(0, PAGE);
  const rows = page.map(row);
  if (append) {
    els.rows.append(...rows);
  } else {
    els.rows.replaceChildren(...rows);
  }
  if (page.length > 0) {
    oldestSeq = page[page.length - 1].seq;
  }
  const count = els.rows.children.length;
  els.empty.hidden = count > 0;
  els.more.hidden = entries.length <= PAGE;
  els.summary.textContent = count > 0 ? `已显示 ${count} 条${entries.length > PAGE ? '，还有更早的' : ''}` : '';
}

/** Loads the newest rows for the form's filters, or (more) the page before the oldest shown. */
async function load(more = false) {
  let params;
  if (more) {
    params = { ...shown, before: oldestSeq };
  } else {
    const wanted = filters();
    if (wanted.problem) {
      showMessage(els.error, wanted.problem);
      return;
    }
    params = wanted.params;
  }
  const number = ++loadNumber;
  els.more.disabled = true;
  try {
    const entries = await ctx.api.get(withQuery('/api/v1/audit', { ...params, limit: PAGE + 1 }));
    if (!ctx || number !== loadNumber) {
      return;
    }
    if (!more) {
      shown = params;
    }
    showMessage(els.error, '');
    showPage(entries, more);
  } catch (error) {
    if (ctx && number === loadNumber && error.status !== 401) {
      showMessage(els.error, error.status === 403 ? '只有管理员可以查看操作记录。'
        : `没能载入操作记录：${error.message}`);
    }
  } finally {
    els.more.disabled = false;
  }
}

/** The choices of the filters: the actions the log holds, the users there are. */
async function loadChoices() {
  try {
    const [actions, users] = await Promise.all([ctx.api.get('/api/v1/audit/actions'), ctx.api.get('/api/v1/users')]);
    if (!ctx) {
      return;
    }
    const selected = els.action.value;
    const known = new Set([...Object.keys(ACTIONS), ...actions]);
    els.action.replaceChildren(el('option', { value: '', text: '全部操作' }),
        ...[...known].map((action) => el('option', { value: action, text: actionText(action) })));
    els.action.value = selected;
    els.users.replaceChildren(...users.map((user) =>
      el('option', { value: user.username, text: user.displayName || user.username })));
  } catch (error) {
    if (ctx && error.status !== 401) {
      showMessage(els.error, `没能载入筛选选项：${error.message}`);
    }
  }
}

export const auditSection = {
  id: 'audit',
  roles: ['ADMIN'],
  events: [],

  start(context) {
    ctx = context;
    if (!els) {
      els = elements();
      els.form.addEventListener('submit', (event) => {
        event.preventDefault();
        load();
      });
      els.clear.addEventListener('click', () => {
        els.form.reset();
        load();
      });
      els.more.addEventListener('click', () => load(true));
    }
  },

  stop() {
    ctx = null;
    loadNumber += 1;
    shown = null;
    oldestSeq = null;
    els.form.reset();
    els.rows.replaceChildren();
    els.summary.textContent = '';
    els.more.hidden = true;
    els.empty.hidden = true;
    showMessage(els.error, '');
  },

  reload() {},

  /** Every visit shows the newest rows: what the admin just did is there. */
  show() {
    loadChoices();
    load();
  },

  hide() {},

  onEvent() {},
};
