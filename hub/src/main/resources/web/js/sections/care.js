// The 走访 section: the month's visit coverage per village and per paired cadre (月月有联系), the
// festival campaigns around today with their progress (节节有问候: 春节走访 52 / 56), the visits
// overdue in the last 30 days, the school terms from which children's school-start and vacation
// visits follow (处处有关怀), and the organisations paired with villages (党组织, 部门; CSV too). Cadres record visits on their phone page (care.html); every
// visit arrives on the live stream and the board is read again.

import { withQuery } from '../api.js';
import { byId, el, showMessage } from '../dom.js';

const AUDIENCE = { ALL: '所有人', ELDER: '老人', CHILD: '儿童' };
const LEVEL = { COUNTY: '县', TOWNSHIP: '乡', VILLAGE: '村', GROUP: '组' };
const ORG_KIND = { PARTY_BRANCH: '党组织', DEPARTMENT: '部门' };
/** Visits come in bursts (a cadre sending what waited on the phone); one read after the last. */
const RELOAD_DELAY_MS = 500;

let ctx = null;
let els = null;
let today = null;
let reloadTimer = null;
let loadNumber = 0;
/** The organisation open in the form; null for a new one. */
let openOrg = null;

function elements() {
  return {
    summary: byId('care-summary'),
    month: byId('care-month'),
    filters: byId('care-filters'),
    error: byId('care-error'),
    campaigns: byId('care-campaigns'),
    campaignsEmpty: byId('care-campaigns-empty'),
    overdueRows: byId('care-overdue-rows'),
    overdueEmpty: byId('care-overdue-empty'),
    villageRows: byId('care-village-rows'),
    cadreRows: byId('care-cadre-rows'),
    cadresEmpty: byId('care-cadres-empty'),
    terms: byId('care-terms'),
    termsPane: byId('care-terms-pane'),
    termForm: byId('care-term-form'),
    termName: byId('care-term-name'),
    termStarts: byId('care-term-starts'),
    termEnds: byId('care-term-ends'),
    termError: byId('care-term-error'),
    orgRows: byId('care-org-rows'),
    orgsEmpty: byId('care-orgs-empty'),
    orgTools: byId('care-org-tools'),
    orgExport: byId('care-org-export'),
    orgFile: byId('care-org-file'),
    orgForm: byId('care-org-form'),
    orgFormTitle: byId('care-org-form-title'),
    orgName: byId('care-org-name'),
    orgKind: byId('care-org-kind'),
    orgLevel: byId('care-org-level'),
    orgVillage: byId('care-org-village'),
    orgVillages: byId('care-org-villages'),
    orgMembers: byId('care-org-members'),
    orgNew: byId('care-org-new'),
    orgError: byId('care-org-error'),
    orgNotice: byId('care-org-notice'),
  };
}

function monthDay(day) {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

function plusDays(day, n) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

function percent(part, whole) {
  return whole > 0 ? Math.round((part * 100) / whole) : 0;
}

/** A progress bar as a <meter>: no inline style, the browser draws it. */
function bar(part, whole, label) {
  return el('meter', { min: 0, max: Math.max(whole, 1), value: part, 'aria-label': label });
}

async function load() {
  const number = ++loadNumber;
  try {
    // The first read takes the hub's month; later ones the month chosen.
    const board = await ctx.api.get(withQuery('/api/v1/care/board', { month: els.month.value }));
    if (number !== loadNumber) {
      return;
    }
    today = board.today;
    els.month.value = board.month;
    // Thirty days' overdue visits: every page of them.
    const overdue = await ctx.api.all(withQuery('/api/v1/care-tasks', { from: plusDays(today, -30),
      to: plusDays(today, -1), status: 'OVERDUE', limit: 500 }));
    if (number !== loadNumber) {
      return;
    }
    showMessage(els.error, '');
    renderBoard(board);
    renderOverdue(overdue);
    ctx.setCount('care', board.overdue);
  } catch (error) {
    if (number === loadNumber) {
      showMessage(els.error, `走访情况读取失败：${error.message}`);
    }
  }
  if (ctx.user.role !== 'CADRE') {
    loadTerms();
  }
  loadOrganisations();
}

// --- Organisations (党组织, 部门): who is paired with which villages, and their members.

async function loadOrganisations() {
  try {
    const staff = ctx.user.role !== 'CADRE';
    const [orgs, cadres] = await Promise.all([ctx.api.get('/api/v1/organisations'),
      staff ? ctx.api.get('/api/v1/cadres') : Promise.resolve([])]);
    els.orgRows.replaceChildren(...orgs.map((org) => {
      const row = el('tr', { 'data-id': org.id, class: openOrg && openOrg.id === org.id ? 'is-selected' : null },
        el('td', { class: 'name', text: `${org.name}（${ORG_KIND[org.kind]}）` }),
        el('td', { text: LEVEL[org.level] + (org.village ? ` · ${org.village}` : '') }),
        el('td', { text: org.villages.join('、') || '—' }),
        el('td', { text: org.members.length > 0 ? org.members.map((m) => m.name).join('、') : '—' }));
      if (staff) {
        row.addEventListener('click', () => fillOrg(org));
      }
      return row;
    }));
    els.orgsEmpty.hidden = orgs.length > 0;
    if (staff) {
      const chosen = new Set([...els.orgMembers.selectedOptions].map((option) => option.value));
      els.orgMembers.replaceChildren(...cadres.filter((cadre) => cadre.active).map((cadre) => el('option', {
        value: cadre.id, selected: chosen.has(cadre.id), text: `${cadre.name}（${cadre.village}）` })));
    }
  } catch (error) {
    showMessage(els.orgError, `结对组织读取失败：${error.message}`);
  }
}

function fillOrg(org) {
  openOrg = org;
  els.orgFormTitle.textContent = org ? `修改：${org.name}` : '登记结对组织';
  els.orgName.value = org ? org.name : '';
  els.orgKind.value = org ? org.kind : 'PARTY_BRANCH';
  els.orgLevel.value = org ? org.level : 'VILLAGE';
  els.orgVillage.value = org && org.village ? org.village : '';
  els.orgVillages.value = org ? org.villages.join('、') : '';
  const members = new Set(org ? org.members.map((m) => m.id) : []);
  for (const option of els.orgMembers.options) {
    option.selected = members.has(option.value);
  }
  showMessage(els.orgError, '');
  showMessage(els.orgNotice, '');
  for (const row of els.orgRows.children) {
    row.classList.toggle('is-selected', Boolean(org) && row.dataset.id === org.id);
  }
}

async function saveOrg(event) {
  event.preventDefault();
  showMessage(els.orgError, '');
  const body = {
    name: els.orgName.value.trim(),
    kind: els.orgKind.value,
    level: els.orgLevel.value,
    village: els.orgVillage.value.trim() || null,
    villages: els.orgVillages.value.split(/[、,，;；\s]+/).map((v) => v.trim()).filter(Boolean),
    memberIds: [...els.orgMembers.selectedOptions].map((option) => option.value),
  };
  try {
    const saved = openOrg
      ? await ctx.api.put(`/api/v1/organisations/${encodeURIComponent(openOrg.id)}`, body)
      : await ctx.api.post('/api/v1/organisations', body);
    fillOrg(saved);
    showMessage(els.orgNotice, `已保存 ${saved.name}`);
    loadOrganisations();
  } catch (error) {
    showMessage(els.orgError, error.message);
  }
}

async function importOrgs() {
  const file = els.orgFile.files[0];
  els.orgFile.value = '';
  if (!file) {
    return;
  }
  showMessage(els.orgError, '');
  try {
    const result = await ctx.api.upload('POST', '/api/v1/organisations.csv', file, 'text/csv; charset=utf-8');
    showMessage(els.orgNotice, `已导入：新登记 ${result.created} 个，修改 ${result.updated} 个。`);
    loadOrganisations();
  } catch (error) {
    showMessage(els.orgError, `没有导入任何内容：${error.message}`);
  }
}

function newOrg() {
  fillOrg(null);
}

function renderBoard(board) {
  const residents = board.villages.reduce((sum, v) => sum + v.residents, 0);
  const visited = board.villages.reduce((sum, v) => sum + v.visited, 0);
  els.summary.textContent = `${Number(board.month.slice(5))}月已走访 ${visited} / ${residents} 人`
    + (board.overdue > 0 ? `，超期 ${board.overdue} 项` : '');

  els.campaigns.replaceChildren(...board.campaigns.map((campaign) => {
    const label = `${campaign.title} ${campaign.done} / ${campaign.total}`;
    return el('div', { class: 'campaign', 'data-campaign': campaign.key },
      el('p', { class: 'campaign-title' }, el('strong', { text: campaign.title }),
        el('span', { text: `${monthDay(campaign.festivalOn)} · ${AUDIENCE[campaign.audience] || ''}` })),
      el('p', { class: 'campaign-figure', text: `${campaign.done} / ${campaign.total}` }),
      bar(campaign.done, campaign.total, label),
      el('p', { class: 'hint', text: campaignWhen(campaign) }),
      el('ul', { class: 'campaign-villages' }, ...campaign.villages.map((village) => el('li', {},
        `${village.village}：${village.done} / ${village.total}`
        + (village.skipped > 0 ? `（${village.skipped} 人不用走访）` : '')))));
  }));
  els.campaignsEmpty.hidden = board.campaigns.length > 0;

  els.villageRows.replaceChildren(...board.villages.map((village) => el('tr', { 'data-village': village.village },
    el('td', { class: 'name', text: village.village }),
    el('td', {}, el('span', { class: 'figure', text: `${village.visited} / ${village.residents}` }),
      bar(village.visited, village.residents, `${village.village}已走访`),
      el('span', { class: 'small-note', text: `${percent(village.visited, village.residents)}%` })),
    el('td', { text: String(village.openTasks) }),
    el('td', { class: village.overdueTasks > 0 ? 'warn' : '', text: String(village.overdueTasks) }))));

  els.cadreRows.replaceChildren(...board.cadres.map((cadre) => el('tr', { 'data-cadre': cadre.id },
    el('td', { class: 'name', text: cadre.name }),
    el('td', { text: cadre.village }),
    el('td', { class: cadre.residents > 0 && cadre.visited < cadre.residents ? 'warn' : '',
      text: cadre.residents > 0 ? `${cadre.visited} / ${cadre.residents}` : '未结对' }),
    el('td', { text: String(cadre.visits) }))));
  els.cadresEmpty.hidden = board.cadres.length > 0;
}

function campaignWhen(campaign) {
  if (campaign.opensOn > today) {
    return `${monthDay(campaign.opensOn)}开始走访`;
  }
  if (campaign.dueOn >= today) {
    return `正在走访，${monthDay(campaign.dueOn)}前走完`;
  }
  return campaign.overdue > 0 ? `已结束，${campaign.overdue} 人没走访` : '已结束';
}

function renderOverdue(tasks) {
  els.overdueRows.replaceChildren(...tasks.map((task) => el('tr', { 'data-task': task.id },
    el('td', { class: 'name', text: task.residentName }),
    el('td', { text: task.village }),
    el('td', { text: task.title }),
    el('td', { text: monthDay(task.dueOn) }),
    el('td', { text: task.assignees.length > 0 ? task.assignees.map((a) => a.name).join('、') : '未结对' }))));
  els.overdueEmpty.hidden = tasks.length > 0;
}

async function loadTerms() {
  try {
    const terms = await ctx.api.get('/api/v1/care-terms');
    els.terms.replaceChildren(...terms.map((term) => {
      const remove = el('button', { type: 'button', class: 'button small', text: '删除' });
      remove.addEventListener('click', async () => {
        if (!window.confirm(`删除“${term.name}”？还没走访的开学和放假走访也会取消。`)) {
          return;
        }
        try {
          await ctx.api.delete(`/api/v1/care-terms/${encodeURIComponent(term.id)}`);
          load();
        } catch (error) {
          showMessage(els.termError, error.message);
        }
      });
      return el('li', { 'data-term': term.id },
        el('span', { text: `${term.name}：${term.startsOn} 开学，${term.endsOn} 放假` }), remove);
    }));
  } catch (error) {
    showMessage(els.termError, `学期读取失败：${error.message}`);
  }
}

async function addTerm(event) {
  event.preventDefault();
  showMessage(els.termError, '');
  try {
    await ctx.api.post('/api/v1/care-terms', { name: els.termName.value.trim(), startsOn: els.termStarts.value,
      endsOn: els.termEnds.value });
    els.termForm.reset();
    load();
  } catch (error) {
    showMessage(els.termError, error.message);
  }
}

export const careSection = {
  id: 'care',
  events: ['visit-checked-in', 'checkin-alert'],
  countLabel: '项走访超期',

  start(context) {
    ctx = context;
    els = elements();
    els.month.value = '';
    els.filters.addEventListener('change', load);
    els.termForm.addEventListener('submit', addTerm);
    els.termsPane.hidden = ctx.user.role === 'CADRE';
    els.orgTools.hidden = ctx.user.role === 'CADRE';
    els.orgForm.hidden = ctx.user.role === 'CADRE';
    els.orgExport.setAttribute('href', '/api/v1/organisations.csv');
    els.orgForm.addEventListener('submit', saveOrg);
    els.orgNew.addEventListener('click', newOrg);
    els.orgFile.addEventListener('change', importOrgs);
    fillOrg(null);
    load();
  },

  stop() {
    clearTimeout(reloadTimer);
    if (els) {
      els.filters.removeEventListener('change', load);
      els.termForm.removeEventListener('submit', addTerm);
      els.orgForm.removeEventListener('submit', saveOrg);
      els.orgNew.removeEventListener('click', newOrg);
      els.orgFile.removeEventListener('change', importOrgs);
    }
    openOrg = null;
    ctx = null;
    els = null;
  },

  reload() {
    load();
  },

  show() {
    load();
  },

  hide() {},

  onEvent() {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(load, RELOAD_DELAY_MS);
  },
};
