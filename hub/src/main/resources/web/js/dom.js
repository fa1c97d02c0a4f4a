// Small DOM helpers. Text always goes in through textContent, never as HTML, so nothing a
// kiosk or a user typed can become markup on this page.

/** The element with this id; throws if the page lacks it (a mistake in index.html). */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`index.html has no element #${id}`);
  }
  return element;
}

/**
 * Creates an element. attrs: { class, text, data-*, aria-*, any attribute }; children: nodes or
 * strings (added as text), null/undefined/false are skipped.
 */
export function el(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'text') {
      element.textContent = String(value);
    } else if (name === 'class') {
      element.className = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Shows text in a message element, or hides it when text is empty. */
export function showMessage(element, text) {
  element.textContent = text || '';
  element.hidden = !text;
}

/**
 * Marks the one input a form got wrong (aria-invalid, which the page shows in red) and puts the
 * cursor there; with no input, only clears the marks.
 */
export function markInvalid(form, input) {
  for (const marked of form.querySelectorAll('[aria-invalid]')) {
    marked.removeAttribute('aria-invalid');
  }
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
}

/** Takes the invalid mark off an input of this form as soon as it is typed in again. */
export function clearMarkOnInput(form) {
  form.addEventListener('input', (event) => event.target.removeAttribute('aria-invalid'));
}

/** Calls open(id) when a row of a list (a tr with data-id), or a button in it, is clicked. */
export function onRowClick(rows, open) {
  rows.addEventListener('click', (event) => {
    const row = event.target.closest('tr[data-id]');
    if (row) {
      open(row.dataset.id);
    }
  });
}
