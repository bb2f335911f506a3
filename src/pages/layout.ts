/** Server-rendered HTML helpers: escaping, one page layout, and HTML responses with safe headers. */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and quoted attribute values. */
export function esc(v: unknown): string {
  return String(v ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f1ec;color:#1f1b16;margin:0;line-height:1.5}
main{max-width:28rem;margin:3rem auto;padding:1.5rem 2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:1.4rem;margin-top:0}label{display:block;font-weight:600;margin-top:1rem}
input[type=text],input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #8a8178;border-radius:6px}
button{font-size:1rem;padding:.6rem 1.2rem;margin:1.2rem .5rem 0 0;border-radius:6px;border:1px solid #6b3d12;cursor:pointer}
button.primary{background:#8a4b14;color:#fff}button.secondary{background:#fff;color:#6b3d12}
.error{background:#fde8e6;color:#8b1a10;padding:.6rem .8rem;border-radius:6px}
code,pre{background:#f0ebe4;padding:.15rem .35rem;border-radius:4px;word-break:break-all}
ul.scopes li{margin:.2rem 0}.muted{color:#5c544b;font-size:.9rem}a{color:#8a4b14}
@media (prefers-color-scheme:dark){body{background:#1d1a17;color:#eee6dc}main{background:#2a2622}code,pre{background:#3a342e}a{color:#f0b27a}
input[type=text],input[type=email],input[type=password]{background:#1d1a17;color:#eee6dc}.muted{color:#b9ae9f}.error{background:#4a1d18;color:#ffd9d3}}
`;

/** A complete HTML document; `body` must already be escaped. */
export function layout(title: string, body: string, lang = "en"): string {
  return `<!DOCTYPE html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** An HTML response that cannot be framed or cached; `cookies` are Set-Cookie values. */
export function htmlResponse(html: string, status = 200, cookies: string[] = [], headers: Record<string, string> = {}): Response {
  const h = new Headers({
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'",
    "Referrer-Policy": "no-referrer",
    ...headers,
  });
  for (const c of cookies) h.append("Set-Cookie", c);
  return new Response(html, { status, headers: h });
}

/** A redirect response (302 by default) with optional Set-Cookie values. */
export function redirectResponse(location: string, status = 302, cookies: string[] = []): Response {
  const h = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const c of cookies) h.append("Set-Cookie", c);
  return new Response(null, { status, headers: h });
}

/** Hidden inputs for a form (names and values escaped). */
export function hidden(fields: Record<string, string>): string {
  return Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join("\n");
}

/** The username/password form shared by the OAuth login and the account security sign-in. */
export function loginForm(action: string, fields: Record<string, string>, login = ""): string {
  return `<form method="post" action="${esc(action)}">
${hidden(fields)}
<label for="login">Email address or username</label>
<input type="text" id="login" name="login" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${esc(login)}">
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit" class="primary">Log in</button>
</form>`;
}
