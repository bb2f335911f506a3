import { expect, test } from "bun:test";
import { contentLocale, languageOfLocale, preferredLanguages } from "./languages";

test("languageOfLocale takes the primary subtag of a supported language", () => {
  expect(languageOfLocale("pt-BR")).toBe("pt");
  expect(languageOfLocale("zh_TW")).toBe("zh");
  expect(languageOfLocale("xx")).toBeNull();
  expect(languageOfLocale("")).toBeNull();
});

test("contentLocale: lang, then the user's locale, then Accept-Language by weight, then the default", () => {
  expect(contentLocale({ lang: "fr", userLocale: "de", acceptLanguage: "ja", defaultLocale: "en" })).toBe("fr");
  expect(contentLocale({ userLocale: "de", acceptLanguage: "ja", defaultLocale: "en" })).toBe("de");
  expect(contentLocale({ acceptLanguage: "en;q=0.2, ja-JP;q=0.9, *", defaultLocale: "en" })).toBe("ja");
  expect(contentLocale({ acceptLanguage: "xx, q;q=abc", defaultLocale: "es" })).toBe("es");
  expect(contentLocale({ defaultLocale: "nope" })).toBe("en");
});

test("preferredLanguages: chosen languages when any, else the locale", () => {
  expect(preferredLanguages(["de", "fr"], "en")).toEqual(["de", "fr"]);
  expect(preferredLanguages(null, "en")).toEqual(["en"]);
  expect(preferredLanguages([], "en")).toEqual(["en"]);
});
