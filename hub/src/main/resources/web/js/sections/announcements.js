// The announcements section: policy announcements for the courtyard loudspeakers. The list (newest
// first, with each one's state and how many kiosks played it), the create/edit form with the
// audio (a WAV upload, or a recording made here from the microphone, see ../recorder.js), withdrawal,
// and each announcement's delivery board, refreshed live by the hub's announcement-delivery events.

import { withQuery } from '../api.js';
import { changedLines, conflictNotice, isConflict, rebased } from '../conflict.js';
import { byId, el, showMessage } from '../dom.js';
import { dateTime, shortDateTime } from '../format.js';
import { MAX_SECONDS, Recorder, unavailableReason } from '../recorder.js';

const LIST_LIMIT = 100;
const STATE_TEXT = { scheduled: '未开始', current: '进行中', ended: '已结束', withdrawn: '已撤回' };
const OUTCOME_TEXT = { PLAYED: '已播放', FAILED: '播放失败', PREEMPTED: '被紧急通知打断，稍后重播' };

/** Times in the form are Beijing wall-clock times, whatever the office PC's own zone is. */
const ZONE = 'Asia/Shanghai';
const BEIJING_OFFSET = '+08:00';
const wallClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  hourCycle: 'h23',
});

let ctx = null;
let els = null;
/** The announcements listed, newest first. */
let announcements = [];
/** The path of the list's next page (its Link header), null when all are shown. */
let nextPage = null;
/** Delivery boards by announcement id. */
const boards = new Map();
/** Kiosks by id, as far as this page has seen them: their names in the targets, a cadre's own. */
const kioskNames = new Map();
/** Every village the hub knows (GET /api/v1/villages), in pinyin order. */
let villageNames = [];
/** The kiosks ticked in the form, whichever village the kiosk picker shows. */
let chosenKiosks = new Set();
/** The kiosk picker: the village it shows, that village's kiosks loaded, the path of its next page. */
let pickVillage = '';
let pickKiosks = [];
let pickNext = null;
let pickNumber = 0;
/** Kiosks a page in the picker; 「更多」 adds the next. */
const PICK_PAGE = 100;
let openId = null;
/** 'view' (an announcement and its board), 'form' (new or edit) or null. */
let mode = null;
/** The announcement the form edits; null for a new one. */
let editing = null;
/** Audio chosen or recorded in the form, uploaded on save: { blob, label }. */
let pending = null;
let pendingUrl = null;
let recorder = null;
let saving = false;
let loadNumber = 0;

function elements() {
  return {
    newButton: byId('ann-new'),
    refresh: byId('ann-refresh'),
    listError: byId('ann-list-error'),
    rows: byId('ann-rows'),
    empty: byId('ann-empty'),
    more: byId('ann-more'),
    detailTitle: byId('ann-detail-title'),
    badges: byId('ann-detail-badges'),
    notice: byId('ann-notice'),
    placeholder: byId('ann-placeholder'),
    view: byId('ann-view'),
    fields: byId('ann-fields'),
    audioBox: byId('ann-audio-box'),
    audio: byId('ann-audio'),
    viewActions: byId('ann-view-actions'),
    edit: byId('ann-edit'),
    withdraw: byId('ann-withdraw'),
    confirm: byId('ann-confirm'),
    confirmYes: byId('ann-confirm-yes'),
    confirmNo: byId('ann-confirm-no'),
    viewError: byId('ann-view-error'),
    boardSummary: byId('ann-board-summary'),
    boardRefresh: byId('ann-board-refresh'),
    boardError: byId('ann-board-error'),
    boardRows: byId('ann-board-rows'),
    boardEmpty: byId('ann-board-empty'),
    form: byId('ann-form'),
    title: byId('ann-title'),
    text: byId('ann-text'),
    targetAll: byId('ann-target-all'),
    targetAllLabel: byId('ann-target-all-label'),
    targetVillages: byId('ann-target-villages'),
    targetVillagesText: byId('ann-target-villages-text'),
    targetKiosks: byId('ann-target-kiosks'),
    villageOptions: byId('ann-village-options'),
    kioskOptions: byId('ann-kiosk-options'),
    starts: byId('ann-starts'),
    startsHint: byId('ann-starts-hint'),
    ends: byId('ann-ends'),
    repeat: byId('ann-repeat'),
    repeatAdd: byId('ann-repeat-add'),
    audioState: byId('ann-audio-state'),
    file: byId('ann-file'),
    record: byId('ann-record'),
    elapsed: byId('ann-elapsed'),
    level: byId('ann-level'),
    unavailable: byId('ann-record-unavailable'),
    take: byId('ann-take'),
    takeLabel: byId('ann-take-label'),
    takeAudio: byId('ann-take-audio'),
    takeDiscard: byId('ann-take-discard'),
    audioError: byId('ann-audio-error'),
    formError: byId('ann-form-error'),
    save: byId('ann-save'),
    cancel: byId('ann-cancel'),
  };
}

function isCadre() {
  return ctx.user.role === 'CADRE';
}

function path(id, rest = '') {
  return `/api/v1/announcements/${encodeURIComponent(id)}${rest}`;
}

// Words and times.

/** scheduled, current, ended or withdrawn, by the office PC's clock. */
function stateOf(announcement) {
  const now = Date.now();
  if (announcement.withdrawn) {
    return 'withdrawn';
  }
  if (announcement.endsAt && Date.parse(announcement.endsAt) < now) {
    return 'ended';
  }
  if (announcement.startsAt && Date.parse(announcement.startsAt) > now) {
    return 'scheduled';
  }
  return 'current';
}

function kioskName(id) {
  const kiosk = kioskNames.get(id);
  return kiosk ? kiosk.name : id;
}

function targetsText(targets) {
  if (targets.all) {
    return '全镇';
  }
  if (targets.villages && targets.villages.length > 0) {
    return targets.villages.join('、');
  }
  return (targets.kiosks || []).map(kioskName).join('、');
}

function scheduleText(announcement) {
  const parts = [`${shortDateTime(announcement.startsAt)} 开始`];
  if (announcement.repeatDaily && announcement.repeatDaily.length > 0) {
    parts.push(`每天 ${announcement.repeatDaily.join('、')}`);
  }
  parts.push(announcement.endsAt ? `${shortDateTime(announcement.endsAt)} 结束` : '不设结束');
  return parts.join('，');
}

function priorityBadge(announcement) {
  return announcement.priority === 'EMERGENCY'
    ? el('span', { class: 'badge badge-emergency', text: '紧急' })
    : el('span', { class: 'badge badge-normal', text: '普通' });
}

function stateBadge(announcement) {
  const state = stateOf(announcement);
  return el('span', { class: `status ann-state ann-state-${state}`, 'data-state': state, text: STATE_TEXT[state] });
}

/** Whether the announcement is broadcast, so "played" is what matters (else "delivered"). */
function isBroadcast(announcement) {
  return announcement.outdoor && Boolean(announcement.audio);
}

/**
 * "已播放 3/5" (or "已送达 5/5" for screen-only and text-only ones); null before the board loaded.
 * A home unit that does not play NORMAL announcements by its setting is not among the ones to play
 * it: it is counted apart (notPlayed, "居家 1 台不播放普通通知").
 */
function boardSummary(announcement) {
  const board = boards.get(announcement.id);
  if (!board) {
    return null;
  }
  const rows = board.filter((row) => row.targeted);
  const playing = rows.filter((row) => !row.notPlayedBySetting);
  const delivered = rows.filter((row) => row.deliveredAt).length;
  const played = playing.filter((row) => row.playedAt).length;
  const failed = rows.filter((row) => row.outcome === 'FAILED').length;
  return {
    total: rows.length, delivered, played, failed,
    notPlayed: rows.length - playing.length,
    downloaded: rows.filter((row) => row.downloadedAt).length,
    text: isBroadcast(announcement) ? `已播放 ${played}/${playing.length}` : `已送达 ${delivered}/${rows.length}`,
  };
}

function notPlayedText(summary) {
  return `居家 ${summary.notPlayed} 台不播放普通通知`;
}

function summaryCell(announcement) {
  const summary = boardSummary(announcement);
  if (!summary) {
    return el('td', { class: 'ann-summary', text: '…' });
  }
  return el('td', { class: 'ann-summary' },
      el('span', { class: summary.failed > 0 ? 'warn' : '', text: summary.text }),
      isBroadcast(announcement) ? el('span', { class: 'small-note', text: `已送达 ${summary.delivered}/${summary.total}` })
        : null,
      isBroadcast(announcement) && summary.notPlayed > 0
        ? el('span', { class: 'small-note ann-not-played', text: notPlayedText(summary) }) : null,
      summary.failed > 0 ? el('span', { class: 'small-note warn', text: `${summary.failed} 台失败` }) : null);
}

// The list.

function renderList() {
  const rows = announcements.map((announcement) => el('tr', {
    'data-id': announcement.id,
    class: [announcement.id === openId ? 'is-selected' : '', announcement.withdrawn ? 'is-closed' : '',
      announcement.priority === 'EMERGENCY' ? 'is-emergency' : ''].join(' ').trim(),
  },
  el('td', {}, el('button', { type: 'button', class: 'row-open', text: announcement.title })),
  el('td', { class: 'nowrap' }, priorityBadge(announcement)),
  el('td', { class: 'nowrap', text: announcement.outdoor ? '大喇叭' : '仅屏幕' }),
  el('td', { class: 'ann-targets', text: targetsText(announcement.targets) }),
  el('td', { class: 'ann-when', text: scheduleText(announcement) }),
  el('td', { class: 'nowrap' }, stateBadge(announcement)),
  summaryCell(announcement)));
  els.rows.replaceChildren(...rows);
  els.empty.hidden = rows.length > 0;
}

/** Loads the first page of the list (more = false) or adds the next one (more = true, the 更多 button). */
async function loadList(more = false) {
  if (more && !nextPage) {
    return;
  }
  const number = more ? loadNumber : ++loadNumber;
  els.more.disabled = true;
  try {
    const page = await ctx.api.page(more ? nextPage : `/api/v1/announcements?limit=${LIST_LIMIT}`);
    if (!ctx || number !== loadNumber) {
      return;
    }
    announcements = more ? announcements.concat(page.items.filter((a) => !announcements.some((b) => b.id === a.id)))
      : page.items;
    nextPage = page.next;
    els.more.hidden = !nextPage;
    loadTargetNames(page.items);
    showMessage(els.listError, '');
    renderList();
    if (mode === 'view' && openId) {
      const open = announcements.find((a) => a.id === openId);
      if (open) {
        renderView(open);
      }
    }
    await Promise.all(page.items.map((announcement) => loadBoard(announcement.id)));
  } catch (error) {
    if (ctx && number === loadNumber && error.status !== 401) {
      showMessage(els.listError, `没能载入通知列表：${error.message}`);
    }
  } finally {
    if (els) {
      els.more.disabled = false;
    }
  }
}

/** The villages to choose from; a cadre's own kiosks too, to know what they may change. */
async function loadVillages() {
  try {
    const [list, own] = await Promise.all([ctx.api.get('/api/v1/villages'), isCadre()
      ? ctx.api.all(withQuery('/api/v1/kiosks', { village: ctx.user.village, limit: 1000 })) : []]);
    if (!ctx) {
      return;
    }
    villageNames = list.map((village) => village.name);
    own.forEach(noteKiosk);
    if (mode === 'form') {
      renderTargetOptions(currentTargets());
    }
    renderList();
  } catch (error) {
    if (ctx && error.status !== 401) {
      showMessage(els.listError, `没能载入村名（选择发给谁时要用）：${error.message}`);
    }
  }
}

function noteKiosk(kiosk) {
  kioskNames.set(kiosk.id, { id: kiosk.id, name: kiosk.name, village: kiosk.village });
}

/** The names of the kiosks the listed announcements are for, one call per kiosk not seen yet. */
async function loadTargetNames(list) {
  const unknown = new Set(list.flatMap((announcement) => announcement.targets.kiosks || [])
      .filter((id) => !kioskNames.has(id)));
  if (unknown.size === 0) {
    return;
  }
  await Promise.all([...unknown].map(async (id) => {
    try {
      noteKiosk(await ctx.api.get(`/api/v1/kiosks/${encodeURIComponent(id)}`));
    } catch (error) {
      // Another village's kiosk (403 for a cadre) or one gone: its id stands for its name.
    }
  }));
  if (ctx) {
    renderList();
  }
}

async function loadBoard(id) {
  try {
    const board = await ctx.api.get(path(id, '/deliveries'));
    if (!ctx) {
      return;
    }
    boards.set(id, board);
    const row = els.rows.querySelector(`tr[data-id="${CSS.escape(id)}"]`);
    const announcement = announcements.find((a) => a.id === id);
    if (row && announcement) {
      row.lastElementChild.replaceWith(summaryCell(announcement));
    }
    if (mode === 'view' && openId === id && announcement) {
      renderBoard(announcement);
    }
    if (openId === id) {
      showMessage(els.boardError, '');
    }
  } catch (error) {
    if (ctx && openId === id && error.status !== 401) {
      showMessage(els.boardError, `没能载入送达情况：${error.message}`);
    }
  }
}

function upsert(announcement) {
  const index = announcements.findIndex((a) => a.id === announcement.id);
  if (index >= 0) {
    announcements[index] = announcement;
  } else {
    announcements.unshift(announcement);
  }
  renderList();
}

// Viewing one.

function field(term, ...value) {
  return el('div', { class: 'pair wide' }, el('dt', { text: term }), el('dd', {}, ...value));
}

/** Whether this user may edit or withdraw it: not withdrawn; a cadre only what reaches their village alone. */
function mayChange(announcement) {
  if (announcement.withdrawn) {
    return false;
  }
  if (!isCadre()) {
    return true;
  }
  const targets = announcement.targets;
  const own = ctx.user.village;
  return !targets.all && (targets.villages || []).every((v) => v === own)
      && (targets.kiosks || []).every((id) => kioskNames.has(id) && kioskNames.get(id).village === own);
}

function showPane(which) {
  mode = which;
  els.placeholder.hidden = which !== null;
  els.view.hidden = which !== 'view';
  els.form.hidden = which !== 'form';
}

function open(id) {
  const announcement = announcements.find((a) => a.id === id);
  if (!announcement) {
    return;
  }
  if (mode === 'form' && !leaveForm()) {
    return;
  }
  openId = id;
  showMessage(els.notice, '');
  showMessage(els.viewError, '');
  els.confirm.hidden = true;
  showPane('view');
  renderView(announcement);
  renderList();
  loadBoard(id);
}

function renderView(announcement) {
  els.detailTitle.textContent = announcement.title;
  els.badges.replaceChildren(priorityBadge(announcement), stateBadge(announcement));
  const audio = announcement.audio;
  els.fields.replaceChildren(
      field('内容', announcement.text || '（没有文字）'),
      field('播放方式', announcement.outdoor ? '大喇叭广播' : '只在屏幕上显示'),
      field('发给', targetsText(announcement.targets)),
      field('时间', scheduleText(announcement)),
      field('录音', audio ? `${(audio.durationMs / 1000).toFixed(1)} 秒` : '没有录音（只在屏幕上显示文字）'),
      field('发布人', `${announcement.createdBy}，${dateTime(announcement.createdAt)}`),
      announcement.withdrawn ? field('撤回', `${announcement.withdrawnBy}，${dateTime(announcement.withdrawnAt)}`)
        : field('最后修改', `${announcement.updatedBy}，${dateTime(announcement.updatedAt)}（第 ${announcement.revision} 版）`));
  els.audioBox.hidden = !audio;
  const src = audio ? `${path(announcement.id, '/audio')}?v=${audio.sha256}` : null;
  if (src && els.audio.getAttribute('src') !== src) {
    els.audio.src = src;
  } else if (!src && els.audio.hasAttribute('src')) {
    els.audio.removeAttribute('src');
    els.audio.load();
  }
  els.viewActions.hidden = !mayChange(announcement);
  renderBoard(announcement);
}

function deliveredCell(row, announcement) {
  if (!row.targeted) {
    return el('td', {}, '已不在发送对象里', el('span', { class: 'small-note', text: '已通知设备停止' }));
  }
  if (!row.deliveredAt) {
    return el('td', { class: 'warn' }, '未送达', el('span', { class: 'small-note', text: '设备还没联系乡镇，请看它是否在线' }));
  }
  const old = row.deliveredRevision !== null && row.deliveredRevision < announcement.revision;
  return el('td', { class: old ? 'warn' : 'ok' }, dateTime(row.deliveredAt),
      old ? el('span', { class: 'small-note', text: '最新修改还没送到' }) : null);
}

function downloadedCell(row, announcement) {
  if (!announcement.audio) {
    return el('td', { text: '（没有录音）' });
  }
  return row.downloadedAt ? el('td', { class: 'ok', text: dateTime(row.downloadedAt) })
    : el('td', { text: row.deliveredAt ? '正在下载' : '—' });
}

function playedCell(row, announcement) {
  const lines = [];
  if (row.outcome) {
    const failed = row.outcome !== 'PLAYED';
    lines.push(el('span', { class: failed ? 'warn' : 'ok', text: OUTCOME_TEXT[row.outcome] || row.outcome }));
    if (row.detail) {
      lines.push(el('span', { class: 'small-note', text: row.outcome === 'FAILED' ? `原因：${row.detail}` : row.detail }));
    }
  }
  if (row.playedAt) {
    lines.push(el('span', { class: 'small-note', text: `播放于 ${dateTime(row.playedAt)}（设备时钟）` }));
  }
  if (row.plays > 1) {
    lines.push(el('span', { class: 'small-note', text: `共播放 ${row.plays} 次` }));
  }
  if (lines.length === 0 && row.notPlayedBySetting && isBroadcast(announcement)) {
    lines.push('不播放普通通知',
        el('span', { class: 'small-note', text: '这台居家呼叫器设置为只播放紧急通知' }));
  }
  if (lines.length === 0) {
    lines.push(isBroadcast(announcement) ? '还没播放' : '只在屏幕上显示');
  }
  return el('td', { class: 'ann-played' }, ...lines);
}

function renderBoard(announcement) {
  const board = boards.get(announcement.id);
  if (!board) {
    els.boardRows.replaceChildren();
    els.boardSummary.textContent = '正在载入…';
    els.boardEmpty.hidden = true;
    return;
  }
  els.boardRows.replaceChildren(...board.map((row) => el('tr', { 'data-kiosk': row.kioskId },
      el('td', {}, row.kioskName || row.kioskId, el('span', { class: 'small-note', text: row.village || '' })),
      deliveredCell(row, announcement),
      downloadedCell(row, announcement),
      playedCell(row, announcement))));
  els.boardEmpty.hidden = board.length > 0;
  const summary = boardSummary(announcement);
  els.boardSummary.textContent = `共 ${summary.total} 台：已送达 ${summary.delivered}`
      + (announcement.audio ? `，已下载录音 ${summary.downloaded}` : '')
      + `，已播放 ${summary.played}` + (summary.failed > 0 ? `，失败 ${summary.failed}` : '')
      + (isBroadcast(announcement) && summary.notPlayed > 0 ? `，${notPlayedText(summary)}` : '');
}

async function withdraw() {
  const id = openId;
  els.confirm.hidden = true;
  try {
    const withdrawn = await ctx.api.post(path(id, '/withdraw'));
    if (!ctx) {
      return;
    }
    upsert(withdrawn);
    if (openId === id) {
      renderView(withdrawn);
      showMessage(els.notice, '已撤回。各小院设备下次联系乡镇时（在线的几秒钟内）就会停止播放。');
    }
    loadBoard(id);
  } catch (error) {
    if (ctx && error.status !== 401) {
      showMessage(els.viewError, `撤回没有成功：${error.message}`);
    }
  }
}

// The form.

function toWallClock(iso) {
  if (!iso) {
    return '';
  }
  const p = {};
  for (const part of wallClock.formatToParts(new Date(iso))) {
    p[part.type] = part.value;
  }
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

function fromWallClock(value) {
  return value ? new Date(`${value}:00${BEIJING_OFFSET}`).toISOString() : null;
}

function addRepeat(value = '') {
  const input = el('input', { type: 'time', value, 'aria-label': '每天播放的时间' });
  const remove = el('button', { type: 'button', class: 'button small', text: '删除' });
  const item = el('span', { class: 'ann-repeat-item' }, input, remove);
  remove.addEventListener('click', () => item.remove());
  els.repeat.append(item);
  return input;
}

function currentTargets() {
  const kind = els.form.querySelector('input[name="ann-target"]:checked');
  const checked = (box) => [...box.querySelectorAll('input:checked')].map((input) => input.value);
  if (!kind) {
    return {};
  }
  if (kind.value === 'all') {
    return { all: true };
  }
  return kind.value === 'villages' ? { villages: checked(els.villageOptions) } : { kiosks: [...chosenKiosks] };
}

function option(name, value, text, checked, disabled) {
  return el('label', { class: 'choice' },
      el('input', { type: 'checkbox', name, value, checked: checked ? 'checked' : null, disabled }), ` ${text}`);
}

/** The villages and kiosks to choose from: a cadre's own village and its kiosks only. */
function renderTargetOptions(targets) {
  const cadre = isCadre();
  const villages = cadre ? [ctx.user.village] : [...villageNames];
  for (const village of targets.villages || []) {
    if (!villages.includes(village) && !cadre) {
      villages.push(village);
    }
  }
  els.villageOptions.replaceChildren(...villages.map((village) => option('ann-village', village, village,
      cadre || (targets.villages || []).includes(village), cadre)));
  if (villages.length === 0) {
    els.villageOptions.append(el('p', { class: 'small-note', text: '还没有登记任何村，没有村可选。' }));
  }
  chosenKiosks = new Set(targets.kiosks || []);
  const first = (targets.kiosks || []).map((id) => kioskNames.get(id)).find(Boolean);
  const shown = cadre ? ctx.user.village
    : villages.includes(pickVillage) ? pickVillage : first ? first.village : villages[0] || '';
  if (shown !== pickVillage || pickKiosks.length === 0) {
    pickVillage = shown;
    loadPick(false);
  } else {
    renderKioskPicker();
  }
  els.targetAllLabel.hidden = cadre;
  els.targetVillagesText.textContent = cadre ? `本村（${ctx.user.village}）全部设备` : '选择村';
}

/**
 * The kiosk picker: a village, that village's kiosks a page at a time (「更多」 for the next),
 * and the kiosks ticked in other villages, so that they stay in view and can be unticked.
 */
function renderKioskPicker() {
  const cadre = isCadre();
  const villages = cadre ? [ctx.user.village] : villageNames;
  const select = el('select', { class: 'ann-pick-village', 'aria-label': '选择村，列出这个村的设备', disabled: cadre },
      ...villages.map((village) => el('option', { value: village, text: village })));
  select.value = pickVillage;
  const here = new Set(pickKiosks.map((kiosk) => kiosk.id));
  const elsewhere = [...chosenKiosks].filter((id) => !here.has(id));
  els.kioskOptions.replaceChildren(
      el('div', { class: 'ann-pick-head' }, select,
          el('span', { class: 'small-note ann-pick-count', text: pickCountText() })),
      ...elsewhere.map((id) => {
        const kiosk = kioskNames.get(id);
        return option('ann-kiosk', id, kiosk ? `${kiosk.name}（${kiosk.village}）` : id, true, false);
      }),
      ...pickKiosks.map((kiosk) => option('ann-kiosk', kiosk.id, `${kiosk.name}（${kiosk.village}）`,
          chosenKiosks.has(kiosk.id), false)),
      pickKiosks.length === 0 && pickVillage ? el('p', { class: 'small-note', text: `${pickVillage}还没有登记设备。` })
        : null,
      pickNext ? el('button', { type: 'button', class: 'button small', 'data-action': 'pick-more', text: '更多' }) : null);
}

function pickCountText() {
  return chosenKiosks.size > 0 ? `已选 ${chosenKiosks.size} 台` : '';
}

/** The picker village's first page of kiosks (more = false) or its next (more = true). */
async function loadPick(more) {
  const number = ++pickNumber;
  if (!more) {
    pickKiosks = [];
    pickNext = null;
    renderKioskPicker();
  }
  if (!pickVillage) {
    return;
  }
  try {
    const page = await ctx.api.page(more && pickNext ? pickNext
      : withQuery('/api/v1/kiosks', { village: pickVillage, limit: PICK_PAGE }));
    if (!ctx || number !== pickNumber) {
      return;
    }
    page.items.filter((kiosk) => !kiosk.retiredAt).forEach(noteKiosk);
    pickKiosks = [...pickKiosks, ...page.items.filter((kiosk) => !kiosk.retiredAt)];
    pickNext = page.next;
    renderKioskPicker();
  } catch (error) {
    if (ctx && number === pickNumber && error.status !== 401) {
      showMessage(els.formError, `没能载入${pickVillage}的设备：${error.message}`);
    }
  }
}

function showTargetKind() {
  const kind = els.form.querySelector('input[name="ann-target"]:checked').value;
  els.villageOptions.hidden = kind !== 'villages';
  els.kioskOptions.hidden = kind !== 'kiosks';
}

function openForm(announcement) {
  if (mode === 'form' && !leaveForm()) {
    return;
  }
  editing = announcement;
  openId = announcement ? announcement.id : null;
  showPane('form');
  renderList();
  showMessage(els.notice, '');
  showMessage(els.formError, '');
  showMessage(els.audioError, '');
  els.detailTitle.textContent = announcement ? '修改通知' : '新建通知';
  els.badges.replaceChildren();
  fillForm(announcement);
  setPending(null);
  showRecorderAvailability();
  els.save.textContent = announcement ? '保存修改' : '保存并发布';
  els.title.focus();
}

/** Fills the form's fields from announcement (null: a new one). */
function fillForm(announcement) {
  els.title.value = announcement ? announcement.title : '';
  els.text.value = announcement ? announcement.text || '' : '';
  els.form.querySelector(`input[name="ann-priority"][value="${announcement ? announcement.priority : 'NORMAL'}"]`)
      .checked = true;
  els.form.querySelector(`input[name="ann-outdoor"][value="${announcement ? announcement.outdoor : true}"]`)
      .checked = true;
  const targets = announcement ? announcement.targets : {};
  const kind = targets.all ? 'all' : targets.kiosks && targets.kiosks.length > 0 ? 'kiosks' : 'villages';
  els.form.querySelector(`input[name="ann-target"][value="${kind}"]`).checked = true;
  renderTargetOptions(targets);
  showTargetKind();
  els.starts.value = announcement ? toWallClock(announcement.startsAt) : '';
  // Left empty in an edit, the hub keeps the start it had: a new start would broadcast it again.
  els.startsHint.textContent = announcement ? '不填就保持原来的开始时间' : '不填就是马上开始';
  els.ends.value = announcement ? toWallClock(announcement.endsAt) : '';
  els.repeat.replaceChildren();
  for (const time of announcement ? announcement.repeatDaily : []) {
    addRepeat(time);
  }
  els.audioState.textContent = announcement && announcement.audio
    ? `现在的录音：${(announcement.audio.durationMs / 1000).toFixed(1)} 秒。上传或录一段新的会替换它。`
    : '还没有录音。没有录音的通知只在屏幕上显示文字。';
}

/** A stored announcement as draftFromForm() reads a form filled from it. */
function draftOf(announcement) {
  const { title, priority, outdoor, targets, startsAt, endsAt } = announcement;
  return { title, text: announcement.text || null, priority, outdoor, targets,
    repeatDaily: announcement.repeatDaily, startsAt, endsAt };
}

/** Asks before a recording in progress or unsaved audio is thrown away; true to go on. */
function leaveForm() {
  if (recorder || pending) {
    if (!window.confirm('刚录的或选的声音还没有保存，确定要离开吗？')) {
      return false;
    }
  }
  cancelRecording();
  setPending(null);
  return true;
}

function closeForm() {
  if (!leaveForm()) {
    return;
  }
  editing = null;
  if (openId && announcements.some((a) => a.id === openId)) {
    const id = openId;
    mode = null;
    open(id);
  } else {
    openId = null;
    showPane(null);
    els.detailTitle.textContent = '通知详情';
    renderList();
  }
}

function draftFromForm() {
  const title = els.title.value.trim();
  if (!title) {
    return { error: '请填写标题。', focus: els.title };
  }
  const targets = currentTargets();
  if (!targets.all && (targets.villages || targets.kiosks || []).length === 0) {
    return { error: '请选择发给哪些村或哪些设备。', focus: els.form.querySelector('input[name="ann-target"]:checked') };
  }
  const repeatDaily = [...els.repeat.querySelectorAll('input[type="time"]')].map((input) => input.value)
      .filter(Boolean);
  const draft = {
    title,
    text: els.text.value.trim() || null,
    priority: els.form.querySelector('input[name="ann-priority"]:checked').value,
    outdoor: els.form.querySelector('input[name="ann-outdoor"]:checked').value === 'true',
    targets,
    repeatDaily: [...new Set(repeatDaily)].sort(),
    endsAt: null,
  };
  // An unchanged time is sent back exactly as it was: a start moved by seconds would be a new start.
  if (editing && els.starts.value === toWallClock(editing.startsAt)) {
    draft.startsAt = editing.startsAt;
  } else if (els.starts.value) {
    draft.startsAt = fromWallClock(els.starts.value);
  }
  if (editing && els.ends.value === toWallClock(editing.endsAt)) {
    draft.endsAt = editing.endsAt;
  } else if (els.ends.value) {
    draft.endsAt = fromWallClock(els.ends.value);
  }
  const start = draft.startsAt ? Date.parse(draft.startsAt) : Date.now();
  if (draft.endsAt && Date.parse(draft.endsAt) <= start) {
    return { error: '结束时间要晚于开始时间。', focus: els.ends };
  }
  return { draft };
}

/** What a conflict notice lists of an announcement. */
const CONFLICT_LABELS = {
  title: '标题', text: '内容', priority: '紧急程度', outdoor: '户外喇叭', targets: '发给', startsAt: '开始时间',
  endsAt: '结束时间', repeatDaily: '每天重复',
};

function conflictValue(field, value) {
  if (value === null || value === undefined) {
    return '';
  }
  if (field === 'priority') {
    return value === 'EMERGENCY' ? '紧急' : '普通';
  }
  if (field === 'outdoor') {
    return value ? '用' : '不用';
  }
  if (field === 'startsAt' || field === 'endsAt') {
    return toWallClock(value).replace('T', ' ');
  }
  if (field === 'targets') {
    return value.all ? '全部' : [...(value.villages || []), ...(value.kiosks || [])].join('、');
  }
  return Array.isArray(value) ? value.join('、') : String(value);
}

async function save(event) {
  event.preventDefault();
  if (saving) {
    return;
  }
  if (recorder) {
    showMessage(els.formError, '正在录音：请先点“停止录音”，听一遍，再保存。');
    els.record.focus();
    return;
  }
  const { draft, error, focus } = draftFromForm();
  if (error) {
    showMessage(els.formError, error);
    if (focus) {
      focus.focus();
    }
    return;
  }
  showMessage(els.formError, '');
  showMessage(els.audioError, '');
  setSaving(true);
  let saved;
  try {
    saved = editing ? await ctx.api.put(path(editing.id), draft, editing.revision)
      : await ctx.api.post('/api/v1/announcements', draft);
  } catch (failure) {
    setSaving(false);
    if (ctx && isConflict(failure)) {
      // The current state, with what this person changed put back on top; the next save sends it.
      const current = failure.error.current;
      const lines = changedLines(editing, current, CONFLICT_LABELS, conflictValue);
      const form = rebased(draft, draftOf(editing), draftOf(current));
      fillForm({ ...current, ...form });
      editing = current;
      upsert(current);
      showMessage(els.formError, conflictNotice(`通知“${current.title}”`, lines));
      return;
    }
    if (ctx && failure.status !== 401) {
      showMessage(els.formError, failure.status === 403 ? `没有权限：${failure.message}`
        : `保存没有成功：${failure.message}`);
    }
    return;
  }
  if (!ctx) {
    return;
  }
  const created = !editing;
  editing = saved;
  openId = saved.id;
  upsert(saved);
  if (pending) {
    try {
      const audio = await ctx.api.put(path(saved.id, '/audio'), pending.blob);
      saved = await ctx.api.get(path(saved.id));
      upsert(saved);
      if (audio) {
        setPending(null);
      }
    } catch (failure) {
      setSaving(false);
      if (!ctx || failure.status === 401) {
        return;
      }
      // The text is saved; the form stays open on it so another file can be chosen.
      els.detailTitle.textContent = '修改通知';
      els.save.textContent = '保存修改';
      els.startsHint.textContent = '不填就保持原来的开始时间';
      showMessage(els.audioError, audioErrorText(failure, created));
      if (failure.status === 413 || failure.status === 415) {
        // That file will never be taken: choosing or recording another is the way on.
        setPending(null);
      }
      els.audioError.scrollIntoView({ block: 'nearest' });
      loadBoard(saved.id);
      return;
    }
  }
  setSaving(false);
  loadBoard(saved.id);
  editing = null;
  mode = null;
  open(saved.id);
  showMessage(els.notice, created ? '通知已发布。在线的小院设备几秒钟内就会收到，下面是送达情况。'
    : '修改已保存。在线的小院设备几秒钟内就会收到。');
}

function audioErrorText(failure, created) {
  const saved = created ? '通知的文字已经保存，但还没有录音。' : '通知的其他修改已经保存。';
  if (failure.status === 415) {
    return `乡镇服务器不接受这个声音文件：${failure.message}。请上传 WAV 格式的录音，或直接在这里录音，然后再点“保存修改”。${saved}`;
  }
  if (failure.status === 413) {
    return `声音文件太大：${failure.message}。请录短一些，或请管理员调大 announce.max-upload-mb。${saved}`;
  }
  return `录音没有上传成功：${failure.message}。${saved}`;
}

function setSaving(on) {
  saving = on;
  els.save.disabled = on;
  if (on) {
    els.save.textContent = '正在保存…';
  } else {
    els.save.textContent = editing ? '保存修改' : '保存并发布';
  }
}

// Audio in the form: a chosen file or a recording, kept until save.

function setPending(next) {
  pending = next;
  if (pendingUrl) {
    URL.revokeObjectURL(pendingUrl);
    pendingUrl = null;
  }
  if (next) {
    pendingUrl = URL.createObjectURL(next.blob);
    els.takeAudio.src = pendingUrl;
    els.takeLabel.textContent = next.label;
    els.takeDiscard.textContent = next.recorded ? '不用这段录音' : '不用这个文件';
    els.take.hidden = false;
  } else {
    els.takeAudio.removeAttribute('src');
    els.take.hidden = true;
    els.file.value = '';
  }
  if (next && next.recorded) {
    els.file.value = '';
  }
}

function chooseFile() {
  const file = els.file.files[0];
  if (!file) {
    return;
  }
  showMessage(els.audioError, '');
  // Some systems give a .wav no media type; the hub goes by the type sent.
  const blob = !file.type && /\.wave?$/i.test(file.name) ? new Blob([file], { type: 'audio/wav' }) : file;
  setPending({ blob, label: `已选文件：${file.name}（${Math.max(1, Math.round(file.size / 1024))} KB，保存时上传）` });
}

function showRecorderAvailability() {
  const reason = unavailableReason();
  els.record.disabled = reason !== null;
  if (reason === 'insecure') {
    showMessage(els.unavailable, '现在不能录音：浏览器只有在安全连接（https）下才允许网页使用话筒。'
        + '请管理员按照说明（docs/tls.md）为乡镇服务器开启 https，再用 https:// 开头的地址打开本页。'
        + '现在仍然可以上传录好的 WAV 文件。');
  } else if (reason === 'old-browser') {
    showMessage(els.unavailable, '这个浏览器太旧，不能在网页里录音。请换用新版的 Chrome、Edge 或 Firefox，'
        + '或者上传录好的 WAV 文件。');
  } else {
    showMessage(els.unavailable, '');
  }
}

function clock(seconds) {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

async function toggleRecording() {
  if (recorder) {
    await stopRecording();
    return;
  }
  showMessage(els.audioError, '');
  const started = new Recorder((seconds, level) => {
    els.elapsed.textContent = clock(seconds);
    els.level.value = level;
  });
  recorder = started;
  els.record.disabled = true;
  try {
    await started.start();
  } catch (error) {
    recorder = null;
    els.record.disabled = false;
    showMessage(els.audioError, microphoneErrorText(error));
    return;
  }
  if (recorder !== started) {
    started.release();
    return;
  }
  els.elapsed.textContent = '0:00';
  els.record.disabled = false;
  els.record.textContent = '■ 停止录音';
  els.record.classList.add('recording');
  els.record.setAttribute('aria-pressed', 'true');
  els.elapsed.setAttribute('aria-live', 'off');
}

async function stopRecording() {
  const stopping = recorder;
  els.record.disabled = true;
  let take;
  try {
    take = await stopping.stop();
  } catch (error) {
    showMessage(els.audioError, `录音没能结束：${error.message}`);
  }
  if (recorder !== stopping) {
    return;
  }
  recorder = null;
  resetRecordButton();
  if (take) {
    if (take.seconds < 0.5) {
      showMessage(els.audioError, '录音太短了，没有录到声音。请再录一次。');
      return;
    }
    setPending({ blob: take.blob, recorded: true, seconds: take.seconds,
      label: `新录音 ${take.seconds.toFixed(1)} 秒（请先听一遍；保存时上传）` });
    els.take.dataset.seconds = take.seconds.toFixed(3);
  }
}

function cancelRecording() {
  if (recorder) {
    recorder.release();
    recorder = null;
    resetRecordButton();
  }
}

function resetRecordButton() {
  els.record.disabled = unavailableReason() !== null;
  els.record.textContent = '● 开始录音';
  els.record.classList.remove('recording');
  els.record.setAttribute('aria-pressed', 'false');
  els.level.value = 0;
}

function microphoneErrorText(error) {
  if (error && (error.name === 'NotAllowedError' || error.name === 'SecurityError')) {
    return '浏览器没有允许本页使用话筒。请点地址栏左边的图标，允许使用话筒，再点“开始录音”。也可以上传录好的 WAV 文件。';
  }
  if (error && (error.name === 'NotFoundError' || error.name === 'OverconstrainedError')) {
    return '这台电脑上没有找到话筒。请插上话筒再试，或上传录好的 WAV 文件。';
  }
  if (error && error.name === 'NotReadableError') {
    return '话筒被别的程序占用了。请关掉正在用话筒的程序（如视频会议）再试。';
  }
  return `录音没能开始：${error && error.message ? error.message : error}`;
}

function wire() {
  els.newButton.addEventListener('click', () => openForm(null));
  els.more.addEventListener('click', () => loadList(true));
  els.refresh.addEventListener('click', () => {
    loadVillages();
    loadList();
  });
  els.rows.addEventListener('click', (event) => {
    const row = event.target.closest('tr[data-id]');
    if (row) {
      open(row.dataset.id);
    }
  });
  els.edit.addEventListener('click', () => {
    const announcement = announcements.find((a) => a.id === openId);
    if (announcement) {
      openForm(announcement);
    }
  });
  els.withdraw.addEventListener('click', () => {
    els.confirm.hidden = false;
    els.confirmNo.focus();
  });
  els.confirmNo.addEventListener('click', () => {
    els.confirm.hidden = true;
    els.withdraw.focus();
  });
  els.confirmYes.addEventListener('click', withdraw);
  els.boardRefresh.addEventListener('click', () => openId && loadBoard(openId));
  els.form.addEventListener('submit', save);
  els.cancel.addEventListener('click', closeForm);
  els.repeatAdd.addEventListener('click', () => addRepeat().focus());
  for (const radio of els.form.querySelectorAll('input[name="ann-target"]')) {
    radio.addEventListener('change', showTargetKind);
  }
  els.kioskOptions.addEventListener('change', (event) => {
    if (event.target.name === 'ann-kiosk') {
      if (event.target.checked) {
        chosenKiosks.add(event.target.value);
      } else {
        chosenKiosks.delete(event.target.value);
      }
      // Not drawn again: the box ticked keeps the focus.
      els.kioskOptions.querySelector('.ann-pick-count').textContent = pickCountText();
    } else if (event.target.classList.contains('ann-pick-village')) {
      pickVillage = event.target.value;
      loadPick(false);
    }
  });
  els.kioskOptions.addEventListener('click', (event) => {
    if (event.target.closest('button[data-action="pick-more"]')) {
      loadPick(true);
    }
  });
  els.file.addEventListener('change', chooseFile);
  els.record.addEventListener('click', toggleRecording);
  els.takeDiscard.addEventListener('click', () => setPending(null));
}

export const announcementSection = {
  id: 'announcements',
  events: ['announcement-delivery'],

  start(context) {
    ctx = context;
    if (!els) {
      els = elements();
      wire();
    }
    showPane(null);
    loadVillages();
    loadList();
  },

  stop() {
    ctx = null;
    loadNumber += 1;
    cancelRecording();
    setPending(null);
    announcements = [];
    nextPage = null;
    els.more.hidden = true;
    boards.clear();
    kioskNames.clear();
    villageNames = [];
    chosenKiosks = new Set();
    pickVillage = '';
    pickKiosks = [];
    pickNext = null;
    pickNumber += 1;
    openId = null;
    editing = null;
    saving = false;
    els.rows.replaceChildren();
    els.boardRows.replaceChildren();
    els.audio.removeAttribute('src');
    els.detailTitle.textContent = '通知详情';
    els.badges.replaceChildren();
    showPane(null);
    showMessage(els.notice, '');
    showMessage(els.listError, '');
  },

  reload() {
    loadVillages();
    loadList();
  },

  show() {
    loadVillages();
    loadList();
  },

  hide() {},

  onEvent(name, data) {
    if (announcements.some((a) => a.id === data.announcementId)) {
      loadBoard(data.announcementId);
    }
  },
};
