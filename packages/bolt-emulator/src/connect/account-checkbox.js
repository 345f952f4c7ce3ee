// Bolt emulator: the account checkbox's page script. It only reports the shopper's choice to the
// storefront page that framed it (postMessage to the exact parent origin); the merchant reads it.
(() => {
  "use strict";
  const root = document.querySelector("[data-origin]");
  const box = document.getElementById("create-account");
  if (!root || !box) return;
  const PARENT_ORIGIN = root.dataset.origin;
  const PREFIX = "bolt-emulator:";

  function post(kind, payload) {
    if (window.parent !== window) window.parent.postMessage({ type: PREFIX + kind, ...payload }, PARENT_ORIGIN);
  }

  box.addEventListener("change", () => post("change", { checked: box.checked }));
  new ResizeObserver(() => post("resize", { height: Math.ceil(document.documentElement.scrollHeight) })).observe(
    document.body,
  );
  post("ready", { checked: box.checked });
})();
