// AG Grid leaves ARIA slips that screen readers trip on (and axe-core reports as critical):
// empty row groups (full-width, sticky, pinned) without rows; the page-size picker, a
// «combobox» with nothing to type in, whose aria-controls names a list that exists only while
// it is open. The picker becomes what it is, a button that opens a list box (it keeps its keys
// and aria-expanded). Mended shortly after the grid renders.
(function () {
  function mend(root) {
    root.querySelectorAll('.ag-root [role="rowgroup"]').forEach(function (el) {
      if (!el.querySelector('[role="row"]')) { el.setAttribute('role', 'presentation'); }
    });
    root.querySelectorAll('.ag-picker-field-wrapper[role="combobox"]').forEach(function (el) {
      el.setAttribute('role', 'button');
      el.setAttribute('aria-haspopup', 'listbox');
    });
    root.querySelectorAll('[aria-controls]').forEach(function (el) {
      var id = el.getAttribute('aria-controls');
      if (id && id.indexOf('ag-') === 0 && !document.getElementById(id)) {
        el.removeAttribute('aria-controls');
      }
    });
  }
  // A light poll rather than a MutationObserver on the whole document: the district page's
  // long tables made an observer's callbacks pile up until the page froze.
  window.setInterval(function () {
    if (document.querySelector('.ag-root')) { mend(document); }
  }, 400);
})();
