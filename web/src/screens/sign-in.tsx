/** The signed-out screens: a welcome with "Sign in", and the OAuth callback that finishes it. */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Instance } from "../lib/api";
import { errorText } from "../lib/errors";
import { beginSignIn, finishSignIn } from "../lib/oauth";
import { navigate } from "../lib/router";

/** Welcome page for a signed-out visitor. */
export function SignIn({ instance, message, returnTo }: { instance: Instance | null; message?: string; returnTo: string }): JSX.Element {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      await beginSignIn(returnTo);
    } catch (e) {
      setError(errorText(e, "start signing in"));
      setBusy(false);
    }
  };
  return (
    <main id="main" class="welcome" tabIndex={-1}>
      <img src="/icon.svg" alt="" width={72} height={72} />
      <h1>{instance?.title || "Hearth"}</h1>
      {instance?.description && <p class="lede">{instance.description}</p>}
      {message && (
        <p role="alert" class="error-text">
          {message}
        </p>
      )}
      <button type="button" class="primary big" onClick={go} disabled={busy}>
        {busy ? "Opening sign-in…" : "Sign in"}
      </button>
      {error && (
        <p role="alert" class="error-text">
          {error}
        </p>
      )}
      <p class="muted">{instance?.domain ? `This server is ${instance.domain}. ` : ""}You can also use any Mastodon app with it.</p>
    </main>
  );
}

/** /oauth-callback: exchanges the code for a token, then reloads into the app. */
export function OAuthCallback({ onSignedIn }: { onSignedIn: () => void }): JSX.Element {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    finishSignIn(new URLSearchParams(location.search))
      .then((to) => {
        navigate(to, true);
        onSignedIn();
      })
      .catch((e) => setError(errorText(e, "sign in")));
  }, []);
  return (
    <main id="main" class="welcome" tabIndex={-1}>
      <h1>Signing in…</h1>
      {error ? (
        <>
          <p role="alert" class="error-text">
            {error}
          </p>
          <button
            type="button"
            class="primary"
            onClick={() => {
              navigate("/", true);
              location.reload();
            }}
          >
            Back to the start
          </button>
        </>
      ) : (
        <p role="status">Finishing sign-in with the server.</p>
      )}
    </main>
  );
}
