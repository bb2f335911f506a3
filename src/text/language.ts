/** Language codes: which ISO 639 codes are real (for a status's language). */

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });
/** Answers already worked out: at most 26^3 + 26^2 codes (Intl.DisplayNames#of is slow). */
const known = new Map<string, boolean>();

/** A valid ISO 639 code (lower-cased) or undefined. */
export function validLanguage(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  const c = code.trim().toLowerCase();
  if (!/^[a-z]{2,3}$/.test(c)) return undefined;
  let ok = known.get(c);
  if (ok === undefined) {
    try {
      ok = languageNames.of(c) !== c;
    } catch {
      ok = false;
    }
    known.set(c, ok);
  }
  return ok ? c : undefined;
}
