/**
 * The languages a post may be written in, as Mastodon's LanguagesHelper::SUPPORTED_LOCALES
 * lists them: every ISO 639-1 code and the ISO 639-3 codes Mastodon adds, with English names
 * (from Intl where it knows the code, else the name Mastodon uses).
 */

const ISO_639_1 =
  "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu " +
  "fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko " +
  "kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi " +
  "pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk " +
  "ur uz ve vi vo wa wo xh yi yo za zh zu";

/** ISO 639-3 codes Mastodon supports beyond 639-1, with the names it gives them. */
const ISO_639_3: Record<string, string> = {
  ast: "Asturian",
  chr: "Cherokee",
  ckb: "Sorani (Kurdish)",
  cnr: "Montenegrin",
  csb: "Kashubian",
  gsw: "Swiss German",
  jbo: "Lojban",
  kab: "Kabyle",
  ldn: "Láadan",
  lfn: "Lingua Franca Nova",
  moh: "Mohawk",
  nds: "Low German",
  pdc: "Pennsylvania Dutch",
  sco: "Scots",
  sma: "Southern Sami",
  smj: "Lule Sami",
  szl: "Silesian",
  tok: "Toki Pona",
  vai: "Vai",
  xal: "Kalmyk",
  zba: "Balaibalan",
  zgh: "Standard Moroccan Tamazight",
};

let cached: { code: string; name: string }[] | null = null;

/** Every supported language as `{code, name}` (the /api/v1/instance/languages entity), by code. */
export function supportedLanguages(): { code: string; name: string }[] {
  if (cached) return cached;
  const names = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });
  const list = ISO_639_1.split(" ").map((code) => {
    let name = code;
    try {
      name = names.of(code) ?? code;
    } catch {
      /* keep the code */
    }
    return { code, name };
  });
  for (const [code, name] of Object.entries(ISO_639_3)) list.push({ code, name });
  cached = list.sort((a, b) => a.code.localeCompare(b.code));
  return cached;
}

const supportedCodes = () => new Set(supportedLanguages().map((l) => l.code));

/** The primary subtag of a locale ("pt-BR" → "pt", "zh_TW" → "zh"), lower-cased; null when it is no supported language. */
export function languageOfLocale(locale: string | null | undefined): string | null {
  const code = (locale ?? "").trim().split(/[_-]/)[0]!.toLowerCase();
  return code && supportedCodes().has(code) ? code : null;
}

/**
 * Mastodon's content_locale (the language part of the request's locale): the `lang` parameter,
 * else the signed-in user's locale, else the first supported language of Accept-Language by
 * weight, else the instance's default.
 */
export function contentLocale(o: {
  lang?: string | null;
  userLocale?: string | null;
  acceptLanguage?: string | null;
  defaultLocale: string;
}): string {
  const direct = languageOfLocale(o.lang) ?? languageOfLocale(o.userLocale);
  if (direct) return direct;
  const ranked = (o.acceptLanguage ?? "")
    .split(",")
    .slice(0, 32)
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const w = q ? Number(q.slice(2)) : 1;
      return { tag: tag!.trim(), w: Number.isFinite(w) ? w : 0, i };
    })
    .filter((x) => x.tag && x.tag !== "*" && x.w > 0)
    .sort((a, b) => b.w - a.w || a.i - b.i);
  for (const x of ranked) {
    const code = languageOfLocale(x.tag);
    if (code) return code;
  }
  return languageOfLocale(o.defaultLocale) ?? "en";
}

/** The languages trends are ordered by (Mastodon's Trends::Query#preferred_languages): the user's chosen languages, else the content locale. */
export function preferredLanguages(chosen: readonly string[] | null | undefined, locale: string): string[] {
  return chosen && chosen.length > 0 ? [...chosen] : [locale];
}
