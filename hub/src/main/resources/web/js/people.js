// Words and dates shared by the residents (居民) and check-in (报平安) sections.

const ZONE = 'Asia/Shanghai';

export const TYPE = {
  ELDER: '空巢老人',
  CHILD: '留守儿童',
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
