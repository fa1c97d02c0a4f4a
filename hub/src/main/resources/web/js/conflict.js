// When two people edit the same thing: the hub refuses the second edit made from an older copy
// (412 precondition_failed, with the current state in error.current). The form then shows the
// current state with this person's own changes put back on top of it (rebased), and a notice says
// what the other person changed, so that they can check it and save again.

/** Whether error is the hub's "someone else changed it" answer. */
export function isConflict(error) {
  return error.status === 412 && error.error && error.error.current;
}

/**
 * The fields (of labels, by the hub's field name) whose values differ between before and after,
 * as lines "电话：138… → 139…". format(field, value) turns a value into text (lists, booleans).
 */
export function changedLines(before, after, labels, format = plain) {
  const lines = [];
  for (const [field, label] of Object.entries(labels)) {
    if (!(field in after) && !(field in before)) {
      continue;
    }
    const was = format(field, before[field]);
    const now = format(field, after[field]);
    if (was !== now) {
      lines.push(`${label}：${was || '（空）'} → ${now || '（空）'}`);
    }
  }
  return lines;
}

/**
 * The form's fields after a conflict, as bodies the form reads and writes: for each field of typed
 * (what the form holds now), what this person typed if they changed it (it differs from loaded,
 * the body of the copy they started from), else the field as it is now (current). Lists compare
 * without regard to order.
 */
export function rebased(typed, loaded, current) {
  const out = { ...current };
  for (const [field, value] of Object.entries(typed)) {
    if (!same(value, loaded[field])) {
      out[field] = value;
    }
  }
  return out;
}

function same(a, b) {
  const comparable = (value) => JSON.stringify(Array.isArray(value) ? [...value].sort() : (value ?? null));
  return comparable(a) === comparable(b);
}

/** The notice above a form whose save was refused because someone else saved first. */
export function conflictNotice(what, lines) {
  const changes = lines.length > 0 ? `别人改了：${lines.join('；')}。` : '';
  return `${what}刚刚被别人改过，您的修改没有保存。${changes}下面是现在的内容，您改过的地方保留着您填的；核对后再点“保存”。`;
}

function plain(field, value) {
  if (value === null || value === undefined) {
    return '';
  }
  if (Array.isArray(value)) {
    return value.map((item) => (item && typeof item === 'object' ? item.name || item.id : item)).join('、');
  }
  if (typeof value === 'boolean') {
    return value ? '是' : '否';
  }
  return String(value);
}
