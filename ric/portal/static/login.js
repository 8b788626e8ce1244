// The sign-in page renews itself while nobody uses it, so a terminal left on this page
// never shows "form expired" to the next person (the session behind the form is kept on
// the server for a limited time). A page being typed in is left alone.
(function () {
  "use strict";
  var seconds = parseInt(document.body.getAttribute("data-refresh") || "0", 10);
  if (!seconds) { return; }
  var touched = false;
  document.addEventListener("input", function () { touched = true; });
  function renew() {
    if (touched) { touched = false; window.setTimeout(renew, seconds * 1000); return; }
    window.location.replace("/");
  }
  window.setTimeout(renew, seconds * 1000);
})();
