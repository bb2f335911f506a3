/** Language codes: which ISO 639 codes are real (for a status's language). */

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });

/** A valid ISO 639 code (lower-cased) or undefined. */
export function validLanguage(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  const c = code.trim().toLowerCase();
  if (!/^[a-z]{2,3}$/.test(c)) return undefined;
  try {
    return languageNames.of(c) !== c ? c : undefined;
  } catch {
    return undefined;
  }
}
