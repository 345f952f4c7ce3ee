// Bolt emulator: the browser surface of Bolt's embed.js (Bolt.initialize, or the older `Bolt(key)`
// call; the login_modal, login_status, payment_component and account_checkbox components; Bolt.on/once
// events; Bolt.helpers.logout), served from the emulator's origin. Plain script, no build.
(() => {
  "use strict";
  if (window.Bolt && window.Bolt.emulator) return;

  const script = document.currentScript || document.querySelector('script[src$="/embed.js"]');
  const scriptUrl = new URL(script ? script.src : "/", location.href);
  // The emulator's origin as this page reaches it: Bolt's API and its framed components live there.
  const BOLT_ORIGIN = scriptUrl.origin;
  // The emulator writes its profile's variants here as it serves this file (README, "Profiles"):
  // `assetsPort`, the port of Bolt's account host; `legacyHelpers`, whether `Bolt.helpers` exists.
  const VARIANT = /* variant */ { assetsPort: null, legacyHelpers: true };
  // Bolt's account host, which serves the login modal and its images: the sandbox profile puts it on
  // another port, as Bolt serves them from hosts other than the one embed.js comes from.
  const ACCOUNT_ORIGIN = VARIANT.assetsPort
    ? `${scriptUrl.protocol}//${scriptUrl.hostname}:${VARIANT.assetsPort}`
    : BOLT_ORIGIN;
  const MESSAGE_PREFIX = "bolt-emulator:";
  const DEBOUNCE_MS = 400;
  const READY_TIMEOUT_MS = 10000;
  const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

  const listeners = new Map();
  const lastPayloads = new Map();
  const components = new Map();
  let publishableKey = null;
  let modal = null;

  function emit(name, payload) {
    lastPayloads.set(name, payload);
    for (const callback of [...(listeners.get(name) || [])]) {
      try {
        callback(payload);
      } catch (error) {
        // A failing listener must not stop the others; report it like an uncaught error.
        setTimeout(() => {
          throw error;
        });
      }
    }
  }

  function on(name, callback, options) {
    if (typeof callback !== "function") throw new TypeError("Bolt.on needs a callback function.");
    if (!listeners.has(name)) listeners.set(name, new Set());
    listeners.get(name).add(callback);
    if (options && options.replayLast && lastPayloads.has(name)) callback(lastPayloads.get(name));
    return () => listeners.get(name).delete(callback);
  }

  /** `on` for one event only; its options too, so `replayLast` may be the one call it gets. */
  function once(name, callback, options) {
    if (typeof callback !== "function") throw new TypeError("Bolt.once needs a callback function.");
    let called = false;
    let off = null;
    off = on(
      name,
      (payload) => {
        if (called) return;
        called = true;
        if (off) off();
        callback(payload);
      },
      options,
    );
    // A replayed payload arrives inside `on`, before `off` exists.
    if (called) off();
    return off;
  }

  function loginSucceeded(email, result) {
    emit("login_succeeded", { email, result });
    emit("login_complete", { email, result });
  }

  function loginFailed(email, error) {
    emit("login_failed", { email, result: error });
    emit("login_complete", { email, result: error });
  }

  async function accountExists(email) {
    try {
      const response = await fetch(`${BOLT_ORIGIN}/v1/account/exists?email=${encodeURIComponent(email)}`, {
        headers: { "X-Publishable-Key": publishableKey },
        credentials: "omit",
      });
      if (!response.ok) return new Error(`Bolt's account check failed (HTTP ${response.status}).`);
      const body = await response.json();
      return typeof body.has_bolt_account === "boolean"
        ? body.has_bolt_account
        : new Error("Bolt's account check gave an unexpected answer.");
    } catch {
      return new Error("Bolt's account check could not reach Bolt.");
    }
  }

  function isMessage(data) {
    return (
      Boolean(data) && typeof data === "object" && typeof data.type === "string" && data.type.startsWith(MESSAGE_PREFIX)
    );
  }

  function closeModal(current, focusTarget) {
    if (modal !== current) return;
    modal = null;
    clearTimeout(current.readyTimer);
    window.removeEventListener("message", current.onMessage);
    current.iframe.remove();
    document.documentElement.style.overflow = current.overflow;
    const target = focusTarget || current.restoreFocus;
    if (target && typeof target.focus === "function" && document.contains(target)) target.focus();
  }

  function onModalMessage(current, event) {
    // Only the modal we opened, on Bolt's account origin, may talk to us.
    if (event.origin !== ACCOUNT_ORIGIN || event.source !== current.iframe.contentWindow || !isMessage(event.data))
      return;
    const data = event.data;
    const kind = data.type.slice(MESSAGE_PREFIX.length);
    const email = typeof data.email === "string" ? data.email : current.email;
    if (kind === "ready") {
      current.ready = true;
      clearTimeout(current.readyTimer);
      current.iframe.focus();
    } else if (
      kind === "login_success" &&
      typeof data.authorizationCode === "string" &&
      data.authorizationCode &&
      typeof data.scope === "string"
    ) {
      closeModal(current);
      loginSucceeded(email, { authorizationCode: data.authorizationCode, scope: data.scope });
      // Bolt's docs: the modal-closed event follows a successful login too.
      emit("login_modal_closed", { context: current.context });
    } else if (kind === "login_failure" && typeof data.message === "string") {
      loginFailed(email, new Error(data.message));
    } else if (kind === "close" && ["dismissed", "escape", "change_email"].includes(data.reason)) {
      const changeEmail = data.reason === "change_email" && current.input;
      closeModal(current, changeEmail ? current.input : undefined);
      if (changeEmail) current.input.select();
      emit("login_modal_closed", { context: current.context });
    }
  }

  function openModal({ email, context, input }) {
    if (modal) return;
    const src = new URL("/login-modal", ACCOUNT_ORIGIN);
    src.searchParams.set("origin", location.origin);
    src.searchParams.set("key", publishableKey);
    if (email) src.searchParams.set("email", email);
    src.searchParams.set("context", context);
    const iframe = document.createElement("iframe");
    iframe.src = src.href;
    iframe.title = "Sign in with Bolt";
    iframe.setAttribute("data-bolt-login-modal", "");
    Object.assign(iframe.style, {
      position: "fixed",
      inset: "0",
      width: "100%",
      height: "100%",
      border: "0",
      margin: "0",
      padding: "0",
      zIndex: "2147483647",
      background: "transparent",
      colorScheme: "light",
    });
    const current = {
      iframe,
      email,
      context,
      input,
      ready: false,
      restoreFocus: document.activeElement,
      overflow: document.documentElement.style.overflow,
    };
    current.onMessage = (event) => onModalMessage(current, event);
    current.readyTimer = setTimeout(() => {
      if (current.ready) return;
      closeModal(current);
      const message = `Bolt's sign-in could not be shown on ${location.origin}. The Bolt emulator allows localhost origins and those in BOLT_EMULATOR_ALLOWED_ORIGINS.`;
      console.error(message);
      loginFailed(email, new Error(message));
    }, READY_TIMEOUT_MS);
    window.addEventListener("message", current.onMessage);
    document.documentElement.style.overflow = "hidden";
    document.body.appendChild(iframe);
    modal = current;
  }

  function resolveContainer(container) {
    if (typeof container === "string") return document.querySelector(container);
    return container instanceof Element ? container : null;
  }

  /** Watches the container's email field: a valid Bolt email (typed, pasted, or changed) opens the code step. */
  function attach(container, options) {
    const root = resolveContainer(container);
    if (!root) throw new Error("Bolt login_modal.attach() needs an element, or a selector that matches one.");
    const input = root.matches('input[type="email"]') ? root : root.querySelector('input[type="email"]');
    if (!input) {
      console.warn("Bolt login_modal: no input[type=email] inside the attached container.");
      return () => {};
    }
    const context = options.context || "sign_in";
    let timer;
    let inFlight = null;
    let lastChecked = null;
    let detached = false;

    const check = async (force) => {
      clearTimeout(timer);
      const email = input.value.trim();
      const key = email.toLowerCase();
      if (detached || !EMAIL.test(email) || modal || inFlight === key || (!force && lastChecked === key)) return;
      if (!publishableKey) {
        console.warn("Bolt: call Bolt.initialize(publishableKey) before the login modal can check emails.");
        return;
      }
      inFlight = key;
      lastChecked = key;
      const result = await accountExists(email);
      inFlight = null;
      // A failed check may be retried by the next blur or pause in typing.
      if (result instanceof Error) lastChecked = null;
      if (detached) return;
      emit("account_check_complete", { email, result });
      if (result === true && input.value.trim().toLowerCase() === key) openModal({ email, context, input });
    };
    const onInput = () => {
      clearTimeout(timer);
      timer = setTimeout(() => check(false), DEBOUNCE_MS);
    };
    const onChange = () => check(true);
    const onBlur = () => check(false);
    input.addEventListener("input", onInput);
    input.addEventListener("change", onChange);
    input.addEventListener("blur", onBlur);
    return () => {
      detached = true;
      clearTimeout(timer);
      input.removeEventListener("input", onInput);
      input.removeEventListener("change", onChange);
      input.removeEventListener("blur", onBlur);
      if (modal && modal.input === input) closeModal(modal);
    };
  }

  /** Signs a shopper with a Bolt session straight in; resolves quietly when there is none. */
  async function attemptLogin() {
    if (!publishableKey) return undefined;
    try {
      const response = await fetch(`${BOLT_ORIGIN}/connect/login/silent`, { method: "POST", credentials: "include" });
      if (!response.ok) return undefined;
      const body = await response.json();
      if (!body || typeof body.authorizationCode !== "string" || typeof body.scope !== "string") return undefined;
      const result = { authorizationCode: body.authorizationCode, scope: body.scope };
      loginSucceeded(typeof body.email === "string" ? body.email : undefined, result);
      return result;
    } catch {
      return undefined;
    }
  }

  function createLoginModal(options) {
    return {
      attach: (container, attachOptions) => attach(container, { ...options, ...attachOptions }),
      attemptLogin,
    };
  }

  function resolveElement(container, what) {
    const root = resolveContainer(container);
    if (!root) throw new Error(`Bolt ${what}.mount() needs an element, or a selector that matches one.`);
    return root;
  }

  /**
   * Frames one of Bolt's component pages into `root`, full width, at the height the page reports.
   * Only messages from that frame, on the Bolt origin it came from, reach `onMessage`.
   */
  function frameComponent(root, { origin = BOLT_ORIGIN, path, title, height, params, onMessage }) {
    const src = new URL(path, origin);
    src.searchParams.set("origin", location.origin);
    src.searchParams.set("key", publishableKey || "");
    for (const [name, value] of Object.entries(params || {})) src.searchParams.set(name, value);
    const iframe = document.createElement("iframe");
    iframe.src = src.href;
    iframe.title = title;
    Object.assign(iframe.style, {
      display: "block",
      width: "100%",
      height: `${height}px`,
      border: "0",
      margin: "0",
      padding: "0",
      background: "transparent",
      colorScheme: "light",
      overflow: "hidden",
    });
    const listener = (event) => {
      if (event.origin !== origin || event.source !== iframe.contentWindow || !isMessage(event.data)) return;
      const kind = event.data.type.slice(MESSAGE_PREFIX.length);
      if (kind === "resize" && Number.isFinite(event.data.height)) {
        iframe.style.height = `${Math.min(Math.max(Math.round(event.data.height), 24), 2000)}px`;
      } else onMessage(kind, event.data);
    };
    window.addEventListener("message", listener);
    root.replaceChildren(iframe);
    return {
      iframe,
      reload: () => {
        iframe.src = src.href;
      },
      send: (kind, payload) => iframe.contentWindow?.postMessage({ type: MESSAGE_PREFIX + kind, ...payload }, origin),
      remove() {
        window.removeEventListener("message", listener);
        iframe.remove();
      },
    };
  }

  const TOKENIZE_TIMEOUT_MS = 15000;

  /** A `{ type, message }` value: what `tokenize()` resolves with when it has no token to give. */
  function tokenizeFailure(type, message) {
    return { type, message };
  }

  /** `mount`/`unmount` of a component that is one framed page; mounting again replaces the frame. */
  function framedComponent(name, frameOptions, onUnmount) {
    let frame = null;
    const component = {
      mount(container) {
        const root = resolveElement(container, name);
        component.unmount();
        frame = frameComponent(root, frameOptions);
      },
      unmount() {
        if (frame) frame.remove();
        frame = null;
        if (onUnmount) onUnmount();
      },
      send: (kind, payload) => frame && frame.send(kind, payload),
      isMounted: () => frame !== null,
      iframe: () => frame && frame.iframe,
      reload: () => frame && frame.reload(),
    };
    return component;
  }

  /**
   * Bolt's payment field: card details typed into Bolt's frame, `tokenize()` hands back a token.
   * `showBillingZIPField` (Bolt's field option; `showPostalCode` in its native SDK) adds the billing
   * ZIP input, and with it the token's `postal_code`.
   */
  function createPaymentComponent(options) {
    const zip = Boolean(options.showBillingZIPField || options.showPostalCode);
    let ready = false;
    let sequence = 0;
    const pending = new Map();
    const frame = framedComponent(
      "payment_component",
      {
        path: "/connect/payment-field",
        title: "Card details, secured by Bolt",
        height: 330,
        params: zip ? { zip: "1" } : {},
        onMessage(kind, data) {
          if (kind === "ready") ready = true;
          const settle = kind === "tokenize_result" && pending.get(data.id);
          if (settle && data.result && typeof data.result === "object") {
            pending.delete(data.id);
            settle(data.result);
          }
        },
      },
      () => {
        ready = false;
        for (const [id, settle] of pending) {
          pending.delete(id);
          settle(tokenizeFailure("tokenization_error", "The payment field was removed before it answered."));
        }
      },
    );
    return {
      mount: frame.mount,
      unmount: frame.unmount,
      /**
       * A token, or `{ type, message }` saying what is wrong; a failure a test injected rejects, or
       * resolves to an `Error`, as Bolt's own integrations allow for.
       */
      tokenize() {
        return new Promise((resolve, reject) => {
          if (!frame.isMounted() || !ready) {
            resolve(tokenizeFailure("tokenization_error", "The payment field is not ready yet. Please try again."));
            return;
          }
          sequence += 1;
          const id = `t${sequence}`;
          const timer = setTimeout(() => {
            if (!pending.delete(id)) return;
            resolve(tokenizeFailure("tokenization_error", "Bolt's payment field didn't answer. Please try again."));
          }, TOKENIZE_TIMEOUT_MS);
          pending.set(id, (result) => {
            clearTimeout(timer);
            if (result.outcome === "reject") reject(new Error(result.message));
            else if (result.outcome === "error") resolve(new Error(result.message));
            else resolve(result);
          });
          frame.send("tokenize", { id });
        });
      },
    };
  }

  // The in-page checkbox's look, in its own shadow root, so the storefront's styles can't reach it.
  const CHECKBOX_CSS = `:host { display: block; color: #111827; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
:host([hidden]) { display: none; }
.check { display: flex; align-items: flex-start; gap: 10px; }
input { flex: none; width: 22px; height: 22px; margin: 1px 0 0; accent-color: #4f2bd8; }
label { display: flex; align-items: center; gap: 6px; font-weight: 600; cursor: pointer; }
img { width: 16px; height: 16px; }
p { margin: 6px 0 0 32px; color: #4b5563; font-size: 14px; }
a { color: #3b1fb0; }
input:focus-visible, a:focus-visible { outline: 3px solid #2457c5; outline-offset: 1px; }`;

  /** The same words and links as the framed checkbox's page. */
  function checkboxMarkup(checked, expanded) {
    const more = expanded
      ? "<p>Next time, sign in with a one-time code and pay in one click at any store that uses Bolt.</p>"
      : "";
    return `<div class="check">
  <input type="checkbox" id="create-account"${checked ? " checked" : ""} aria-describedby="consent-terms">
  <label for="create-account"><img src="${ACCOUNT_ORIGIN}/connect/images/bolt-mark.svg" alt="">Save my details with Bolt for one-click checkout</label>
</div>${more}
<p id="consent-terms">Bolt creates an account with your email, mobile phone, shipping address and card. By checking this box you agree to Bolt's <a href="https://www.bolt.com/end-user-terms" target="_blank" rel="noopener noreferrer">Terms of Use</a> and <a href="https://www.bolt.com/privacy" target="_blank" rel="noopener noreferrer">Privacy Policy</a>.</p>`;
  }

  /**
   * `webComponent: true`, as Bolt recommends: the checkbox rendered in the page, in a shadow root, with
   * Bolt's mark from its image host. It hides itself once Bolt knows the shopper: an account check
   * (the login modal's, on the email field it is attached to) finding an account, or a sign-in.
   */
  function inPageCheckbox(options, notify) {
    let host = null;
    let offs = [];
    const component = {
      mount(container) {
        const root = resolveElement(container, "account_checkbox");
        component.unmount();
        if (!customElements.get("bolt-account-checkbox"))
          customElements.define("bolt-account-checkbox", class extends HTMLElement {});
        host = document.createElement("bolt-account-checkbox");
        const shadow = host.attachShadow({ mode: "open" });
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(CHECKBOX_CSS);
        shadow.adoptedStyleSheets = [sheet];
        shadow.innerHTML = checkboxMarkup(Boolean(options.defaultValue), options.version === "expanded");
        const box = shadow.getElementById("create-account");
        box.addEventListener("change", () => notify(box.checked));
        const current = host;
        offs = [
          // Replayed: the email may have been checked, or the shopper signed in, before this mounted.
          on(
            "account_check_complete",
            ({ result }) => {
              if (typeof result === "boolean") current.hidden = result;
            },
            { replayLast: true },
          ),
          on(
            "login_succeeded",
            () => {
              current.hidden = true;
            },
            { replayLast: true },
          ),
        ];
        root.replaceChildren(host);
      },
      unmount() {
        for (const off of offs) off();
        offs = [];
        if (host) host.remove();
        host = null;
      },
    };
    return component;
  }

  /** Bolt's account checkbox: the shopper's consent to a Bolt account, reported through `change`. */
  function createAccountCheckbox(options) {
    const handlers = new Set();
    if (options.listeners && typeof options.listeners.change === "function") handlers.add(options.listeners.change);
    const notify = (checked) => {
      for (const handler of [...handlers]) handler(checked);
    };
    const view = options.webComponent
      ? inPageCheckbox(options, notify)
      : framedComponent("account_checkbox", {
          path: "/connect/account-checkbox",
          title: "Create a Bolt account",
          height: options.version === "expanded" ? 130 : 100,
          params: { checked: options.defaultValue ? "1" : "0", version: options.version || "compact" },
          onMessage(kind, data) {
            if (kind === "change" && typeof data.checked === "boolean") notify(data.checked);
          },
        });
    return {
      mount: view.mount,
      unmount: view.unmount,
      on(name, callback) {
        if (name !== "change" || typeof callback !== "function") return () => {};
        handlers.add(callback);
        return () => handlers.delete(callback);
      },
    };
  }

  /**
   * Bolt's login status: who is signed in to Bolt, with a logout control that ends the Bolt session
   * (so attemptLogin stops signing them in), then calls `listeners.logout` and hides itself. Hidden
   * while nobody is signed in; a sign-in in this page shows at once.
   */
  function createLoginStatus(options) {
    const listeners = options.listeners || {};
    let offLogin = null;
    const show = (visible) => {
      const iframe = frame.iframe();
      if (iframe) iframe.style.display = visible ? "block" : "none";
    };
    const frame = framedComponent(
      "login_status",
      {
        origin: ACCOUNT_ORIGIN,
        path: "/connect/login-status",
        title: "Your Bolt account",
        height: 48,
        onMessage(kind, data) {
          if (kind === "ready") show(data.signedIn === true);
          if (kind !== "logout") return;
          show(false);
          if (typeof listeners.logout === "function") listeners.logout();
        },
      },
      () => {
        if (offLogin) offLogin();
        offLogin = null;
      },
    );
    return {
      mount(container) {
        frame.mount(container);
        show(false);
        offLogin = on("login_succeeded", frame.reload);
      },
      unmount: frame.unmount,
    };
  }

  const FACTORIES = {
    login_modal: createLoginModal,
    login_status: createLoginStatus,
    payment_component: createPaymentComponent,
    account_checkbox: createAccountCheckbox,
  };

  /** The legacy helpers; newer Bolt code has only `login_status`, and the sandbox profile leaves them out. */
  const helpers = {
    /** Ends the shopper's Bolt session (so attemptLogin stops signing them in). Never rejects. */
    async logout() {
      try {
        await fetch(`${BOLT_ORIGIN}/connect/logout`, { method: "POST", credentials: "include" });
      } catch {
        // Logging out of the store must not fail because Bolt is unreachable.
      }
    },
  };

  // Older Bolt docs call it as a function, `const bolt = Bolt(publishableKey, { language })`, and use
  // what it returns as newer docs use `Bolt` itself after `Bolt.initialize`.
  const Bolt = Object.assign(
    function Bolt(key, options) {
      Bolt.initialize(key, options);
      return Bolt;
    },
    {
      emulator: true,
      isInitialized: false,
      // Bolt's second argument (e.g. `{ language }`) changes nothing in the emulator.
      initialize(key) {
        if (typeof key !== "string" || !key) throw new TypeError("Bolt.initialize needs the publishable key.");
        publishableKey = key;
        Bolt.isInitialized = true;
      },
      create(name, options) {
        const factory = FACTORIES[name];
        if (!factory) throw new Error(`The Bolt emulator has no "${name}" component.`);
        const component = factory(options || {});
        components.set(name, component);
        return component;
      },
      getComponent: (name) => components.get(name),
      on,
      once,
      ...(VARIANT.legacyHelpers ? { helpers } : {}),
    },
  );
  window.Bolt = Bolt;
})();
