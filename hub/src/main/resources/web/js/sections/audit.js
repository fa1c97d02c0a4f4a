// The audit log section, for admins only (main.js shows it to the roles listed below; the hub
// refuses GET /api/v1/audit to everyone else anyway): who did what, when and from which address,
// newest first, filtered by user, action and a range of days, 50 rows at a time with "更早的记录".

import { withQuery } from '../api.js';
import { byId, el, showMessage } from '../dom.js';
import { dateTime, ROLE, STATUS } from '../format.js';
import { TYPE } from '../people.js';

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
  'cadre.pin': '设置或取消村干部密码',
  'announcement.create': '发布通知',
  'announcement.update': '修改通知',
  'announcement.withdraw': '撤回通知',
  'announcement.audio': '上传通知录音',
  'village.update': '修改村值班电话',
  'webhook.test': '发送群通知测试消息',
};

/** The ledger's field names as the forms label them, for "changed: ..." details. */
const FIELDS = {
  name: '姓名',
  village: '村',
  group: '村民小组',
  type: '类型',
  tags: '标签',
  checkInEveryDays: '报平安间隔',
  phone: '电话',
  address: '住址',
  guardian: '监护人',
  guardianPhone: '监护人电话',
  parentsWorkplace: '父母务工地',
  parentsPhone: '父母电话',
  school: '学校',
  schoolClass: '班级',
  headTeacher: '班主任',
  note: '备注',
  cadreIds: '结对干部',
  active: '在册或在用',
  username: '登录账号',
  displayName: '姓名',
};

/** The hub's details (English, for technicians) as staff read them: [pattern, text]; first match wins. */
const DETAILS = [
  [/^(\w+) -> (\w+)(?: assignee=(.*))?$/, (m) => `${STATUS[m[1]] || m[1]} → ${STATUS[m[2]] || m[2]}`
      + (m[3] ? `，指派给 ${m[3]}` : '')],
  [/^(\d+) failed logins within (\d+) minutes; locked for (\d+) minutes$/,
    (m) => `${m[2]} 分钟内输错密码 ${m[1]} 次，锁定 ${m[3]} 分钟。如果不是本人，请提醒他改密码；是本人就等锁定结束，或请管理员解锁。`],
  [/^was locked$/, () => '这个账号原来被锁定，现在已解锁'],
  [/^was not locked$/, () => '这个账号原来就没有锁定'],
  [/^role=(\w+)(?: village=(.*))?$/, (m) => `角色：${ROLE[m[1]] || m[1]}${m[2] ? `，村：${m[2]}` : ''}`],
  [/^village=(.*) type=(\w+)$/, (m) => `村：${m[1]}，类型：${TYPE[m[2]] || m[2]}`],
  [/^village=(.*) pin=(set|none)$/, (m) => `村：${m[1]}，村干部密码：${m[2] === 'set' ? '已设置' : '未设置'}`],
  [/^village=all$/, () => '全部村'],
  [/^village=(.*)$/, (m) => `村：${m[1]}`],
  [/^name=(.*) village=(.*)$/, (m) => `设备名称：${m[1]}，村：${m[2]}`],
  [/^no change$/, () => '没有改动'],
  [/^changed: ([^;]*)(?:; (pin set|pin removed))?$/, (m) => `改了：${m[1].split(', ').map((f) => FIELDS[f] || f).join('、')}`
      + (m[2] ? `；${m[2] === 'pin set' ? '设置了村干部密码' : '取消了村干部密码'}` : '')],
  [/^pin set$/, () => '设置了村干部密码'],
  [/^pin removed$/, () => '取消了村干部密码'],
  [/^revision (\d+)$/, (m) => `第 ${m[1]} 版`],
  [/^(NORMAL|EMERGENCY) (.*)$/, (m) => `${m[1] === 'EMERGENCY' ? '紧急' : '普通'}，发给${m[2] === 'everyone' ? '全镇'
      : m[2].replace(/^villages \[(.*)\]$/, '村：$1').replace(/^kiosks \[(.*)\]$/, '设备：$1')}`],
  [/^(\d+) bytes, (\d+) ms$/, (m) => `录音 ${Math.round(Number(m[2]) / 1000)} 秒`],
  [/^(\d+) ms$/, (m) => `录音 ${Math.round(Number(m[1]) / 1000)} 秒`],
  [/^(\d+) bytes stored$/, () => '照片已保存'],
  [/^had no photo$/, () => '原来就没有照片'],
  [/^created=(\d+) updated=(\d+)$/, (m) => `新增 ${m[1]} 人，更新 ${m[2]} 人`],
  [/^valid until (.*)$/, (m) => `有效期到 ${dateTime(m[1])}`],
  [/^new token; the previous one no longer works$/, () => '设备已激活；原来的卡或旧设备不能再连接'],
  [/^until=(.*)$/, (m) => `暂停到 ${m[1]}（含这天）`],
  [/^was not paused$/, () => '原来就没有暂停'],
  [/^pause ends today$/, () => '暂停今天结束'],
];

/** What to do about an entry, for the ones that need someone to act. */
const ADVICE = {
  'login.failed': '偶尔输错没关系；同一账号或同一地址反复失败，可能有人在猜密码，请告诉管理员。',
};

/** An entry's detail in Chinese (the hub's own words stay as the tooltip). */
export function detailText(detail) {
  if (!detail) {
    return '—';
  }
  for (const [pattern, text] of DETAILS) {
    const match = pattern.exec(detail);
    if (match) {
      return text(match);
    }
  }
  return detail;
}

let ctx = null;
let els = null;
/** The filters of the rows shown, as sent to the hub; the "more" button pages back with them. */
let shown = null;
let oldestSeq = null;
let loadNumber = 0;
/** Accounts' display names by login name: the log shows people by name, the login under it. */
let displayNames = new Map();

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

/** Fills a row's user cell: the account's display name, with its login name small under it. */
function fillUser(cell) {
  const login = cell.dataset.user;
  const name = displayNames.get(login);
  cell.replaceChildren(name || login, name ? el('span', { class: 'small-note', text: login }) : '');
  return cell;
}

function row(entry) {
  const known = Object.prototype.hasOwnProperty.call(ACTIONS, entry.action);
  return el('tr', { 'data-seq': entry.seq, class: entry.action === 'login.failed' || entry.action === 'login.locked'
    ? 'audit-warn' : null },
      el('td', { class: 'audit-time', text: dateTime(entry.at) }),
      fillUser(el('td', { class: 'audit-user', 'data-user': entry.user })),
      el('td', {}, actionText(entry.action),
          known ? el('span', { class: 'small-note', text: entry.action }) : null),
      el('td', { class: 'audit-target', text: entry.target || '—' }),
      el('td', { class: 'audit-detail', title: entry.detail || null }, detailText(entry.detail),
          ADVICE[entry.action] ? el('span', { class: 'small-note', text: ADVICE[entry.action] }) : null),
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
    displayNames = new Map(users.filter((user) => user.displayName).map((user) => [user.username, user.displayName]));
    els.rows.querySelectorAll('td[data-user]').forEach(fillUser);
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
