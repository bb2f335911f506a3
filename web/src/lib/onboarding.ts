/** Whether this browser has shown (or been told to skip) the first steps for an account. */
const key = (id: string) => `hearth.onboarded.${id}`;

/** True once the first steps were opened or dismissed for account `id`. */
export function onboardingDone(id: string): boolean {
  try {
    return localStorage.getItem(key(id)) === "1";
  } catch {
    return false;
  }
}

/** Remembers that account `id` has seen or dismissed the first steps. */
export function setOnboardingDone(id: string): void {
  try {
    localStorage.setItem(key(id), "1");
  } catch {}
}
