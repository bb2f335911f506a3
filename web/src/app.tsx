/**
 * The app shell: loads the session and instance, holds app-wide state, keeps the user stream
 * open, and routes between screens with focus moved to each new screen's heading.
 */
import type { JSX } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { Loading } from "./components/bits";
import { Compose } from "./components/compose";
import { Nav } from "./components/nav";
import { limitsOf, makeClient, streamingBase, type Account, type Instance, type Status } from "./lib/api";
import { emit } from "./lib/bus";
import { errorText } from "./lib/errors";
import { installHotkeys } from "./lib/hotkeys";
import { signOut as oauthSignOut } from "./lib/oauth";
import { navigate, useLocation } from "./lib/router";
import { loadSession, saveSession } from "./lib/session";
import { AppContext, type AppState, type Editing } from "./lib/state";
import { openStream } from "./lib/streaming";
import { Routes } from "./routes";
import { OAuthCallback, SignIn } from "./screens/sign-in";

const WIDE = "(min-width: 960px)";

/** Root component: signed-out, signing-in or the signed-in shell. */
export function App(): JSX.Element {
  const loc = useLocation();
  const [session, setSession] = useState(loadSession);
  const [instance, setInstance] = useState<Instance | null>(null);
  const [me, setMe] = useState<Account | null>(null);
  const [bootError, setBootError] = useState<string | null>(null);
  const [signedOutMessage, setSignedOutMessage] = useState<string | undefined>();
  const client = useMemo(() => makeClient(session?.accessToken), [session?.accessToken]);

  useEffect(() => {
    makeClient()
      .v2.instance.fetch()
      .then(setInstance, () => setInstance(null));
  }, []);

  useEffect(() => {
    if (!session) return;
    setBootError(null);
    client.v1.accounts.verifyCredentials().then(setMe, (e) => {
      if ((e as any)?.statusCode === 401) {
        saveSession(null);
        setSession(null);
        setSignedOutMessage("Your session has ended. Please sign in again.");
      } else setBootError(errorText(e, "load your account"));
    });
  }, [session?.accessToken]);

  if (loc.pathname === "/oauth-callback") return <OAuthCallback onSignedIn={() => setSession(loadSession())} />;
  if (!session)
    return <SignIn instance={instance} message={signedOutMessage} returnTo={loc.pathname === "/" ? "/home" : loc.pathname + loc.search} />;
  if (bootError) {
    return (
      <main id="main" class="welcome">
        <h1>Hearth</h1>
        <p role="alert" class="error-text">
          {bootError}
        </p>
        <button type="button" class="primary" onClick={() => location.reload()}>
          Try again
        </button>
      </main>
    );
  }
  if (!me)
    return (
      <main id="main" class="welcome">
        <Loading label="Loading your account…" />
      </main>
    );
  return (
    <Shell
      me={me}
      setMe={setMe}
      instance={instance}
      token={session.accessToken}
      client={client}
      onSignOut={() => {
        setMe(null);
        setSession(null);
        setSignedOutMessage(undefined);
      }}
    />
  );
}

interface ShellProps {
  me: Account;
  setMe(a: Account): void;
  instance: Instance | null;
  token: string;
  client: AppState["client"];
  onSignOut(): void;
}

function useMedia(q: string): boolean {
  const [m, setM] = useState(() => matchMedia(q).matches);
  useEffect(() => {
    const mq = matchMedia(q);
    // Settle first: a brief flip (a resize in progress, a full-page capture) must not move the
    // composer between columns, which would remount it and lose open panels.
    let t: ReturnType<typeof setTimeout> | undefined;
    const l = () => {
      clearTimeout(t);
      t = setTimeout(() => setM(mq.matches), 250);
    };
    mq.addEventListener("change", l);
    return () => {
      clearTimeout(t);
      mq.removeEventListener("change", l);
    };
  }, [q]);
  return m;
}

function Shell({ me, setMe, instance, token, client, onSignOut }: ShellProps): JSX.Element {
  const loc = useLocation();
  const wide = useMedia(WIDE);
  const [toast, setToast] = useState<{ text: string; kind: "info" | "error"; n: number } | null>(null);
  const [unread, setUnread] = useState(0);
  const [replyTo, setReplyTo] = useState<Status | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [quoting, setQuoting] = useState<Status | null>(null);
  const [help, setHelp] = useState(false);
  const [streamUp, setStreamUp] = useState(true);
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  const state: AppState = {
    client,
    token,
    me,
    instance,
    limits: limitsOf(instance),
    streamBase: streamingBase(instance),
    setMe,
    toast: (text, kind = "info") => setToast({ text, kind, n: Date.now() }),
    unread,
    clearUnread: () => setUnread(0),
    replyTo,
    reply: (s) => {
      setEditing(null);
      setReplyTo(s);
      if (!matchMedia(WIDE).matches) navigate("/compose");
    },
    clearReply: () => setReplyTo(null),
    editing,
    edit: (e) => {
      setReplyTo(null);
      setEditing(e);
      if (!matchMedia(WIDE).matches) navigate("/compose");
    },
    clearEdit: () => setEditing(null),
    quoting,
    quote: (s) => {
      setEditing(null);
      setQuoting(s);
      if (!matchMedia(WIDE).matches) navigate("/compose");
    },
    clearQuote: () => setQuoting(null),
    signOut: async () => {
      await oauthSignOut();
      navigate("/", true);
      onSignOut();
    },
  };

  useEffect(() => {
    const h = openStream(
      streamingBase(instance),
      token,
      "user",
      {},
      (e) => {
        emit({ type: "stream", stream: "user", event: e.event, payload: e.payload });
        if (e.event === "notification" && location.pathname !== "/notifications") setUnread((n) => n + 1);
      },
      setStreamUp,
    );
    return () => h.close();
  }, [token, instance]);

  useEffect(() => installHotkeys(() => setHelp(true)), []);

  useEffect(() => {
    if (loc.pathname === "/") navigate("/home", true);
  }, [loc.pathname]);

  // On each new screen, move focus to its heading so screen readers announce it.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo({ top: 0 });
    requestAnimationFrame(() => {
      const h = mainRef.current?.querySelector<HTMLElement>("h1");
      if (h) {
        h.tabIndex = -1;
        h.focus({ preventScroll: true });
      }
    });
  }, [loc.pathname]);

  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast(null), toast.kind === "error" ? 8000 : 4000);
    return () => clearTimeout(t);
  }, [toast?.n]);

  const composeInAside = wide && loc.pathname !== "/compose";
  return (
    <AppContext.Provider value={state}>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <div class={`layout${wide ? " wide" : ""}`}>
        <Nav unread={unread} wide={wide} />
        <main id="main" ref={mainRef} tabIndex={-1}>
          {!streamUp && (
            <p class="offline" role="status">
              Live updates are reconnecting…
            </p>
          )}
          <Routes loc={loc} />
        </main>
        {composeInAside && (
          <aside class="compose-aside" aria-label="New post">
            <h2 class="visually-hidden">New post</h2>
            <Compose />
          </aside>
        )}
      </div>
      <div
        class={`toast${toast ? ` show ${toast.kind}` : ""}`}
        role={toast?.kind === "error" ? "alert" : "status"}
        aria-live={toast?.kind === "error" ? "assertive" : "polite"}
      >
        {toast?.text}
      </div>
      {help && <HotkeyHelp onClose={() => setHelp(false)} />}
    </AppContext.Provider>
  );
}

function HotkeyHelp({ onClose }: { onClose(): void }): JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => ref.current?.showModal?.(), []);
  const keys: [string, string][] = [
    ["j / k", "Next / previous post"],
    ["n", "Write a new post"],
    ["r", "Reply"],
    ["f", "Favourite"],
    ["b", "Boost"],
    ["o or Enter", "Open the post"],
    ["Esc", "Leave the text box"],
    ["?", "This help"],
  ];
  return (
    <dialog ref={ref} class="help" aria-labelledby="help-title" onClose={onClose}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <dl>
        {keys.map(([k, v]) => (
          <div key={k}>
            <dt>
              <kbd>{k}</kbd>
            </dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button autoFocus>Close</button>
      </form>
    </dialog>
  );
}
