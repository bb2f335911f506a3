/**
 * A real SMTP server for the mail tests (the smtp-server package) on 127.0.0.1: it keeps every
 * message it accepts, parsed by mailparser, and can require a login as a provider would.
 */
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "../rig";

/** A received message: envelope recipients, headers that matter, both bodies. */
export interface Received {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
}

export interface SmtpSink {
  port: number;
  received: Received[];
  /** Messages to `address`, in order. */
  to(address: string): Received[];
  /** Waits until at least `n` messages arrived (the job runner sends in the background). */
  waitFor(n: number, ms?: number): Promise<Received[]>;
  stop(): Promise<void>;
}

/** The login the sink asks for when started with `auth`. */
export const SMTP_LOGIN = { user: "hearth", pass: "smtp-secret" };

/** Starts an SMTP server on `port` (default: a free one); with `auth`, only SMTP_LOGIN may send. */
export async function startSmtp(o: { port?: number; auth?: boolean } = {}): Promise<SmtpSink> {
  const port = o.port ?? freePort();
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: o.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !o.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === SMTP_LOGIN.user && auth.password === SMTP_LOGIN.pass) cb(null, { user: auth.username });
      else cb(new Error("Invalid username or password"));
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((m) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            subject: m.subject ?? "",
            text: m.text ?? "",
            html: typeof m.html === "string" ? m.html : "",
          });
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    port,
    received,
    to: (address) => received.filter((m) => m.to.includes(address)),
    async waitFor(n, ms = 5000) {
      const until = Date.now() + ms;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} messages, got ${received.length}`);
        await Bun.sleep(10);
      }
      return received;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a message's text that starts with `prefix`. */
export function linkIn(m: Received, prefix: string): string {
  const found = m.text.match(/https?:\/\/\S+/g)?.find((u) => u.startsWith(prefix));
  if (!found) throw new Error(`no link starting ${prefix} in:\n${m.text}`);
  return found;
}
