// The staff page on a phone (css/phone.css has the rules): what CSS cannot do alone, done once for
// every section so that a new one is phone-ready by following the markup conventions:
//   - each <td> of a .table gets its column's name as data-label, whenever the rows change, so a
//     row can show as a card;
//   - the navigation gets a menu button naming the current section and the sum of its badges;
//   - a section with a .detail-pane shows its list and its detail as two views: the detail when a
//     row of a .pick-table, a .person-link or a [data-opens-detail] button is tapped, or when the
//     detail's placeholder (a direct .empty child of the .detail-pane) is hidden by the section;
//     the list again with the 返回列表 button added to each .detail-pane.
// On a wide window none of this shows: the menu button and 返回列表 are hidden, and the views'
// classes change nothing.

import { el } from './dom.js';

const PHONE = window.matchMedia('(max-width: 700px)');

/** Copies each column's header into the data-label of the cells under it. */
function labelCells(table) {
  const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
  for (const row of table.tBodies[0] ? table.tBodies[0].rows : []) {
    let column = 0;
    for (const cell of row.cells) {
      if (!cell.hasAttribute('data-label')) {
        cell.setAttribute('data-label', headers[column] || '');
      }
      column += cell.colSpan || 1;
    }
  }
}

function watchTables() {
  for (const table of document.querySelectorAll('table.table')) {
    labelCells(table);
    if (table.tBodies[0]) {
      new MutationObserver(() => labelCells(table)).observe(table.tBodies[0], { childList: true });
    }
  }
}

function watchNavigation() {
  const nav = document.querySelector('.nav');
  if (!nav) {
    return;
  }
  if (!nav.id) {
    nav.id = 'nav';
  }
  const current = el('span', { class: 'nav-current' });
  const count = el('span', { class: 'nav-count', hidden: true });
  const toggle = el('button', { type: 'button', class: 'nav-toggle', 'aria-expanded': 'false',
    'aria-controls': nav.id }, current, count);
  nav.before(toggle);
  const setOpen = (open) => {
    nav.classList.toggle('is-open', open);
    toggle.setAttribute('aria-expanded', String(open));
  };
  const update = () => {
    const here = nav.querySelector('a[aria-current="page"]');
    current.textContent = here ? `${here.firstChild.textContent.trim()}（功能菜单）` : '功能菜单';
    const total = [...nav.querySelectorAll('a:not([hidden]) .nav-count:not([hidden])')]
        .reduce((sum, badge) => sum + (Number(badge.textContent) || 0), 0);
    count.textContent = String(total);
    count.hidden = total === 0;
  };
  toggle.addEventListener('click', () => setOpen(!nav.classList.contains('is-open')));
  nav.addEventListener('click', (event) => {
    if (event.target.closest('a')) {
      setOpen(false);
    }
  });
  new MutationObserver(update).observe(nav, { subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: ['hidden', 'aria-current'] });
  update();
}

function watchDetails() {
  for (const section of document.querySelectorAll('.section')) {
    const panes = [...section.querySelectorAll('.detail-pane')];
    if (panes.length === 0) {
      continue;
    }
    section.classList.add('has-detail');
    const showDetail = (shown) => {
      if (section.classList.contains('showing-detail') === shown) {
        return;
      }
      section.classList.toggle('showing-detail', shown);
      if (PHONE.matches) {
        window.scrollTo(0, 0);
      }
    };
    for (const pane of panes) {
      const back = el('button', { type: 'button', class: 'button detail-back', text: '← 返回列表' });
      back.addEventListener('click', () => showDetail(false));
      pane.prepend(back);
      const placeholder = [...pane.children].find((child) => child.classList.contains('empty'));
      if (placeholder) {
        new MutationObserver(() => showDetail(placeholder.hidden))
            .observe(placeholder, { attributes: true, attributeFilter: ['hidden'] });
      }
    }
    section.addEventListener('click', (event) => {
      const opener = event.target.closest('.pick-table tbody tr[data-id], .person-link, [data-opens-detail]');
      if (opener && !event.target.closest('.detail-pane')) {
        showDetail(true);
      }
    });
  }
}

/** Sets up what the page needs on a phone; once, at start. */
export function initPhone() {
  watchTables();
  watchNavigation();
  watchDetails();
}
