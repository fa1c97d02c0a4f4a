// The residents section (居民): the ledger of empty-nest elders and left-behind children, village
// by village. The list masks phone numbers (the hub does); the form reads the one resident with
// every field, so what it saves back is never a masked number. Also photos, pausing the check-in
// alerts of someone in hospital or away, the resident's 家人 (resident-family.js), and the CSV
// ledger out and in (all or nothing).

import { withQuery } from '../api.js';
import { changedLines, conflictNotice, isConflict, rebased } from '../conflict.js';
import { byId, clearMarkOnInput, el, markInvalid, onRowClick, showMessage } from '../dom.js';
import { dateTime } from '../format.js';
import {
  CHILDREN_AWAY, COMMON_TAGS, FIELD_LABELS, LEAVE_REASON, PARENTS_AWAY, addDays, dayText,
  everyText, explain, fieldOf, fieldText, fillChoices, today, typeText,
} from '../people.js';
import { clearFamily, showFamily } from '../resident-family.js';

/** The hub's field names as the form labels them, for error messages. */
const LABELS = { ...FIELD_LABELS, until: '暂停到' };

/** Inputs of the form whose value is the hub's field as it is (text, a date, a choice), by field name. */
const TEXT_FIELDS = {
  name: 'resident-name',
  village: 'resident-village',
  birthDate: 'resident-birth-date',
  group: 'resident-group',
  phone: 'resident-phone',
  address: 'resident-address',
  guardian: 'resident-guardian',
  guardianPhone: 'resident-guardian-phone',
  parentsAway: 'resident-parents-away',
  parentsWorkplace: 'resident-parents-workplace',
  parentsPhone: 'resident-parents-phone',
  school: 'resident-school',
  schoolClass: 'resident-class',
  headTeacher: 'resident-head-teacher',
  childrenAway: 'resident-children-away',
  note: 'resident-note',
};
const CHILD_ONLY = ['parentsAway', 'parentsWorkplace', 'parentsPhone', 'school', 'schoolClass', 'headTeacher'];
const ELDER_ONLY = ['childrenAway'];

let ctx = null;
let els = null;
/** The residents the list knows (phones masked), by id. */
const residents = new Map();
const villages = new Set();
/** Active cadres by village, as the pairing tick boxes offer them. */
const cadresByVillage = new Map();
/** The resident open in the form with every field; null for a new one (when the form is open). */
let open = null;
/**
 * Why the resident a link named (#residents/ID) could not be opened, shown where the list's own
 * errors are: the list loading at the same moment must not wipe it when it arrives after.
 */
let linkError = '';
let formOpen = false;
/** The resident as the form was filled from it: its version goes with the save (If-Match). */
let edited = null;
let busy = false;
let loadNumber = 0;
/** The path of the list's next page (the hub pages the ledger, docs/api.md "Paging"); null on the last. */
let nextPage = null;
let searchTimer = null;
/** How long typing in the search box rests before the hub is asked. */
const SEARCH_PAUSE_MS = 300;

function elements() {
  const out = {
    summary: byId('residents-summary'),
    add: byId('residents-new'),
    villageFilter: byId('residents-filter-village'),
    typeFilter: byId('residents-filter-type'),
    search: byId('residents-search'),
    inactive: byId('residents-inactive'),
    filters: byId('residents-filters'),
    exportLink: byId('residents-export'),
    importFile: byId('residents-import-file'),
    importButton: byId('residents-import-start'),
    importError: byId('residents-import-error'),
    importSummary: byId('residents-import-summary'),
    importLines: byId('residents-import-lines'),
    importDone: byId('residents-import-done'),
    listError: byId('residents-list-error'),
    rows: byId('residents-rows'),
    more: byId('residents-more'),
    empty: byId('residents-empty'),
    detail: byId('resident-detail'),
    title: byId('resident-detail-title'),
    badges: byId('resident-badges'),
    placeholder: byId('resident-placeholder'),
    body: byId('resident-body'),
    notice: byId('resident-notice'),
    photoBox: byId('resident-photo-box'),
    photo: byId('resident-photo'),
    photoNone: byId('resident-photo-none'),
    photoFile: byId('resident-photo-file'),
    photoUpload: byId('resident-photo-upload'),
    photoError: byId('resident-photo-error'),
    form: byId('resident-form'),
    formError: byId('resident-form-error'),
    type: byId('resident-type'),
    every: byId('resident-every'),
    tagChoices: byId('resident-tag-choices'),
    tagsOther: byId('resident-tags-other'),
    childFields: byId('resident-child-fields'),
    elderFields: byId('resident-elder-fields'),
    cadres: byId('resident-cadres'),
    cadresNone: byId('resident-cadres-none'),
    active: byId('resident-active'),
    villageList: byId('resident-villages'),
    save: byId('resident-save'),
    cancel: byId('resident-cancel'),
    pause: byId('resident-pause'),
    pauseState: byId('resident-pause-state'),
    pauseError: byId('resident-pause-error'),
    pauseUntil: byId('resident-pause-until'),
    pauseNote: byId('resident-pause-note'),
    pauseReason: byId('resident-pause-reason'),
    pauseButton: byId('resident-pause-button'),
    resumeButton: byId('resident-resume-button'),
    home: byId('resident-home'),
    homeState: byId('resident-home-state'),
    homeError: byId('resident-home-error'),
    homeCode: byId('resident-home-code'),
    homeRegister: byId('resident-home-register'),
    text: {},
  };
  for (const [field, id] of Object.entries(TEXT_FIELDS)) {
    out.text[field] = byId(id);
  }
  fillChoices(out.text.parentsAway, PARENTS_AWAY);
  fillChoices(out.text.childrenAway, CHILDREN_AWAY);
  out.tagChoices.replaceChildren(...COMMON_TAGS.map((tag) => el('label', { class: 'check' },
      el('input', { type: 'checkbox', value: tag }), tag)));
  return out;
}

function isCadre() {
  return ctx.user.role === 'CADRE';
}

// The list

function addVillage(village) {
  if (village && !villages.has(village)) {
    villages.add(village);
    renderVillages();
  }
}

function renderVillages() {
  const select = els.villageFilter;
  const own = isCadre() ? ctx.user.village : null;
  const chosen = own || select.value;
  const sorted = [...villages].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  select.replaceChildren();
  if (own) {
    select.append(el('option', { value: own, text: own }));
  } else {
    select.append(el('option', { value: '', text: '全部村' }));
    sorted.forEach((village) => select.append(el('option', { value: village, text: village })));
  }
  select.value = chosen;
  select.disabled = Boolean(own);
  els.villageList.replaceChildren(...(own ? [own] : sorted).map((village) => el('option', { value: village })));
  updateExportLink();
}

function updateExportLink() {
  els.exportLink.setAttribute('href', withQuery('/api/v1/residents.csv', { village: els.villageFilter.value }));
}

/** The first page of the list as the filters choose it; the hub filters, searches and orders. */
function listPath() {
  return withQuery('/api/v1/residents', {
    village: els.villageFilter.value,
    type: els.typeFilter.value,
    q: els.search.value.trim(),
    includeInactive: els.inactive.checked ? 'true' : '',
  });
}

/** Loads the first page (more = false) or the next one (more = true) of the list. */
async function load(more = false) {
  if (more && !nextPage) {
    return;
  }
  const number = more ? loadNumber : ++loadNumber;
  els.more.disabled = true;
  try {
    const page = await ctx.api.page(more ? nextPage : listPath());
    if (!ctx || number !== loadNumber) {
      return;
    }
    if (!more) {
      residents.clear();
    }
    for (const resident of page.items) {
      residents.set(resident.id, resident);
      addVillage(resident.village);
    }
    nextPage = page.next;
    showMessage(els.listError, linkError);
    renderList();
  } catch (error) {
    if (ctx && number === loadNumber && error.status !== 401) {
      showMessage(els.listError, `没能载入居民名单：${error.message}`);
    }
  }
}

/** Every village the hub knows (of residents, kiosks, cadres, users), for the choices. */
async function loadVillages() {
  try {
    const list = await ctx.api.get('/api/v1/villages');
    if (ctx) {
      list.forEach((village) => villages.add(village.name));
      renderVillages();
    }
  } catch (error) {
    console.warn('courtyard: no /api/v1/villages for the village choices', error);
  }
}

/** Whether a resident changed here (saved, set inactive) still belongs in the list the hub gave. */
function matches(resident) {
  if (!els.inactive.checked && !resident.active) {
    return false;
  }
  if (els.villageFilter.value && resident.village !== els.villageFilter.value) {
    return false;
  }
  return !els.typeFilter.value || resident.type === els.typeFilter.value;
}

/** The small badges after a name: not checked in (alert), paused, inactive. */
function badgesOf(resident) {
  const out = [];
  if (!resident.active) {
    const why = LEAVE_REASON[resident.leftReason];
    out.push(el('span', { class: 'badge badge-offline', text: why ? `不在册（${why}）` : '不在册' }));
  }
  if (resident.alert) {
    out.push(el('span', { class: 'badge badge-overdue', text: '未报平安' }));
  }
  if (resident.pausedUntil && resident.pausedUntil >= today()) {
    out.push(el('span', { class: 'badge badge-paused', text: `暂停提醒至${dayText(resident.pausedUntil)}` }));
  }
  return out;
}

function thumbnail(resident, size) {
  if (!resident.photo) {
    return el('span', { class: `thumb no-photo thumb-${size}`, 'aria-hidden': 'true', text: resident.name.slice(0, 1) });
  }
  return el('img', { class: `thumb thumb-${size}`, alt: '', src: photoUrl(resident), width: size, height: size });
}

function photoUrl(resident) {
  return `/api/v1/residents/${encodeURIComponent(resident.id)}/photo?v=${resident.photo.sha256.slice(0, 12)}`;
}

function renderList() {
  // In the hub's order (village, then name by pinyin): pages append after what is shown.
  const shown = [...residents.values()].filter(matches);
  const rows = shown.map((resident) => el('tr', {
    'data-id': resident.id,
    class: [open && open.id === resident.id ? 'is-selected' : '', resident.alert ? 'is-alert' : '',
      resident.active ? '' : 'is-closed'].join(' ').trim(),
  },
  el('td', { class: 'name-cell' }, thumbnail(resident, 40),
      el('span', {}, el('button', { type: 'button', class: 'row-open', title: `查看 ${resident.name}` }, resident.name),
          ...badgesOf(resident))),
  el('td', { text: resident.village }),
  el('td', { text: resident.group || '—' }),
  el('td', { text: typeText(resident.type) }),
  el('td', { text: resident.tags.join('、') || '—' }),
  el('td', { text: everyText(resident.checkInEveryDays) }),
  el('td', { class: 'phone' }, resident.phone || resident.guardianPhone || '—',
      !resident.phone && resident.guardianPhone ? el('span', { class: 'small-note', text: '监护人' }) : null),
  el('td', { text: resident.cadres.map((cadre) => cadre.name).join('、') || '—' })));
  els.rows.replaceChildren(...rows);
  els.empty.hidden = rows.length > 0;
  els.more.hidden = !nextPage;
  els.more.disabled = false;
  els.summary.textContent = rows.length > 0 ? `显示 ${rows.length} 人${nextPage ? '，还有更多' : ''}` : '';
}

// The form

function setInvalid(field) {
  markInvalid(els.form, field === 'type' ? els.type : field === 'checkInEveryDays' ? els.every
    : field === 'tags' ? els.tagsOther : els.text[field]);
}

function showChildFields() {
  els.childFields.hidden = els.type.value !== 'CHILD';
  els.elderFields.hidden = els.type.value !== 'ELDER';
}

async function loadCadres(village) {
  if (!village) {
    return [];
  }
  if (!cadresByVillage.has(village)) {
    const list = await ctx.api.get(withQuery('/api/v1/cadres', { village }));
    cadresByVillage.set(village, list.filter((cadre) => cadre.active));
  }
  return cadresByVillage.get(village);
}

/** Tick boxes for the cadres of the village typed in the form; keeps what was ticked. */
async function renderCadres(chosen) {
  const village = els.text.village.value.trim();
  const ticked = chosen || [...els.cadres.querySelectorAll('input:checked')].map((box) => box.value);
  let list = [];
  try {
    list = await loadCadres(village);
  } catch (error) {
    if (error.status !== 403 && error.status !== 401) {
      showMessage(els.formError, `没能载入这个村的结对干部：${error.message}`);
    }
  }
  if (!ctx || els.text.village.value.trim() !== village) {
    return;
  }
  els.cadres.replaceChildren(...list.map((cadre) => el('label', { class: 'check' },
      el('input', { type: 'checkbox', value: cadre.id, checked: ticked.includes(cadre.id) }), cadre.name)));
  els.cadresNone.hidden = list.length > 0;
}

/** What a conflict notice lists: the edited fields, the paired cadres by name. */
const CONFLICT_LABELS = Object.fromEntries(Object.entries(LABELS)
    .filter(([field]) => field !== 'cadreIds' && field !== 'until').concat([['cadres', '结对干部']]));

function conflictValue(field, value) {
  if (field === 'type') {
    return value ? typeText(value) : '';
  }
  if (field === 'active') {
    return value ? '在册' : '不在册';
  }
  if (field === 'parentsAway' || field === 'childrenAway') {
    return value ? (field === 'parentsAway' ? PARENTS_AWAY : CHILDREN_AWAY)[value] || value : '';
  }
  if (Array.isArray(value)) {
    return value.map((item) => (typeof item === 'object' ? item.name : item)).join('、');
  }
  return value === null || value === undefined ? '' : String(value);
}

function fillForm(resident) {
  edited = resident;
  const values = resident || {};
  for (const [field, input] of Object.entries(els.text)) {
    input.value = values[field] || '';
  }
  if (!resident) {
    els.text.village.value = isCadre() ? ctx.user.village : els.villageFilter.value;
  }
  els.text.village.readOnly = isCadre();
  els.type.value = values.type || 'ELDER';
  els.every.value = resident ? (resident.checkInEveryDays || '') : '1';
  const tags = values.tags || [];
  for (const box of els.tagChoices.querySelectorAll('input')) {
    box.checked = tags.includes(box.value);
  }
  els.tagsOther.value = tags.filter((tag) => !COMMON_TAGS.includes(tag)).join('、');
  els.active.checked = resident ? resident.active : true;
  showChildFields();
  showMessage(els.formError, '');
  setInvalid(null);
  renderCadres(resident ? resident.cadres.map((cadre) => cadre.id) : []);
}

function renderDetail() {
  els.placeholder.hidden = formOpen;
  els.body.hidden = !formOpen;
  if (!formOpen) {
    els.title.textContent = '居民信息';
    els.badges.replaceChildren();
    clearFamily();
    return;
  }
  els.title.textContent = open ? open.name : '新增居民';
  els.badges.replaceChildren(...(open ? [el('span', { class: 'badge badge-type', text: typeText(open.type) }),
    ...badgesOf(open)] : []));
  els.photoBox.hidden = !open;
  els.pause.hidden = !open;
  els.home.hidden = !open;
  showFamily(ctx, open);
  if (!open) {
    return;
  }
  els.photo.hidden = !open.photo;
  els.photoNone.hidden = Boolean(open.photo);
  if (open.photo) {
    els.photo.src = photoUrl(open);
    els.photo.alt = `${open.name}的照片`;
  } else {
    els.photo.removeAttribute('src');
  }
  renderPause();
  loadHomeUnit(open.id);
}

/** The resident's home unit (居家呼叫器): whether it is in contact, its last heartbeat and power. */
async function loadHomeUnit(residentId) {
  els.homeState.textContent = '';
  els.homeRegister.hidden = true;
  showMessage(els.homeError, '');
  try {
    const units = await ctx.api.get(withQuery('/api/v1/home-units', { residentId }));
    if (!ctx || !open || open.id !== residentId) {
      return;
    }
    const unit = units.find((one) => !one.retiredAt);
    if (!unit) {
      els.homeState.textContent = '没有居家呼叫器。独居、行动不便的老人可以在家里装一个：按绿色按钮报平安，按红色按钮求助。';
      els.homeRegister.hidden = ctx.user.role !== 'ADMIN' || open.active === false;
      return;
    }
    const facts = [`${unit.name}（编号 ${unit.id}）。`];
    if (unit.silentSince) {
      facts.push(`居家呼叫器离线：从 ${dateTime(unit.silentSince)} 起没有联系，请上门或打电话看看。`);
    } else if (!unit.lastSeenAt) {
      facts.push('还没有联系过乡镇（尚未安装或激活）。');
    } else {
      facts.push(`${unit.online ? '在线' : '离线'}，最后联系 ${dateTime(unit.lastSeenAt)}。`);
    }
    const heartbeat = unit.lastHeartbeat;
    if (unit.lastHeartbeatAt) {
      facts.push(`最近心跳 ${dateTime(unit.lastHeartbeatAt)}。`);
    }
    if (heartbeat && heartbeat.power) {
      facts.push(`电源：${heartbeat.power.replace(/^mains$/i, '市电').replace(/^battery/i, '电池')}。`);
    }
    els.homeState.textContent = facts.join(' ');
  } catch (error) {
    if (ctx && error.status !== 401) {
      showMessage(els.homeError, `没能载入居家呼叫器：${error.message}`);
    }
  }
}

/** ADMIN: registers a home unit for the open resident and shows its enrolment code once. */
async function registerHomeUnit() {
  const resident = open;
  showMessage(els.homeError, '');
  els.homeRegister.disabled = true;
  try {
    const made = await ctx.api.post('/api/v1/kiosks', { name: `${resident.name}家的居家呼叫器`,
      village: resident.village, kind: 'HOME', residentId: resident.id });
    if (!ctx || !open || open.id !== resident.id) {
      return;
    }
    showMessage(els.homeCode, `已登记 ${made.id}。激活码 ${made.enrolmentCode}（${dateTime(made.enrolmentCodeExpiresAt)} 前有效）：`
        + '在呼叫器上输入 enrol 和这个码，见部署说明。');
    await loadHomeUnit(resident.id);
  } catch (error) {
    if (ctx && error.status !== 401) {
      showMessage(els.homeError, `没能登记：${error.message}`);
    }
  } finally {
    els.homeRegister.disabled = false;
  }
}

function renderPause() {
  const day = today();
  const paused = open.pausedUntil && open.pausedUntil >= day;
  const facts = [];
  facts.push(open.lastCheckInAt ? `上次报平安：${dateTime(open.lastCheckInAt)}。` : '还没有报过平安。');
  if (!open.checkInEveryDays) {
    facts.push('不需要报平安，所以不会提醒。');
  } else if (paused) {
    facts.push(`提醒已暂停到 ${dayText(open.pausedUntil)}（含这天）${open.pauseNote ? `，原因：${open.pauseNote}` : ''}。`);
  } else if (open.alert) {
    facts.push('已超过约定天数未报平安，正在提醒。确认人在医院或外出后，可以暂停提醒。');
  }
  els.pauseState.textContent = facts.join(' ');
  els.pauseButton.hidden = !open.checkInEveryDays;
  els.resumeButton.hidden = !paused;
  els.pauseUntil.min = day;
  els.pauseUntil.max = addDays(day, 366);
  if (!els.pauseUntil.value) {
    els.pauseUntil.value = addDays(day, 7);
  }
}

function startNew() {
  open = null;
  formOpen = true;
  clearSideInputs();
  fillForm(null);
  showMessage(els.notice, '');
  renderDetail();
  renderList();
  els.text.name.focus();
}

async function openResident(id, notice) {
  try {
    const resident = await ctx.api.get(`/api/v1/residents/${encodeURIComponent(id)}`);
    if (!ctx) {
      return;
    }
    if (!open || open.id !== id) {
      clearSideInputs();
    }
    if (linkError) {
      linkError = '';
      showMessage(els.listError, '');
    }
    open = resident;
    formOpen = true;
    fillForm(resident);
    showMessage(els.notice, notice || '');
    renderDetail();
    renderList();
  } catch (error) {
    if (ctx && error.status !== 401) {
      linkError = error.status === 403
        ? '打不开这位居民的信息：这位居民不是您村里的。村干部只能查看和管理本村的居民和他们的家人。'
        : error.status === 404 ? '打不开这位居民的信息：没有这位居民（可能链接有误）。'
          : `打不开这位居民的信息：${error.message}`;
      showMessage(els.listError, linkError);
    }
  }
}

function clearSideInputs() {
  els.photoFile.value = '';
  showMessage(els.homeCode, '');
  showMessage(els.photoError, '');
  els.pauseUntil.value = '';
  els.pauseNote.value = '';
  els.pauseReason.value = 'OTHER';
  showMessage(els.pauseError, '');
}

function formBody() {
  const body = { type: els.type.value };
  for (const [field, input] of Object.entries(els.text)) {
    const value = input.value.trim();
    body[field] = value || null;
  }
  (body.type === 'CHILD' ? ELDER_ONLY : CHILD_ONLY).forEach((field) => { body[field] = null; });
  const every = els.every.value.trim();
  body.checkInEveryDays = every ? Number(every) : null;
  const tags = [...els.tagChoices.querySelectorAll('input:checked')].map((box) => box.value);
  for (const tag of els.tagsOther.value.split(/[、;；,，\s]+/)) {
    if (tag && !tags.includes(tag)) {
      tags.push(tag);
    }
  }
  body.tags = tags;
  body.cadreIds = [...els.cadres.querySelectorAll('input:checked')].map((box) => box.value);
  body.active = els.active.checked;
  return body;
}

/** A stored resident as formBody() reads a form filled from it. */
function bodyOf(resident) {
  const body = { type: resident.type };
  for (const field of Object.keys(els.text)) {
    body[field] = resident[field] || null;
  }
  (body.type === 'CHILD' ? ELDER_ONLY : CHILD_ONLY).forEach((field) => { body[field] = null; });
  body.checkInEveryDays = resident.checkInEveryDays || null;
  body.tags = resident.tags || [];
  body.cadreIds = resident.cadres.map((cadre) => cadre.id);
  body.active = resident.active;
  return body;
}

/** Checks on the page what the hub would refuse anyway, with the field named in Chinese. */
function localProblem(body) {
  if (!body.name) {
    return ['name', '请填写姓名。'];
  }
  if (!body.village) {
    return ['village', '请填写村名。'];
  }
  if (body.checkInEveryDays !== null && !(Number.isInteger(body.checkInEveryDays)
      && body.checkInEveryDays >= 1 && body.checkInEveryDays <= 365)) {
    return ['checkInEveryDays', '报平安间隔天数要填 1 到 365 的整数；不需要报平安就空着。'];
  }
  for (const field of ['phone', 'guardianPhone', 'parentsPhone']) {
    if (body[field] && body[field].includes('*')) {
      return [field, `“${LABELS[field]}”是带 * 的隐藏号码，请填写完整号码。`];
    }
  }
  return null;
}

async function save(event) {
  event.preventDefault();
  if (busy) {
    return;
  }
  const body = formBody();
  const problem = localProblem(body);
  if (problem) {
    showMessage(els.formError, problem[1]);
    setInvalid(problem[0]);
    return;
  }
  showMessage(els.formError, '');
  setInvalid(null);
  busy = true;
  els.save.disabled = true;
  const creating = !open;
  try {
    const saved = creating
      ? await ctx.api.post('/api/v1/residents', body)
      : await ctx.api.put(`/api/v1/residents/${encodeURIComponent(open.id)}`, body, edited.version);
    if (!ctx) {
      return;
    }
    addVillage(saved.village);
    await openResident(saved.id, creating ? `已添加 ${saved.name}。` : '已保存。');
    load();
  } catch (error) {
    if (!ctx || error.status === 401) {
      return;
    }
    if (isConflict(error)) {
      // The current state, with what this person changed put back on top; the next save sends it.
      const current = error.error.current;
      const lines = changedLines(edited, current, CONFLICT_LABELS, conflictValue);
      const form = rebased(body, bodyOf(edited), bodyOf(current));
      open = current;
      fillForm({ ...current, ...form, cadres: form.cadreIds.map((cadreId) => ({ id: cadreId })) });
      edited = current;
      renderDetail();
      showMessage(els.notice, conflictNotice(`${current.name}的信息`, lines));
      return;
    }
    const text = error.status === 409 ? `这个村已经有一位叫“${body.name}”的居民。同名的请在名字后注明，例如 ${body.name}（东组）。`
      : error.status === 403 ? `没有权限：您只能管理自己村的居民。（${error.message}）`
        : `没有保存：${fieldText(error.message, LABELS)}`;
    showMessage(els.formError, text);
    setInvalid(error.status === 409 ? 'name' : fieldOf(error.message));
  } finally {
    busy = false;
    if (els) {
      els.save.disabled = false;
    }
  }
}

function cancel() {
  if (open) {
    fillForm(open);
    showMessage(els.notice, '已恢复为保存过的内容。');
  } else {
    formOpen = false;
    renderDetail();
  }
}

async function uploadPhoto() {
  const file = els.photoFile.files[0];
  if (!file) {
    showMessage(els.photoError, '请先选择一张照片。');
    return;
  }
  const type = file.type === 'image/png' ? 'image/png' : file.type === 'image/jpeg' ? 'image/jpeg' : null;
  if (!type) {
    showMessage(els.photoError, '只能上传 JPG 或 PNG 格式的照片。');
    return;
  }
  showMessage(els.photoError, '');
  els.photoUpload.disabled = true;
  const id = open.id;
  try {
    await ctx.api.upload('PUT', `/api/v1/residents/${encodeURIComponent(id)}/photo`, file, type);
    if (ctx && open && open.id === id) {
      els.photoFile.value = '';
      await openResident(id, '照片已上传，村里的小院设备会自动更新。');
      load();
    }
  } catch (error) {
    if (ctx && error.status !== 401) {
      showMessage(els.photoError, error.status === 413 ? '照片太大了（最大 8 MB）。'
        : `照片没有上传成功：${error.message}`);
    }
  } finally {
    if (els) {
      els.photoUpload.disabled = false;
    }
  }
}

async function pause(event) {
  event.preventDefault();
  const until = els.pauseUntil.value;
  if (!until) {
    showMessage(els.pauseError, '请选择暂停到哪一天。');
    els.pauseUntil.focus();
    return;
  }
  const id = open.id;
  try {
    await ctx.api.post(`/api/v1/residents/${encodeURIComponent(id)}/pause`,
        { until, note: els.pauseNote.value.trim() || null, reason: els.pauseReason.value });
    showMessage(els.pauseError, '');
    if (ctx && open && open.id === id) {
      await openResident(id, `已暂停提醒到 ${dayText(until)}。`);
      load();
    }
  } catch (error) {
    if (ctx && error.status !== 401) {
      showMessage(els.pauseError, `没有暂停：${error.message}`);
    }
  }
}

async function resume() {
  const id = open.id;
  try {
    await ctx.api.delete(`/api/v1/residents/${encodeURIComponent(id)}/pause`);
    showMessage(els.pauseError, '');
    if (ctx && open && open.id === id) {
      els.pauseUntil.value = '';
      await openResident(id, '已恢复提醒，从今天起重新计算。');
      load();
    }
  } catch (error) {
    if (ctx && error.status !== 401) {
      showMessage(els.pauseError, `没有恢复：${error.message}`);
    }
  }
}

// The CSV ledger

function clearImportMessages() {
  els.importError.hidden = true;
  els.importLines.replaceChildren();
  showMessage(els.importDone, '');
}

async function importCsv() {
  const file = els.importFile.files[0];
  clearImportMessages();
  if (!file) {
    els.importSummary.textContent = '请先选择要导入的表格文件（CSV UTF-8 格式）。';
    els.importError.hidden = false;
    return;
  }
  els.importButton.disabled = true;
  try {
    // Excel on Windows calls a CSV "application/vnd.ms-excel"; the hub wants text/csv.
    const answer = await ctx.api.upload('POST', '/api/v1/residents.csv', file, 'text/csv; charset=utf-8');
    if (!ctx) {
      return;
    }
    els.importFile.value = '';
    showMessage(els.importDone, `导入成功：新增 ${answer.created} 人，更新 ${answer.updated} 人。`);
    cadresByVillage.clear();
    await load();
    if (open) {
      openResident(open.id);
    }
  } catch (error) {
    if (!ctx || error.status === 401) {
      return;
    }
    const lines = error.error && Array.isArray(error.error.errors) ? error.error.errors : [];
    if (error.code === 'invalid_csv' && lines.length > 0) {
      const total = error.error.total || lines.length;
      els.importSummary.textContent = `没有导入任何一行：表格里有 ${total} 处错误${total > lines.length
        ? `（下面列出前 ${lines.length} 处）` : ''}。名单没有任何改动。请改正后重新导入整个文件。`;
      els.importLines.replaceChildren(...lines.map((line) => {
        const plain = explain(line.message);
        return el('li', {},
            el('strong', { text: `第 ${line.line} 行${line.field ? `，“${LABELS[line.field] || line.field}”列` : ''}：` }),
            plain || line.message,
            plain ? el('span', { class: 'small-note', text: line.message }) : null);
      }));
    } else {
      els.importSummary.textContent = `没有导入任何一行，名单没有任何改动：${error.status === 413
        ? '文件太大（最大 1 MB）。' : explain(error.message) || error.message}`;
    }
    els.importError.hidden = false;
  } finally {
    if (els) {
      els.importButton.disabled = false;
    }
  }
}

function wire() {
  onRowClick(els.rows, (id) => openResident(id));
  els.add.addEventListener('click', startNew);
  els.filters.addEventListener('submit', (event) => event.preventDefault());
  els.villageFilter.addEventListener('change', () => {
    updateExportLink();
    load();
  });
  els.typeFilter.addEventListener('change', () => load());
  els.search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => load(), SEARCH_PAUSE_MS);
  });
  els.inactive.addEventListener('change', () => load());
  els.more.addEventListener('click', () => load(true));
  els.importButton.addEventListener('click', importCsv);
  els.importFile.addEventListener('change', clearImportMessages);
  els.form.addEventListener('submit', save);
  clearMarkOnInput(els.form);
  els.type.addEventListener('change', showChildFields);
  els.text.village.addEventListener('change', () => renderCadres());
  els.cancel.addEventListener('click', cancel);
  els.photoUpload.addEventListener('click', uploadPhoto);
  els.photo.addEventListener('error', () => {
    els.photo.hidden = true;
    els.photoNone.hidden = false;
  });
  els.pause.addEventListener('submit', pause);
  els.resumeButton.addEventListener('click', resume);
  els.homeRegister.addEventListener('click', registerHomeUnit);
}

/** A live check-in or alert changes what the list shows about one person. */
function touch(residentId, change) {
  const known = residents.get(residentId);
  if (!known) {
    return;
  }
  residents.set(residentId, { ...known, ...change });
  if (open && open.id === residentId) {
    open = { ...open, ...change };
    renderDetail();
  }
  renderList();
}

export const residentSection = {
  id: 'residents',
  events: ['checked-in', 'checkin-alert', 'checkin-alert-cleared'],

  start(context) {
    ctx = context;
    if (!els) {
      els = elements();
      wire();
    }
    els.typeFilter.value = '';
    els.search.value = '';
    els.inactive.checked = false;
    renderVillages();
    renderList();
    load();
    loadVillages();
  },

  stop() {
    ctx = null;
    loadNumber += 1;
    clearTimeout(searchTimer);
    nextPage = null;
    residents.clear();
    villages.clear();
    cadresByVillage.clear();
    open = null;
    linkError = '';
    formOpen = false;
    els.rows.replaceChildren();
    els.villageFilter.replaceChildren(el('option', { value: '', text: '全部村' }));
    els.summary.textContent = '';
    els.importFile.value = '';
    clearImportMessages();
    clearSideInputs();
    fillFormBlank();
    renderDetail();
    showMessage(els.listError, '');
    showMessage(els.notice, '');
  },

  reload() {
    cadresByVillage.clear();
    load();
    if (open) {
      openResident(open.id);
    }
  },

  show() {
    // Cadres registered meanwhile (by the township, through the API) appear in the form again.
    cadresByVillage.clear();
    load();
  },

  hide() {},

  /** {@code #residents/ID} opens that resident (a link one staff member sends another). */
  link(id) {
    if (ctx && (!open || open.id !== id)) {
      openResident(id);
    }
  },

  onEvent(name, data) {
    if (name === 'checked-in') {
      touch(data.residentId, { lastCheckInAt: data.at });
    } else if (name === 'checkin-alert') {
      touch(data.residentId, { alert: true });
    } else if (name === 'checkin-alert-cleared') {
      touch(data.residentId, { alert: false });
    }
  },
};

/** Empties every input of the form, so nothing of one login is left for the next. */
function fillFormBlank() {
  for (const input of Object.values(els.text)) {
    input.value = '';
  }
  els.every.value = '';
  els.tagsOther.value = '';
  els.cadres.replaceChildren();
}
