// Bolt emulator: the login status's page script. It tells the storefront page that framed it whether a
// shopper is signed in to Bolt, and logs them out of Bolt on request (postMessage to the exact parent origin).
(() => {
  "use strict";
  const root = document.querySelector("[data-origin]");
  if (!root) return;
  const PARENT_ORIGIN = root.dataset.origin;
  const PREFIX = "bolt-emulator:";

  function post(kind, payload) {
    if (window.parent !== window) window.parent.postMessage({ type: PREFIX + kind, ...payload }, PARENT_ORIGIN);
  }

  const logout = document.getElementById("logout");
  if (logout) {
    logout.addEventListener("click", async () => {
      logout.disabled = true;
      let ended = false;
      try {
        ended = (await fetch("/connect/logout", { method: "POST", credentials: "same-origin" })).ok;
      } catch {
        // Bolt unreachable: the session is still open, so say nothing and let the shopper retry.
      }
      logout.disabled = false;
      if (!ended) return;
      root.replaceChildren();
      root.dataset.signedIn = "false";
      post("logout", {});
    });
  }
  new ResizeObserver(() => post("resize", { height: Math.ceil(document.documentElement.scrollHeight) })).observe(
    document.body,
  );
  post("ready", { signedIn: root.dataset.signedIn === "true" });
})();
