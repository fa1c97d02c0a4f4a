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
