/** Reading the filter endpoints' parameters (types only; the services check the rules). */
import { ApiError } from "../../../model/errors";
import { arr, bool, int, str, strArr, type Params } from "../../../http/params";
import { MAX_EXPIRES_IN } from "../../../services/filters/common";
import type { FilterInput, KeywordAttributes } from "../../../services/filters/save";

/** expires_in: undefined when absent, null when blank (never expires), else whole seconds ≥ 0. */
export function readExpiresIn(input: Params): number | null | undefined {
  if (!("expires_in" in input)) return undefined;
  const v = input.expires_in;
  if (v === null || v === "") return null;
  return int(input, "expires_in", { min: 0, max: MAX_EXPIRES_IN }) ?? null;
}

/** keywords_attributes[]: an array (or Rails index hash) of objects. */
function readKeywordAttributes(input: Params): KeywordAttributes[] | undefined {
  const list = arr(input, "keywords_attributes");
  if (!list) return undefined;
  return list.map((x) => {
    if (!x || typeof x !== "object" || Array.isArray(x) || x instanceof Blob) {
      throw new ApiError(422, "Validation failed: keywords_attributes must be an array of objects");
    }
    const p = x as Params;
    return { id: str(p, "id"), keyword: str(p, "keyword"), wholeWord: bool(p, "whole_word"), destroy: bool(p, "_destroy") };
  });
}

/** The fields of POST/PUT /api/v2/filters. */
export function readFilterInput(input: Params): FilterInput {
  return {
    title: str(input, "title"),
    context: strArr(input, "context"),
    action: str(input, "filter_action"),
    expiresIn: readExpiresIn(input),
    keywords: readKeywordAttributes(input),
  };
}
