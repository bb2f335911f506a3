/** A Markdown text box with a Preview tab (marked, then an allowlist sanitizer), for the policy texts. */
import type { JSX } from "preact";
import { marked } from "marked";
import { useMemo, useState } from "preact/hooks";

const ALLOWED = new Set(
  "P BR A EM STRONG B I DEL S CODE PRE BLOCKQUOTE UL OL LI H1 H2 H3 H4 H5 H6 HR TABLE THEAD TBODY TR TH TD".split(" "),
);

/** Markdown → HTML keeping only document formatting and http(s)/relative links. */
export function markdownPreview(text: string): string {
  const tpl = document.createElement("template");
  tpl.innerHTML = marked.parse(text, { async: false, gfm: true }) as string;
  const walk = (node: Element | DocumentFragment) => {
    for (const el of Array.from(node.children)) {
      walk(el);
      if (!ALLOWED.has(el.tagName)) {
        el.replaceWith(...Array.from(el.childNodes));
        continue;
      }
      for (const attr of Array.from(el.attributes)) {
        if (!(el.tagName === "A" && attr.name === "href" && /^(https?:|\/|#)/i.test(attr.value))) el.removeAttribute(attr.name);
      }
      // A preview's headings sit under the page's own; keep the outline below h3.
      if (/^H[1-6]$/.test(el.tagName)) {
        const h = document.createElement(`h${Math.min(6, Number(el.tagName[1]) + 3)}`);
        h.append(...Array.from(el.childNodes));
        el.replaceWith(h);
      }
    }
  };
  walk(tpl.content);
  return tpl.innerHTML;
}

/** A labelled Markdown field with Write/Preview. */
export function MarkdownField({
  id,
  label,
  value,
  rows = 10,
  onInput,
}: {
  id: string;
  label: string;
  value: string;
  rows?: number;
  onInput(v: string): void;
}): JSX.Element {
  const [preview, setPreview] = useState(false);
  const html = useMemo(() => (preview ? markdownPreview(value) : ""), [preview, value]);
  return (
    <div class="admin-markdown">
      <div class="admin-markdown-head">
        <label for={id}>{label} (Markdown)</label>
        <div class="admin-switch" role="group" aria-label={`${label}: write or preview`}>
          <button type="button" aria-pressed={!preview} onClick={() => setPreview(false)}>
            Write
          </button>
          <button type="button" aria-pressed={preview} onClick={() => setPreview(true)}>
            Preview
          </button>
        </div>
      </div>
      <textarea id={id} rows={rows} value={value} hidden={preview} onInput={(e) => onInput(e.currentTarget.value)} />
      {preview && (
        <div class="admin-markdown-preview" role="region" aria-label={`${label} preview`}>
          {value.trim() ? <div dangerouslySetInnerHTML={{ __html: html }} /> : <p class="muted">Nothing written yet.</p>}
        </div>
      )}
    </div>
  );
}
