// The last guard before a line is written: whatever a caller passes, an email keeps only its first
// character and its domain, and a run of 13 to 19 digits standing alone (a card number, however
// grouped) is dropped. Hex ids (nonces, trace ids) are left whole.

const EMAIL = /([^\s@"'<>(),;:]{1,64})@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
const CARD_NUMBER = /(?<![0-9A-Za-z])\d(?:[ -]?\d){12,18}(?![0-9A-Za-z])/g;

export function maskEmail(email: string): string {
  return email.replace(EMAIL, (_match, local: string, domain: string) => `${local[0]}***@${domain}`);
}

export function scrub(text: string): string {
  return maskEmail(text).replace(CARD_NUMBER, "[number removed]");
}
