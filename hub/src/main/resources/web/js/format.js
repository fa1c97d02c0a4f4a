// Words and times as township staff read them: simplified Chinese, Beijing time (Asia/Shanghai)
// whatever the office PC's own time zone is.

const ZONE = 'Asia/Shanghai';

const parts = new Intl.DateTimeFormat('zh-CN', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function pieces(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return null;
  }
  const out = {};
  for (const part of parts.formatToParts(date)) {
    out[part.type] = part.value;
  }
  return out;
}

/** "2026-11-29 18:02:05" in Beijing time; "—" for none. */
export function dateTime(iso) {
  const p = iso ? pieces(iso) : null;
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}` : '—';
}

/** "11-29 18:02" in Beijing time, for lists. */
export function shortDateTime(iso) {
  const p = iso ? pieces(iso) : null;
  return p ? `${p.month}-${p.day} ${p.hour}:${p.minute}` : '—';
}

export const STATUS = {
  NEW: '待确认',
  ACKNOWLEDGED: '已确认',
  ASSIGNED: '已指派',
  RESOLVED: '已解决',
  CANCELLED: '已取消',
};

export const SOURCE = {
  BUTTON: '按钮',
  SCREEN: '屏幕',
  VOICE: '语音',
};

export const CATEGORY = {
  EMERGENCY: '紧急',
  MEDICAL: '看病',
  DAILY: '生活',
  OTHER: '其他',
};

export const ROLE = {
  ADMIN: '管理员',
  STAFF: '乡镇工作人员',
  CADRE: '村干部',
};

export function statusText(status) {
  return STATUS[status] || status;
}

export function sourceText(source) {
  return SOURCE[source] || source || '—';
}

export function categoryText(category) {
  return category ? CATEGORY[category] || category : '未选择';
}

/** Who made a change, as the history shows it; the kiosk itself is "小院设备". */
export function byText(by) {
  if (!by) {
    return '';
  }
  return by === 'kiosk' ? '小院设备' : by;
}
