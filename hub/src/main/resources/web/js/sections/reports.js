// The reports section (报表): the figures of a period for the township or one village, as the
// hub computes them (docs/reports.md), with the spreadsheet to download and the printable A4 page.

import { withQuery } from '../api.js';
import { byId, el, showMessage } from '../dom.js';
import { today } from '../people.js';
import { renderReport } from '../report-view.js';

let ctx = null;
let els = null;
let loaded = false;
let loadNumber = 0;

function elements() {
  return {
    form: byId('reports-form'),
    from: byId('reports-from'),
    to: byId('reports-to'),
    village: byId('reports-village'),
    xlsx: byId('reports-xlsx'),
    print: byId('reports-print'),
    error: byId('reports-error'),
    body: byId('reports-body'),
  };
}

function isCadre() {
  return ctx.user.role === 'CADRE';
}

function query() {
  return { from: els.from.value, to: els.to.value, village: els.village.value };
}

/** The download and print links follow the form, so they always give what the page shows. */
function updateLinks() {
  const params = query();
  els.xlsx.href = withQuery('/api/v1/reports.xlsx', params);
  els.xlsx.download = `report-${params.from}-${params.to}.xlsx`;
  els.print.href = withQuery('report.html', params);
}

async function loadVillages() {
  if (isCadre()) {
    els.village.replaceChildren(el('option', { value: ctx.user.village, text: ctx.user.village }));
    els.village.disabled = true;
    return;
  }
  try {
    const list = await ctx.api.get('/api/v1/villages');
    if (!ctx) {
      return;
    }
    // Already in pinyin order.
    const names = list.map((village) => village.name);
    const chosen = els.village.value;
    els.village.replaceChildren(el('option', { value: '', text: '全乡镇' }),
        ...names.map((name) => el('option', { value: name, text: name })));
    els.village.value = names.includes(chosen) ? chosen : '';
  } catch (error) {
    console.warn('courtyard: no /api/v1/villages for the report villages', error);
  }
}

async function load() {
  updateLinks();
  if (!els.from.value || !els.to.value) {
    showMessage(els.error, '请选择开始和结束日期。');
    return;
  }
  if (els.to.value < els.from.value) {
    showMessage(els.error, '结束日期不能早于开始日期。');
    els.to.focus();
    return;
  }
  const number = ++loadNumber;
  try {
    const report = await ctx.api.get(withQuery('/api/v1/reports', query()));
    if (!ctx || number !== loadNumber) {
      return;
    }
    showMessage(els.error, '');
    renderReport(els.body, report);
    loaded = true;
  } catch (error) {
    if (ctx && number === loadNumber && error.status !== 401) {
      showMessage(els.error, `没能生成报表：${error.message}`);
    }
  }
}

export const reportSection = {
  id: 'reports',
  events: [],

  start(context) {
    ctx = context;
    els = elements();
    const day = today();
    els.from.value = `${day.slice(0, 8)}01`;
    els.to.value = day;
    els.form.onsubmit = (event) => {
      event.preventDefault();
      load();
    };
    els.form.onchange = updateLinks;
    loaded = false;
    updateLinks();
    loadVillages();
  },

  stop() {
    ctx = null;
    loaded = false;
    els.body.replaceChildren();
    showMessage(els.error, '');
  },

  reload() {
    if (loaded) {
      load();
    }
  },

  show() {
    if (!loaded) {
      load();
    }
  },

  hide() {},

  onEvent() {},
};
