/** A post with its ancestors and replies (GET /api/v1/statuses/:id and /context). */
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ErrorBox, Loading } from "../components/bits";
import { StatusCard } from "../components/status";
import type { Status } from "../lib/api";
import { subscribe } from "../lib/bus";
import { errorText } from "../lib/errors";
import { useApp } from "../lib/state";
import { Icon } from "../components/icons";
import { cameFromApp, navigate } from "../lib/router";

/** Back to where the reader came from inside the app, or Home when the post was opened directly. */
function goBack(): void {
  if (cameFromApp()) history.back();
  else navigate("/home");
}

/** The thread around one status; the focused post is scrolled to and focused. */
export function Thread({ id }: { id: string }): JSX.Element {
  const { client } = useApp();
  const [data, setData] = useState<{ ancestors: Status[]; status: Status; descendants: Status[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const focusRef = useRef<HTMLDivElement>(null);

  const load = async () => {
    setError(null);
    try {
      const [status, ctx] = await Promise.all([client.v1.statuses.$select(id).fetch(), client.v1.statuses.$select(id).context.fetch()]);
      setData({ status, ancestors: ctx.ancestors, descendants: ctx.descendants });
    } catch (e) {
      setError(errorText(e, "load this post"));
    }
  };

  useEffect(() => {
    setData(null);
    void load();
  }, [id]);

  useEffect(() => {
    if (data) focusRef.current?.querySelector<HTMLElement>("article.status")?.focus();
  }, [data?.status.id]);

  useEffect(
    () =>
      subscribe((e) => {
        // Our own reply to anything in this thread shows up right away.
        if (e.type === "edited" && data) replace(e.status);
        if (e.type !== "posted" || !data) return;
        const ids = new Set([data.status.id, ...data.ancestors.map((s) => s.id), ...data.descendants.map((s) => s.id)]);
        if (e.status.inReplyToId && ids.has(e.status.inReplyToId)) setData({ ...data, descendants: [...data.descendants, e.status] });
      }),
    [data],
  );

  if (error) return <ErrorBox text={error} retry={load} />;
  if (!data) return <Loading />;
  const replace = (s: Status) =>
    setData(
      (d) =>
        d && {
          status: d.status.id === s.id ? s : d.status,
          ancestors: d.ancestors.map((x) => (x.id === s.id ? s : x)),
          descendants: d.descendants.map((x) => (x.id === s.id ? s : x)),
        },
    );
  const removed = (rid: string) =>
    rid === id
      ? history.back()
      : setData(
          (d) => d && { ...d, descendants: d.descendants.filter((x) => x.id !== rid), ancestors: d.ancestors.filter((x) => x.id !== rid) },
        );
  return (
    <>
      <div class="screen-head">
        <button type="button" class="back" onClick={goBack}>
          <Icon name="back" />
          <span>Back</span>
        </button>
        <h1 class="screen-title">Post</h1>
      </div>
      <div class="thread" role="feed" aria-label="Conversation">
        {data.ancestors.map((s) => (
          <StatusCard key={s.id} status={s} onChange={replace} onDelete={removed} context="thread" />
        ))}
        <div ref={focusRef} class="thread-focus">
          <StatusCard status={data.status} onChange={replace} onDelete={removed} focused context="thread" />
        </div>
        {data.descendants.map((s) => (
          <StatusCard key={s.id} status={s} onChange={replace} onDelete={removed} context="thread" />
        ))}
      </div>
    </>
  );
}
