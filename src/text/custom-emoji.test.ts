import { expect, test } from "bun:test";
import { SHORTCODE_RE, shortcodesIn } from "./custom-emoji";

test("finds shortcodes as Mastodon scans them", () => {
  expect(shortcodesIn("hi :blob_cat: and:nope: <p>:party:</p>", ":blob_cat:")).toEqual(["blob_cat", "party"]);
  expect(shortcodesIn("12:30:45 a:b: :x:")).toEqual([]);
  expect(SHORTCODE_RE.test("ab")).toBe(true);
  expect(SHORTCODE_RE.test("a")).toBe(false);
  expect(SHORTCODE_RE.test("a-b")).toBe(false);
});
