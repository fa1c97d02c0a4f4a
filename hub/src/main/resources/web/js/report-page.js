// The printable report page (report.html): asks the hub for the report named in the address, lays
// it out with the staff page's report view and draws its charts with ECharts (loaded by the page
// from the hub before this module). Each chart is drawn once at a fixed size and kept as a picture,
// so it scales with the page on screen, on a phone and on paper alike. Print it, or save it as PDF,
// from the browser.

import { api, withQuery } from './api.js';
import { byId, el, showMessage } from './dom.js';
import { dateTime } from './format.js';
import { WORDS, monthText, renderReport } from './report-view.js';

const BRAND = '#8f1d17';
const PRIMARY = '#174ea6';
const SUCCESS = '#1e6b34';
const TEXT = '#1b1b1b';
const FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

/** The size a chart is drawn at, in CSS pixels; the picture is twice as fine, for print. */
const WIDTH = 480;
const HEIGHT = 220;

/** A bar chart of labelled counts, in the page's colours, without animation (it is printed). */
function bars(labels, values, color, percent = false) {
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: TEXT, fontSize: 16 },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: labels, axisLabel: { fontSize: 16, color: TEXT, interval: 0 } },
    yAxis: {
      type: 'value',
      minInterval: 1,
      max: percent ? 100 : null,
      axisLabel: { fontSize: 15, color: TEXT, formatter: percent ? '{value}%' : '{value}' },
    },
    series: [{
      type: 'bar',
      data: values,
      barMaxWidth: 48,
      itemStyle: { color },
      label: { show: true, position: 'top', fontSize: 16, color: TEXT, formatter: percent ? '{c}%' : '{c}' },
    }],
  };
}

function draw(id, option, description) {
  const box = document.querySelector(`[data-chart="${id}"]`);
  if (!box) {
    return;
  }
  const chart = window.echarts.init(document.createElement('div'), null,
      { renderer: 'canvas', width: WIDTH, height: HEIGHT });
  chart.setOption(option);
  const picture = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  chart.dispose();
  box.replaceChildren(el('img', { src: picture, alt: description, width: WIDTH, height: HEIGHT }));
}

/** "五保户 1、空巢老人 3" for the picture's text. */
function described(labels, values, unit) {
  return labels.map((label, i) => `${label} ${values[i]}${unit}`).join('、');
}

function drawCharts(report) {
  if (!window.echarts) {
    console.warn('courtyard: the chart library did not load; the report shows its tables only');
    return;
  }
  const groups = report.people.groups;
  const peopleLabels = ['五保户', '空巢老人', '患病', '高龄', '留守儿童'];
  const peopleValues = [groups.fiveGuarantee, groups.emptyNest, groups.ill, groups.oldAge, groups.leftBehind];
  draw('people', bars(peopleLabels, peopleValues, BRAND), `关爱对象分类：${described(peopleLabels, peopleValues, '人')}`);
  const months = report.visits.months.map((month) => monthText(month.month));
  const coverage = report.visits.months.map((month) => (month.coverage === null ? 0
    : Math.round(month.coverage * 1000) / 10));
  draw('visits', bars(months, coverage, PRIMARY, true), `每月走访覆盖率：${described(months, coverage, '%')}`);
  const problemLabels = ['发现', '已化解', '未化解'];
  const problemValues = [report.problems.found, report.problems.solved, report.problems.unsolved];
  draw('problems', bars(problemLabels, problemValues, SUCCESS),
      `困难问题：${described(problemLabels, problemValues, '件')}`);
  // The most given items (the table lists them all); a long tail would not read as bars.
  const given = Object.entries(report.items.byItem).slice(0, 6);
  const itemLabels = given.map(([item]) => item);
  const itemValues = given.map(([, n]) => n);
  if (given.length > 0) {
    draw('items', bars(itemLabels, itemValues, PRIMARY), `发放最多的物品：${described(itemLabels, itemValues, '件')}`);
  } else {
    document.querySelector('[data-chart="items"]')?.remove();
  }
  const categories = report.helpRequests.byCategory;
  const categoryLabels = Object.keys(categories).map((key) => WORDS.CATEGORY[key] || key);
  draw('help', bars(categoryLabels, Object.values(categories), BRAND),
      `求助按类别：${described(categoryLabels, Object.values(categories), '件')}`);
  const checkLabels = ['应报', '按约定已报'];
  const checkValues = [report.checkIns.expected, report.checkIns.made];
  draw('checkins', bars(checkLabels, checkValues, SUCCESS), `报平安：${described(checkLabels, checkValues, '次')}`);
}

async function show() {
  const params = new URLSearchParams(window.location.search);
  const query = { from: params.get('from'), to: params.get('to'), village: params.get('village') };
  const xlsx = byId('report-xlsx');
  xlsx.href = withQuery('/api/v1/reports.xlsx', query);
  xlsx.download = `report-${query.from}-${query.to}.xlsx`;
  try {
    const report = await api.get(withQuery('/api/v1/reports', query));
    document.title = `${report.title} · 馨安小院`;
    renderReport(byId('report-body'), report, true);
    byId('report-generated').textContent = `生成时间：${dateTime(report.generatedAt)}（北京时间）。数据来自馨安小院乡镇工作台。`;
    byId('report-foot').hidden = false;
    drawCharts(report);
  } catch (error) {
    byId('report-body').replaceChildren();
    showMessage(byId('report-error'), error.status === 401 ? '请先在工作台登录，再从“报表”打开打印版。'
      : `没能生成报表：${error.message}`);
  }
}

byId('report-print').addEventListener('click', () => window.print());
show();
