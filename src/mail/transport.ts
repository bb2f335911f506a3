/**
 * Sends one message over SMTP with nodemailer (a long-lived AppContext member, like the outbound
 * fetcher). nodemailer is loaded on the first send, so an instance without mail never pays for it.
 */
import type { SmtpConfig } from "../config";

/** A message as the mail job carries it: built when the job is enqueued. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends mail; throws when the server does not accept it (the job then retries with backoff). */
export interface Mailer {
  send(msg: MailMessage): Promise<void>;
}

/** A mailer for the configured SMTP server: port 465 speaks TLS at once, others upgrade with STARTTLS when offered. */
export function createMailer(smtp: SmtpConfig): Mailer {
  let transport: Promise<import("nodemailer").Transporter> | null = null;
  const open = async () => {
    const nodemailer = (await import("nodemailer")).default;
    return nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.port === 465,
      auth: smtp.login !== null ? { user: smtp.login, pass: smtp.password ?? "" } : undefined,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
  };
  return {
    async send(msg) {
      transport ??= open();
      const t = await transport;
      const info = await t.sendMail({ from: smtp.from, to: msg.to, subject: msg.subject, text: msg.text, html: msg.html });
      if (info.rejected?.length) throw new Error(`the SMTP server refused ${info.rejected.join(", ")}`);
    },
  };
}
