/**
 * The HTML that the script shows (the sidebar, the Settings dialog) served in frames of the
 * preview page. HtmlService pages get `google.script.run` and `google.script.host` from Google;
 * here a small script, injected before the page's own, provides them over HTTP: each call is a
 * POST to /rpc that runs the real bundle on the emulator.
 *
 * Semantics kept (https://developers.google.com/apps-script/guides/html/reference/run):
 * asynchronous calls, withSuccessHandler / withFailureHandler / withUserObject returning a new
 * runner, only the script's public functions are methods (others are undefined, so calling one
 * is a TypeError), a server exception reaches the failure handler as an Error with its message.
 * google.script.host.close() closes the frame
 * (https://developers.google.com/apps-script/guides/html/reference/host).
 *
 * The shim also sets `window.ficheClientPreview = { emulated: true }`, which Google never sets:
 * a page that measures time (Check this spreadsheet) can tell that its timings are the emulator's, not
 * Apps Script's, and say so.
 */

function shim(functionNames: readonly string[], frameId: string): string {
  // Plain ES2017 so that it runs in any page; JSON.stringify makes the names safe to inline,
  // and "<" is escaped so that no name can close the script element.
  const names = JSON.stringify(functionNames).replace(/</g, '\\u003c');
  const frame = JSON.stringify(frameId).replace(/</g, '\\u003c');
  return `<script>
(function () {
  var names = ${names};
  var frame = ${frame};
  function tell(type) { try { window.parent.postMessage({ source: 'fiche-preview', type: type, frame: frame }, window.location.origin); } catch (e) {} }
  function make(success, failure, userObject) {
    var runner = {
      withSuccessHandler: function (fn) { return make(fn, failure, userObject); },
      withFailureHandler: function (fn) { return make(success, fn, userObject); },
      withUserObject: function (o) { return make(success, failure, o); }
    };
    names.forEach(function (name) {
      runner[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        fetch('/rpc', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fn: name, args: args }) })
          .then(function (r) { return r.json(); })
          .then(function (res) {
            tell('rpc-done');
            if (res.ok) { if (success) success(res.value, userObject); return; }
            var error = new Error(res.message);
            if (res.name) error.name = res.name;
            if (failure) failure(error, userObject); else console.error(error);
          }, function (e) {
            var error = new Error('NetworkError: ' + e.message);
            if (failure) failure(error, userObject); else console.error(error);
          });
      };
    });
    return runner;
  }
  window.ficheClientPreview = Object.freeze({ emulated: true });
  window.google = { script: {
    run: make(null, null, undefined),
    host: {
      origin: window.location.origin,
      close: function () { tell('close'); },
      setHeight: function () {}, setWidth: function () {},
      editor: { focus: function () { tell('focus'); } }
    }
  } };
})();
</script>`;
}

/** The page with the shim as the first thing in <head> (or at the top when there is no head). */
export function injectScriptRun(
  html: string,
  functionNames: readonly string[],
  frameId: string,
): string {
  const script = shim(functionNames, frameId);
  const head = /<head[^>]*>/i.exec(html);
  if (head)
    return (
      html.slice(0, head.index + head[0].length) + script + html.slice(head.index + head[0].length)
    );
  return script + html;
}
