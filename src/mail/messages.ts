/**
 * The mail Hearth sends, each as plain text plus simple HTML with the instance's name. Builders
 * are pure: callers pass the links (made by model/uris.ts) and get a message for the mail job.
 */
import { esc } from "../text/escape";
import type { MailMessage } from "./transport";

/** What every message knows: the instance's name and the recipient's username. */
export interface MailBase {
  site: string;
  to: string;
  username: string;
}

interface Parts {
  subject: string;
  /** Paragraphs of plain text (escaped for the HTML version). */
  paragraphs: string[];
  /** The one button (a link), if any. */
  action?: { label: string; url: string };
  /** Lines of a list shown after the paragraphs (escaped). */
  list?: string[];
  /** A closing paragraph in small print. */
  footer?: string;
}

function compose(b: MailBase, p: Parts): MailMessage {
  const hello = `Hello @${b.username},`;
  const text = [
    hello,
    ...p.paragraphs,
    ...(p.list?.length ? [p.list.map((l) => `- ${l}`).join("\n")] : []),
    ...(p.action ? [`${p.action.label}: ${p.action.url}`] : []),
    ...(p.footer ? [p.footer] : []),
    `-- \n${b.site}`,
  ].join("\n\n");
  const button = p.action
    ? `<p><a href="${esc(p.action.url)}" style="display:inline-block;padding:10px 16px;background:#563acc;color:#fff;border-radius:4px;text-decoration:none">${esc(p.action.label)}</a></p>
<p style="font-size:13px;color:#555">Or open this link: <a href="${esc(p.action.url)}">${esc(p.action.url)}</a></p>`
    : "";
  const list = p.list?.length ? `<ul>${p.list.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>` : "";
  const html = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${esc(p.subject)}</title></head>
<body style="font-family:sans-serif;line-height:1.5;color:#222;max-width:560px;margin:0 auto;padding:16px">
<p style="font-weight:bold">${esc(b.site)}</p>
<p>${esc(hello)}</p>
${p.paragraphs.map((x) => `<p>${esc(x)}</p>`).join("\n")}
${list}
${button}
${p.footer ? `<p style="font-size:13px;color:#555">${esc(p.footer)}</p>` : ""}
</body></html>`;
  return { to: b.to, subject: `${p.subject} - ${b.site}`, text, html };
}

const NOT_YOU = "If this wasn't you, you can ignore this e-mail.";

/** The sign-up's "confirm your e-mail address" message. */
export function confirmationMail(b: MailBase & { link: string }): MailMessage {
  return compose(b, {
    subject: "Confirm your e-mail address",
    paragraphs: [`You signed up on ${b.site} with this e-mail address. Confirm it to activate your account.`],
    action: { label: "Confirm e-mail address", url: b.link },
    footer: `The link works for two days. ${NOT_YOU}`,
  });
}

/** The password reset link. */
export function resetPasswordMail(b: MailBase & { link: string }): MailMessage {
  return compose(b, {
    subject: "Reset your password",
    paragraphs: [`Someone asked to reset the password of your account on ${b.site}. Follow the link to choose a new one.`],
    action: { label: "Change password", url: b.link },
    footer: `The link works once, for six hours. If you did not ask for this, ignore this e-mail: your password stays as it is.`,
  });
}

/** Sent to the NEW address: follow the link to make it the account's e-mail. */
export function emailChangeMail(b: MailBase & { link: string }): MailMessage {
  return compose(b, {
    subject: "Confirm your new e-mail address",
    paragraphs: [`You asked to use this address for your account on ${b.site}. It takes effect once you follow the link.`],
    action: { label: "Confirm e-mail address", url: b.link },
    footer: `The link works for two days. ${NOT_YOU}`,
  });
}

/** Sent to the OLD address when a change to `newEmail` is asked for. */
export function emailChangingMail(b: MailBase & { newEmail: string; securityLink: string }): MailMessage {
  return compose(b, {
    subject: "Your e-mail address is being changed",
    paragraphs: [
      `The e-mail address of your account on ${b.site} is being changed to ${b.newEmail}. It changes once the link sent to that address is followed.`,
      "If you did not ask for this, change your password now and check your account's security settings.",
    ],
    action: { label: "Account security", url: b.securityLink },
  });
}

/** Security notice: the password was changed. */
export function passwordChangedMail(b: MailBase & { securityLink: string }): MailMessage {
  return compose(b, {
    subject: "Your password was changed",
    paragraphs: [`The password of your account on ${b.site} was changed.`, "If this wasn't you, reset your password at once."],
    action: { label: "Account security", url: b.securityLink },
  });
}

/** Security notice: two-factor authentication was turned on or off. */
export function twoFactorMail(b: MailBase & { enabled: boolean; securityLink: string }): MailMessage {
  const what = b.enabled ? "enabled" : "disabled";
  return compose(b, {
    subject: `Two-factor authentication ${what}`,
    paragraphs: [
      `Two-factor authentication was ${what} for your account on ${b.site}.`,
      b.enabled
        ? "Logging in now asks for a code from your authenticator app. Keep your recovery codes somewhere safe."
        : "Logging in now needs only your password. If this wasn't you, change your password at once.",
    ],
    action: { label: "Account security", url: b.securityLink },
  });
}

/** Security notice: a sign-in from an address or browser not seen before. */
export function newSignInMail(b: MailBase & { ip: string; browser: string; at: number; securityLink: string }): MailMessage {
  return compose(b, {
    subject: "New sign-in to your account",
    paragraphs: [`Your account on ${b.site} was just signed in to from an address or browser it has not been used from before.`],
    list: [`IP address: ${b.ip}`, `Browser: ${b.browser}`, `Time: ${new Date(b.at).toUTCString()}`],
    action: { label: "Account security", url: b.securityLink },
    footer: "If this was you, there is nothing to do. If not, change your password and log out the sessions you do not know.",
  });
}

/** A line of the digest. */
export interface DigestLine {
  who: string;
  type: string;
  excerpt: string | null;
}

const VERBS: Record<string, string> = {
  mention: "mentioned you",
  status: "posted",
  reblog: "boosted your post",
  follow: "followed you",
  follow_request: "asked to follow you",
  favourite: "favourited your post",
  poll: "a poll you voted in or created has ended",
  update: "edited a post you interacted with",
  quote: "quoted your post",
};

/** The notification digest: what happened while the user was away. */
export function digestMail(b: MailBase & { lines: DigestLine[]; total: number; link: string }): MailMessage {
  const list = b.lines.map((l) => {
    const verb = VERBS[l.type] ?? `(${l.type.replace(/[._]/g, " ")})`;
    return `${l.who} ${verb}${l.excerpt ? `: “${l.excerpt}”` : ""}`;
  });
  const more = b.total - b.lines.length;
  return compose(b, {
    subject: `${b.total} new notification${b.total === 1 ? "" : "s"} since your last visit`,
    paragraphs: [
      `Here is what happened on ${b.site} while you were away.`,
      ...(more > 0 ? [`The newest ${b.lines.length} are listed; ${more} more are waiting.`] : []),
    ],
    list,
    action: { label: "See your notifications", url: b.link },
    footer: "You get this e-mail because notification digests are on. Turn them off under Account security.",
  });
}

/** Mastodon's AdminMailer#new_trends: items that trend above the reviewed ones and wait for review. */
export function newTrendsMail(b: MailBase & { tags: string[]; links: string[]; statuses: string[]; link: string }): MailMessage {
  const total = b.tags.length + b.links.length + b.statuses.length;
  return compose(b, {
    subject: `New trends up for review`,
    paragraphs: [
      `${total} new trending item${total === 1 ? "" : "s"} on ${b.site} need${total === 1 ? "s" : ""} review before ${total === 1 ? "it is" : "they are"} shown publicly.`,
    ],
    list: [...b.tags.map((t) => `Hashtag #${t}`), ...b.links.map((l) => `Link: ${l}`), ...b.statuses.map((x) => `Post: ${x}`)],
    action: { label: "Review trends", url: b.link },
    footer: "You get this e-mail because your role lets you review trends.",
  });
}
