// Bolt emulator: the login modal's page script. It runs in an iframe on the emulator's origin and talks
// to embed.js in the storefront page only through postMessage, always naming the exact parent origin.
(() => {
  "use strict";
  const dialog = document.getElementById("dialog");
  const PARENT_ORIGIN = dialog.dataset.origin;
  const MESSAGE_PREFIX = "bolt-emulator:";
  const openedWithEmail = Boolean(dialog.dataset.email);
  let email = dialog.dataset.email;
  let busy = false;

  function post(kind, payload) {
    if (window.parent === window) return;
    window.parent.postMessage({ type: MESSAGE_PREFIX + kind, ...payload }, PARENT_ORIGIN);
  }

  const close = (reason) => post("close", { reason });

  for (const element of document.querySelectorAll("[data-close]"))
    element.addEventListener("click", () => close("dismissed"));

  function focusable() {
    return [...dialog.querySelectorAll("button, input, a[href], [tabindex]:not([tabindex='-1'])")].filter(
      (element) => !element.disabled && !element.closest("[hidden]"),
    );
  }

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close("escape");
      return;
    }
    if (event.key !== "Tab") return;
    // Keep focus inside the dialog: Tab from the last control wraps to the first, and back.
    const items = focusable();
    const first = items[0];
    const last = items[items.length - 1];
    if (!first) return;
    if (!dialog.contains(document.activeElement)) {
      event.preventDefault();
      first.focus();
    } else if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });

  function showError(element, input, message) {
    element.textContent = message;
    element.hidden = !message;
    if (message) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }

  const emailStep = document.getElementById("email-step");
  const codeStep = document.getElementById("code-step");
  if (!codeStep) {
    // The page is showing a problem instead of the form.
    post("ready", {});
    return;
  }
  const otpInput = document.getElementById("otp");
  const otpError = document.getElementById("otp-error");
  const verifyButton = document.getElementById("verify");
  const emailInput = document.getElementById("email-input");
  const emailError = document.getElementById("email-error");

  function showCodeStep() {
    emailStep.hidden = true;
    codeStep.hidden = false;
    dialog.setAttribute("aria-labelledby", "title-code");
    dialog.setAttribute("aria-describedby", "code-lead");
    document.getElementById("email-label").textContent = email;
    otpInput.value = "";
    showError(otpError, otpInput, "");
    otpInput.focus();
  }

  function showEmailStep() {
    codeStep.hidden = true;
    emailStep.hidden = false;
    dialog.setAttribute("aria-labelledby", "title-email");
    dialog.removeAttribute("aria-describedby");
    emailInput.value = email || "";
    emailInput.focus();
  }

  function setBusy(value) {
    busy = value;
    verifyButton.disabled = value;
    verifyButton.setAttribute("aria-busy", String(value));
    verifyButton.querySelector(".label").textContent = value ? "Verifying…" : "Continue";
    otpInput.readOnly = value;
  }

  async function verify() {
    const otp = otpInput.value.trim();
    if (busy) return;
    if (!/^\d{6}$/.test(otp)) {
      showError(otpError, otpInput, "Enter the 6-digit code.");
      otpInput.focus();
      return;
    }
    setBusy(true);
    showError(otpError, otpInput, "");
    let response;
    let body = {};
    try {
      response = await fetch("/connect/login/verify", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email, otp }),
        credentials: "same-origin",
      });
      body = await response.json().catch(() => ({}));
    } catch {
      setBusy(false);
      showError(otpError, otpInput, "We couldn't reach Bolt. Check your connection and try again.");
      return;
    }
    if (response.ok && typeof body.authorizationCode === "string") {
      verifyButton.querySelector(".label").textContent = "Signed in";
      post("login_success", {
        email: body.email || email,
        authorizationCode: body.authorizationCode,
        scope: body.scope,
      });
      return;
    }
    setBusy(false);
    const message = typeof body.message === "string" ? body.message : "Something went wrong. Please try again.";
    showError(otpError, otpInput, message);
    if (body.error === "locked") {
      otpInput.disabled = true;
      verifyButton.disabled = true;
      post("login_failure", { email, message });
      return;
    }
    otpInput.select();
  }

  otpInput.addEventListener("input", () => {
    const digits = otpInput.value.replace(/\D/g, "").slice(0, 6);
    if (digits !== otpInput.value) otpInput.value = digits;
    if (digits.length === 6) verify();
  });
  document.getElementById("code-form").addEventListener("submit", (event) => {
    event.preventDefault();
    verify();
  });
  document.getElementById("change-email").addEventListener("click", () => {
    // Opened from the storefront's email field: hand the shopper back to it.
    if (openedWithEmail) close("change_email");
    else showEmailStep();
  });
  document.getElementById("email-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = emailInput.value.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
      showError(emailError, emailInput, "Enter a valid email address.");
      return;
    }
    showError(emailError, emailInput, "");
    email = value;
    showCodeStep();
  });

  if (email) showCodeStep();
  else showEmailStep();
  // Browsers ignore focus() in a cross-origin frame that is not focused yet; retry once embed.js focuses the frame.
  window.addEventListener("focus", () => {
    if (dialog.contains(document.activeElement) && document.activeElement !== dialog) return;
    (codeStep.hidden ? emailInput : otpInput).focus();
  });
  post("ready", {});
})();
