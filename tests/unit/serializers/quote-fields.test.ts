/** Reading quote fields from remote Notes (Mastodon 4.5's StatusParser order and canQuote policy). */
import { describe, expect, test } from "bun:test";
import { parseQuote, parseQuotePolicy } from "../../../src/serializers/activitypub/from-note";

const PUB = "https://www.w3.org/ns/activitystreams#Public";
const F = "https://x.example/users/a/followers";

describe("parseQuote", () => {
  test("`quote` wins over the older properties and is not legacy; the stamp is kept", () => {
    expect(
      parseQuote({ quote: "https://x.example/n/1", _misskey_quote: "https://x.example/n/2", quoteAuthorization: "https://x.example/s/1" }),
    ).toEqual({ uri: "https://x.example/n/1", legacy: false, approvalUri: "https://x.example/s/1" });
  });
  test("_misskey_quote, quoteUrl, quoteUri in that order are legacy", () => {
    expect(parseQuote({ quoteUri: "https://x.example/n/3", quoteUrl: "https://x.example/n/2" })).toEqual({
      uri: "https://x.example/n/2",
      legacy: true,
      approvalUri: null,
    });
    expect(parseQuote({ quoteUri: { id: "https://x.example/n/3" } })?.uri).toBe("https://x.example/n/3");
  });
  test("no quote, or one that is not an http(s) URI", () => {
    expect(parseQuote({ content: "x" })).toBeNull();
    expect(parseQuote({ quote: "javascript:alert(1)" })).toBeNull();
    expect(parseQuote({ quote: { type: "Tombstone" } })).toBeNull();
  });
});

describe("parseQuotePolicy", () => {
  test("public, followers, and nobody without a policy or for the author alone", () => {
    expect(parseQuotePolicy({ interactionPolicy: { canQuote: { automaticApproval: PUB } } }, F)).toBe("public");
    expect(parseQuotePolicy({ interactionPolicy: { canQuote: { automaticApproval: ["as:Public"] } } }, F)).toBe("public");
    expect(parseQuotePolicy({ interactionPolicy: { canQuote: { automaticApproval: [F] } } }, F)).toBe("followers");
    expect(parseQuotePolicy({ interactionPolicy: { canQuote: { automaticApproval: ["https://x.example/users/a"] } } }, F)).toBe("nobody");
    expect(parseQuotePolicy({ interactionPolicy: { canQuote: { manualApproval: [PUB] } } }, F)).toBe("nobody");
    expect(parseQuotePolicy({}, F)).toBe("nobody");
  });
});
