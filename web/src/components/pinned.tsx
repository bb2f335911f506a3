/** Pinned ("featured") posts at the top of a profile, from GET /api/v1/accounts/:id/statuses?pinned=true. */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Status } from "../lib/api";
import { subscribe } from "../lib/bus";
import { errorText } from "../lib/errors";
import { useApp } from "../lib/state";
import { ErrorBox } from "./bits";
import { StatusCard } from "./status";

/** The account's pinned posts, or nothing when there are none; follows pins made in this tab. */
export function PinnedPosts({ accountId }: { accountId: string }): JSX.Element | null {
  const app = useApp();
  const [items, setItems] = useState<Status[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setError(null);
    try {
      setItems(await app.client.v1.accounts.$select(accountId).statuses.list({ pinned: true, limit: 20 }));
    } catch (e) {
      setError(errorText(e, "load the pinned posts"));
    }
  };
  useEffect(() => {
    setItems([]);
    void load();
    return subscribe((e) => {
      if (e.type !== "pinned" || e.status.account.id !== accountId) return;
      const st = e.status as Status;
      setItems((cur) => (st.pinned ? [st, ...cur.filter((x) => x.id !== st.id)] : cur.filter((x) => x.id !== st.id)));
    });
  }, [accountId]);

  if (error) return <ErrorBox text={error} retry={load} />;
  if (!items.length) return null;
  return (
    <section class="pinned-posts" aria-labelledby="pinned-title">
      <h2 id="pinned-title">Pinned posts</h2>
      <div class="thread">
        {items.map((st) => (
          <StatusCard
            key={st.id}
            status={st}
            context="account"
            onChange={(n) => setItems((cur) => cur.map((x) => (x.id === n.id ? n : x)))}
            onDelete={(id) => setItems((cur) => cur.filter((x) => x.id !== id))}
          />
        ))}
      </div>
    </section>
  );
}
