/** Route group: small endpoints without a group of their own (preferences, custom emojis). */
import type { Req, Router } from "../../../http/route";
import { listCustomEmojis } from "./custom-emojis";
import { getPreferences } from "./preferences";
import { registerNotYet } from "./not-yet";

export default function register(r: Router): void {
  r.get("/api/v1/preferences", { scopes: ["read:accounts"] }, getPreferences);
  r.get<Req>("/api/v1/custom_emojis", { auth: "none" }, listCustomEmojis);
  registerNotYet(r);
}
