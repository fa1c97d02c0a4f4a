// A report (GET /api/v1/reports) as tables, for the staff page's 报表 section and the printable
// page. Every number comes from the hub as it is; this module only words and lays them out.
// docs/reports.md defines each figure.

import { el } from './dom.js';

const CATEGORY = { EMERGENCY: '紧急', MEDICAL: '看病', DAILY: '生活', OTHER: '其他', NONE: '未选类别' };
const SOURCE = { BUTTON: '求助按钮', SCREEN: '触摸屏', VOICE: '语音' };

/** "12.5%" for a ratio from 0 to 1; "—" when there is none (nothing to divide by). */
export function percent(ratio) {
  return ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)}%`;
}

/** "3.5 分钟" for seconds; "—" for none. */
export function minutes(seconds) {
  return seconds === null || seconds === undefined ? '—' : `${(seconds / 60).toFixed(1)} 分钟`;
}

/** "2026年12月" for "2026-12". */
export function monthText(month) {
  const [year, number] = month.split('-');
  return `${year}年${Number(number)}月`;
}

/** The labels and values of a part as a two-column table. */
function figures(caption, rows) {
  return el('table', { class: 'table report-table' },
      el('caption', { class: 'visually-hidden', text: caption }),
      el('tbody', {}, ...rows.map(([label, value]) => el('tr', {},
          el('th', { scope: 'row', text: label }), el('td', { class: 'number', text: value })))));
}

function counts(caption, map, words = {}, unit = '') {
  return figures(caption, Object.entries(map).map(([key, n]) => [words[key] || key, `${n}${unit}`]));
}

/** One part: a heading, its tables, and (on the printable page) a place for its chart. */
function part(id, title, withChart, ...tables) {
  return el('section', { class: 'report-part', 'aria-labelledby': `report-${id}` },
      el('h3', { id: `report-${id}`, text: title }),
      withChart ? el('div', { class: 'report-chart', 'data-chart': id }) : null,
      ...tables);
}

/** The figures most asked for, large. */
function headline(report) {
  const cards = [
    ['关爱对象', `${report.people.total}`, '人'],
    ['走访', `${report.visits.personTimes}`, '人次'],
    ['求助', `${report.helpRequests.total}`, '件'],
    ['化解困难问题', `${report.problems.solved}`, '件'],
    ['报平安率', percent(report.checkIns.rate), ''],
    ['发布通知', `${report.announcements.published}`, '条'],
  ];
  return el('ul', { class: 'report-cards', 'aria-label': '主要数字' }, ...cards.map(([label, value, unit]) =>
    el('li', {}, el('span', { class: 'card-label', text: label }), el('span', { class: 'card-value', text: value }),
        unit ? el('span', { class: 'card-unit', text: unit }) : null)));
}

/**
 * Fills container with report; withCharts leaves an empty [data-chart] box in the parts that
 * have a chart (people, visits, problems, items, help, checkins), for the printable page to draw
 * into.
 */
export function renderReport(container, report, withCharts = false) {
  const people = report.people;
  const groups = people.groups;
  const months = report.visits.months;
  const help = report.helpRequests;
  const checkIns = report.checkIns;
  const notices = report.announcements;
  const problems = report.problems;
  const items = report.items;
  container.replaceChildren(
      el('h2', { class: 'report-title', text: report.title }),
      el('p', { class: 'report-scope', text: `${report.village || '全乡镇'}　统计时段：${report.from} 至 ${report.to}` }),
      headline(report),
      el('div', { class: 'report-parts' },
          part('people', '关爱对象', withCharts, figures('关爱对象', [
            ['关爱对象', `${people.total} 人`],
            ['空巢老人', `${people.elders} 人`],
            ['留守儿童', `${people.children} 人`],
            ['五保户', `${groups.fiveGuarantee} 人`],
            ['患病', `${groups.ill} 人`],
            ['高龄', `${groups.oldAge} 人`],
            ['期内新纳入', `${people.joined} 人`],
            ['期内退出', `${people.left} 人`],
          ])),
          part('pairs', '结对帮扶', false, figures('结对帮扶', [
            ['结对关系', `${report.pairs.pairs} 对`],
            ['有结对干部的关爱对象', `${report.pairs.residentsWithPair} 人`],
            ['结对覆盖率', percent(report.pairs.share)],
            ['参与结对的干部', `${report.pairs.cadres} 人`],
          ])),
          part('visits', '走访（月月有联系）', withCharts, figures('走访', [
            ['走访', `${report.visits.personTimes} 人次`],
            ['走访到的关爱对象', `${report.visits.residentsVisited} 人`],
          ]), el('table', { class: 'table report-table months' },
              el('caption', { class: 'visually-hidden', text: '每月走访覆盖' }),
              el('thead', {}, el('tr', {}, ...['月份', '关爱对象', '当月有走访', '覆盖率', '人次']
                  .map((text) => el('th', { scope: 'col', text })))),
              el('tbody', {}, ...months.map((month) => el('tr', {},
                  el('th', { scope: 'row', text: monthText(month.month) }),
                  el('td', { class: 'number', text: `${month.residents}` }),
                  el('td', { class: 'number', text: `${month.visited}` }),
                  el('td', { class: 'number', text: percent(month.coverage) }),
                  el('td', { class: 'number', text: `${month.personTimes}` })))))),
          part('problems', '困难问题（走访发现）', withCharts, figures('困难问题', [
            ['走访发现困难问题', `${problems.found} 件`],
            ['已化解', `${problems.solved} 件`],
            ['未化解', `${problems.unsolved} 件`],
            ['发现问题的走访', `${problems.visitsWithProblems} 次`],
            ['有困难问题的关爱对象', `${problems.residents} 人`],
          ])),
          part('items', '物资发放（走访带去）', withCharts, figures('物资发放', [
            ['发放物品', `${items.given} 件`],
            ['带去物品的走访', `${items.visits} 次`],
          ]), Object.keys(items.byItem).length === 0 ? el('p', { class: 'hint', text: '这段时间的走访没有登记物品。' })
            : counts('按物品', items.byItem, {}, ' 件')),
          part('help', '求助', withCharts, figures('求助', [
            ['求助', `${help.total} 件`],
            ['已解决', `${help.resolved} 件`],
            ['已取消', `${help.cancelled} 件`],
            ['未办结', `${help.open} 件`],
            ['曾超时未确认', `${help.overdue} 件`],
            ['确认用时（中位数）', minutes(help.acknowledge.p50Seconds)],
            ['确认用时（九成以内）', minutes(help.acknowledge.p90Seconds)],
          ]), counts('按类别', help.byCategory, CATEGORY), counts('按方式', help.bySource, SOURCE)),
          part('checkins', '报平安', withCharts, figures('报平安', [
            ['报平安', `${checkIns.checkIns} 次`],
            ['约定报平安的关爱对象', `${checkIns.residentsExpected} 人`],
            ['应报', `${checkIns.expected} 次`],
            ['按约定已报', `${checkIns.made} 次`],
            ['报平安率', percent(checkIns.rate)],
          ])),
          part('announcements', '通知广播', false, figures('通知广播', [
            ['发布通知', `${notices.published} 条`],
            ['其中紧急通知', `${notices.emergency} 条`],
            ['其中已撤回', `${notices.withdrawn} 条`],
            ['送达小院设备', `${notices.kiosksTargeted} 台次`],
            ['完整播放', `${notices.kiosksPlayed} 台次`],
            ['居家设备不播放普通通知', `${notices.kiosksNotPlayedBySetting} 台次`],
          ]))));
}

export const WORDS = { CATEGORY, SOURCE };
