// Bolt emulator: the payment field's page script. It runs in an iframe on the emulator's origin: the card
// number is typed, checked and tokenized here, and only the token goes to the storefront, by postMessage
// to the exact parent origin.
(() => {
  "use strict";
  const form = document.getElementById("card-form");
  if (!form) return;
  const PARENT_ORIGIN = form.dataset.origin;
  const PUBLISHABLE_KEY = new URLSearchParams(location.search).get("key") || "";
  const PREFIX = "bolt-emulator:";
  // The billing postal code is there only when the storefront asked for Bolt's ZIP field.
  const NAMES = ["number", "expiration", "cvv", "postal_code"].filter((name) => document.getElementById(name));
  const inputs = Object.fromEntries(NAMES.map((name) => [name, document.getElementById(name)]));
  const touched = new Set();

  function post(kind, payload) {
    if (window.parent !== window) window.parent.postMessage({ type: PREFIX + kind, ...payload }, PARENT_ORIGIN);
  }

  const digitsOf = (value) => value.replace(/\D/g, "");
  const isAmex = (digits) => /^3[47]/.test(digits);

  function luhn(digits) {
    let sum = 0;
    let double = false;
    for (let index = digits.length - 1; index >= 0; index -= 1) {
      let digit = Number(digits[index]);
      if (double) {
        digit *= 2;
        if (digit > 9) digit -= 9;
      }
      sum += digit;
      double = !double;
    }
    return digits.length > 0 && sum % 10 === 0;
  }

  /** `MM / YY` as typed → `YYYY-MM`, or null. */
  function expiration(value) {
    const match = /^(\d{2}) ?\/? ?(\d{2})$/.exec(value.trim());
    if (!match || Number(match[1]) < 1 || Number(match[1]) > 12) return null;
    return `20${match[2]}-${match[1]}`;
  }

  // The same rules Bolt's tokenizer applies; checked here too so each mistake shows where it was made.
  const checks = {
    number(value) {
      const digits = digitsOf(value);
      if (!digits) return "Enter the card number.";
      if (digits.length < 12 || digits.length > 19 || !luhn(digits))
        return "This card number isn't valid. Check it and try again.";
      return "";
    },
    expiration(value) {
      if (!value.trim()) return "Enter the expiry date.";
      const month = expiration(value);
      if (!month) return "Enter the expiry date as MM / YY.";
      const [year, mm] = month.split("-").map(Number);
      const now = new Date();
      if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && mm < now.getUTCMonth() + 1))
        return "This card has expired.";
      return "";
    },
    cvv(value) {
      const length = isAmex(digitsOf(inputs.number.value)) ? 4 : 3;
      return new RegExp(`^\\d{${length}}$`).test(value.trim()) ? "" : `Enter the ${length}-digit security code.`;
    },
    postal_code(value) {
      return value.trim() ? "" : "Enter the billing postal code.";
    },
  };

  function show(name, message) {
    const input = inputs[name];
    const error = document.getElementById(`${name}-error`);
    error.textContent = message;
    error.hidden = !message;
    if (message) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }

  function check(name) {
    const message = checks[name](inputs[name].value);
    show(name, message);
    return message;
  }

  // Grouped as printed on the card: 4-4-4-4, or 4-6-5 for American Express.
  function formatNumber(value) {
    const digits = digitsOf(value).slice(0, 19);
    const groups = isAmex(digits) ? [4, 6, 5] : [4, 4, 4, 4, 3];
    const parts = [];
    let rest = digits;
    for (const size of groups) {
      if (!rest) break;
      parts.push(rest.slice(0, size));
      rest = rest.slice(size);
    }
    return parts.join(" ");
  }

  function formatExpiry(value, deleting) {
    const digits = digitsOf(value).slice(0, 4);
    if (digits.length > 2 || (digits.length === 2 && !deleting)) return `${digits.slice(0, 2)} / ${digits.slice(2)}`;
    return digits;
  }

  inputs.number.addEventListener("input", () => {
    inputs.number.value = formatNumber(inputs.number.value);
  });
  inputs.expiration.addEventListener("input", (event) => {
    inputs.expiration.value = formatExpiry(inputs.expiration.value, event.inputType === "deleteContentBackward");
  });
  inputs.cvv.addEventListener("input", () => {
    inputs.cvv.value = digitsOf(inputs.cvv.value).slice(0, 4);
  });
  for (const name of NAMES) {
    // An error appears when the shopper leaves a field they typed in, and goes as soon as it is fixed.
    inputs[name].addEventListener("blur", () => {
      if (inputs[name].value) touched.add(name);
      if (touched.has(name)) check(name);
    });
    inputs[name].addEventListener("input", () => {
      if (inputs[name].getAttribute("aria-invalid")) check(name);
    });
  }
  form.addEventListener("submit", (event) => event.preventDefault());

  function failure(type, message, fields) {
    return fields ? { type, message, fields } : { type, message };
  }

  async function tokenize() {
    const problems = NAMES.map((name) => ({ field: name, message: check(name) })).filter((p) => p.message);
    for (const name of NAMES) touched.add(name);
    if (problems.length > 0) {
      inputs[problems[0].field].focus();
      return failure("validation_error", problems[0].message, problems);
    }
    let response;
    let body;
    try {
      response = await fetch("/connect/tokenize", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "omit",
        body: JSON.stringify({
          key: PUBLISHABLE_KEY,
          number: digitsOf(inputs.number.value),
          expiration: expiration(inputs.expiration.value),
          cvv: inputs.cvv.value.trim(),
          ...(inputs.postal_code ? { postal_code: inputs.postal_code.value.trim() } : {}),
        }),
      });
      body = await response.json();
    } catch {
      return failure("tokenization_error", "Bolt's card tokenizer could not be reached. Please try again.");
    }
    if (response.ok && typeof body.token === "string") return body;
    if (body.outcome === "reject" || body.outcome === "error") return { outcome: body.outcome, message: body.message };
    const fields = Array.isArray(body.fields) ? body.fields : undefined;
    for (const problem of fields || []) if (inputs[problem.field]) show(problem.field, problem.message);
    if (fields && fields[0] && inputs[fields[0].field]) inputs[fields[0].field].focus();
    return failure(
      body.type === "validation_error" ? "validation_error" : "tokenization_error",
      typeof body.message === "string" ? body.message : "Bolt couldn't read the card details.",
      fields,
    );
  }

  window.addEventListener("message", async (event) => {
    // Only the storefront page that framed us, on the origin it was opened for, may ask for a token.
    if (event.source !== window.parent || event.origin !== PARENT_ORIGIN) return;
    const data = event.data;
    if (!data || data.type !== PREFIX + "tokenize" || typeof data.id !== "string") return;
    post("tokenize_result", { id: data.id, result: await tokenize() });
  });

  new ResizeObserver(() => post("resize", { height: Math.ceil(document.documentElement.scrollHeight) })).observe(
    document.body,
  );
  post("ready", {});
})();
