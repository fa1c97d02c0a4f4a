// Runs only in a browser without JavaScript modules (an old WeChat or Android browser), where
// family.js cannot: shows how to open the page elsewhere. Plain ES5, no module.
(function () {
  var loading = document.getElementById('loading-view');
  var old = document.getElementById('old-view');
  if (loading) {
    loading.hidden = true;
    loading.setAttribute('hidden', 'hidden');
  }
  if (old) {
    old.hidden = false;
    old.removeAttribute('hidden');
  }
})();
