/**
 * GET /api/v1/instance/languages (the languages a post may be in, `[{code, name}]`) and
 * GET /api/v1/instance/translation_languages (`{}`: Hearth has no translation service, as
 * Mastodon answers when none is configured). Both public.
 */
import type { Req, Router } from "../../../http/route";
import { supportedLanguages } from "../../../model/languages";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/instance/languages", { auth: "none" }, () => supportedLanguages());
  r.get<Req>("/api/v1/instance/translation_languages", { auth: "none" }, () => ({}));
}
