// Words and dates shared by the residents (居民), cadres (村干部), check-in (报平安) and survey
// (核实) sections.

import { el } from './dom.js';

const ZONE = 'Asia/Shanghai';

export const TYPE = {
  ELDER: '空巢老人',
  CHILD: '留守儿童',
};

/** The ledger's fields (the hub's names) as the forms label them, for headings and error messages. */
export const FIELD_LABELS = {
  name: '姓名',
  village: '村',
  group: '村民小组',
  type: '类型',
  tags: '标签',
  checkInEveryDays: '报平安间隔天数',
  birthDate: '出生日期',
  phone: '电话',
  address: '住址',
  guardian: '监护人或照料人',
  guardianPhone: '监护人电话',
  parentsAway: '父母外出情况',
  parentsWorkplace: '父母务工地',
  parentsPhone: '父母电话',
  school: '学校',
  schoolClass: '班级',
  headTeacher: '班主任',
  childrenAway: '子女情况',
  note: '备注',
  cadreIds: '结对干部',
  active: '在册',
};

/** Where a child's parents are (parentsAway), as the half-yearly survey asks it. */
export const PARENTS_AWAY = {
  BOTH: '父母均外出务工',
  ONE_OTHER_UNABLE: '一方外出，另一方无监护能力',
  ONE: '一方外出，另一方在家照管',
  NONE: '父母均在家',
};

/** Where an elder's children are (childrenAway). */
export const CHILDREN_AWAY = {
  ALL: '子女均不在身边',
  SOME: '部分子女在身边',
  NONE: '子女在身边',
  NO_CHILDREN: '无子女',
};

/** Why a person waits for the township's decision in a survey round (a PERSON's `flag`). */
export const SURVEY_FLAG = {
  NO_LONGER_MEETS: '已不符合纳入条件',
  NEWLY_MEETS: '新发现，符合条件',
  DOES_NOT_MEET: '新发现，不符合条件',
  INCOMPLETE: '信息不全，无法对标',
};

/** A criterion that failed or could not be checked (a PERSON's `reasons`), with the round's criteria. */
export function criteriaReason(code, criteria) {
  return {
    CHILD_AGED_OUT: `已满 ${criteria.childUnder} 周岁`,
    PARENTS_NOT_AWAY: '父母不再外出',
    ELDER_TOO_YOUNG: `未满 ${criteria.elderFrom} 周岁`,
    CHILDREN_NEARBY: '子女在身边',
    NO_BIRTH_DATE: '缺出生日期',
    NO_PARENTS_AWAY: '缺父母外出情况',
    NO_CHILDREN_AWAY: '缺子女情况',
  }[code] || code;
}

/** Fills a select with "未填" and the choices of a map (value → words). */
export function fillChoices(select, choices) {
  select.replaceChildren(el('option', { value: '', text: '未填' }),
      ...Object.entries(choices).map(([value, words]) => el('option', { value, text: words })));
}

/** Why someone left the ledger in the half-yearly survey (the resident's leftReason). */
export const LEAVE_REASON = {
  MOVED: '迁出',
  PARENTS_RETURNED: '父母返乡',
  CHILDREN_RETURNED: '子女返乡',
  PASSED_AWAY: '去世',
  AGED_OUT: '超龄',
  NOT_ELIGIBLE: '不符合纳入条件',
  OTHER: '其他',
};

/** The tags the form offers as tick boxes; any other tag is typed. */
export const COMMON_TAGS = ['五保户', '低保户', '80岁以上', '独居', '患病', '残疾'];

export function typeText(type) {
  return TYPE[type] || type || '—';
}

/** "每天" / "每3天" / "不需要" for a check-in expectation of every N days. */
export function everyText(days) {
  if (!days) {
    return '不需要';
  }
  return days === 1 ? '每天' : `每${days}天`;
}

const dayParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The date of an instant in Beijing time as YYYY-MM-DD (also the value of a date input). */
export function localDate(instant) {
  return dayParts.format(instant instanceof Date ? instant : new Date(instant));
}

/** "2026-12-10" → "12月10日" (a date the hub sent as YYYY-MM-DD). */
export function dayText(date) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date || '');
  return match ? `${Number(match[2])}月${Number(match[3])}日` : '—';
}

/** Whole days between two YYYY-MM-DD dates (later minus earlier). */
export function daysBetween(earlier, later) {
  return Math.round((Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / 86_400_000);
}

let hubDay = null;

/**
 * Today as the hub counts days (its clock and time zone decide when an alert is due and which
 * pause dates it accepts), once an answer has told it; until then the office PC's Beijing date.
 */
export function today() {
  return hubDay || localDate(new Date());
}

/** Remembers the hub's today (YYYY-MM-DD), from the date of its "today" views. */
export function setToday(date) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date || '')) {
    hubDay = date;
  }
}

/** YYYY-MM-DD plus n days. */
export function addDays(date, n) {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + n);
  return day.toISOString().slice(0, 10);
}

/**
 * The hub's field name in an error message ("field 'guardianPhone' must ..."), or null: the form
 * marks that input.
 */
export function fieldOf(message) {
  const match = /field '([A-Za-z]+)'/.exec(message || '');
  return match ? match[1] : null;
}

const clockParts = new Intl.DateTimeFormat('zh-CN', {
  timeZone: ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "08:31" in Beijing time. */
export function timeText(instant) {
  return instant ? clockParts.format(new Date(instant)) : '—';
}

/** "11月26日 09:10" in Beijing time; "从未" for none. */
export function dayTimeText(instant) {
  return instant ? `${dayText(localDate(instant))} ${timeText(instant)}` : '从未';
}

/** The hub's messages about the ledger (English, for technicians) as staff should read them. */
const EXPLAINED = [
  [/missing required field/, () => '这一项必须填写。'],
  [/must have at most (\d+) characters/, (m) => `太长了，最多 ${m[1]} 个字。`],
  [/is a masked number/, () => '这是带 * 的隐藏号码。请填写完整号码；要保留原来的号码，就不要带这一列。'],
  [/must be a phone number/, () => '不是有效的电话号码（5 到 20 位数字，可以有空格、“-”和开头的“+”）。'],
  [/must be ELDER .*, was '(.*)'$/, (m) => `类型只能是“空巢老人”或“留守儿童”，这里写的是“${m[1]}”。`],
  [/only for residents of type CHILD/, () => '只有留守儿童才填这一项。是不是列错位了？'],
  [/only for residents of type ELDER/, () => '只有空巢老人才填这一项。是不是列错位了？'],
  [/'birthDate' must be/, () => '出生日期不对，要写成 2011-03-05 这样的日期。'],
  [/'checkInEveryDays' must be/, () => '报平安间隔天数要填 1 到 365 的整数；不需要报平安就空着。'],
  [/already lives in/, () => '这个村已经有同名的居民。同名的请在名字后注明，例如 张秀英（东组）。'],
  [/unknown column '(.*)'/, (m) => `不认识的列名“${m[1]}”。列名见说明，例如 姓名、村、类型、报平安间隔天数。`],
  [/the header has no column '[^']*' \(or '(.*)'\)/, (m) => `表头缺少“${m[1]}”这一列。`],
  [/appears twice/, () => '这一列出现了两次。'],
  [/not UTF-8/, () => '文件不是 UTF-8 编码。请在 Excel 里用“文件 → 另存为 → CSV UTF-8（逗号分隔）”保存后再导入。'],
  [/names '(.*)', who is not an active cadre/, (m) => `“${m[1]}”不是这个村登记的结对干部。`],
  [/must be true or false/, () => '“在册”只能填 是 或 否。'],
  [/a quoted field is not closed/, () => '引号没有配对：某一格以引号开头，却没有结束的引号。'],
  [/the file is empty/, () => '文件是空的；第一行必须是表头。'],
  [/may import only/, () => '村干部只能导入自己村的居民。'],
];

/**
 * People (residents, cadres, alerts) by name in the one order of names of the whole system, the
 * kiosk's pinyin order: the hub sends each person's `nameKey` (NameOrder.sortKey on the hub), and
 * comparing the keys as plain strings is that order. The browser's own collator is not used for
 * names: it differs from the kiosk's on rarer characters.
 */
export function byName(a, b) {
  const x = a.nameKey || a.name;
  const y = b.nameKey || b.name;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** People village by village (villages in the browser's pinyin order), then {@link byName}. */
export function byVillageThenName(a, b) {
  return a.village.localeCompare(b.village, 'zh-CN') || byName(a, b);
}

/**
 * A hub message about a form in staff words: the field it names as the form labels it
 * (labels: the hub's field name → label), then the explanation, or the message as it came.
 */
export function fieldText(message, labels) {
  const field = fieldOf(message);
  const where = field && labels[field] ? `“${labels[field]}”：` : '';
  return `${where}${explain(message) || message}`;
}

/** A Chinese explanation of a hub message about the ledger, or null when there is none. */
export function explain(message) {
  for (const [pattern, text] of EXPLAINED) {
    const match = pattern.exec(message || '');
    if (match) {
      return text(match);
    }
  }
  return null;
}
