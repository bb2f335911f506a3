/**
 * One list: its timeline (GET /api/v1/timelines/list/:id) with live updates from the `list`
 * stream behind the "new posts" bar, its settings, and a "Manage members" panel.
 */
import type { JSX } from "preact";
import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import { ErrorBox, Loading } from "../components/bits";
import { Feed } from "../components/feed";
import { ListMembers } from "../components/list-members";
import { ListSettings, type List } from "../components/list-settings";
import { errorText } from "../lib/errors";
import { useApp } from "../lib/state";
import "./lists.css";

/** The list screen for list `id`. */
export function ListTimeline({ id }: Record<string, string>): JSX.Element {
  const app = useApp();
  const [list, setList] = useState<List | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [panel, setPanel] = useState<"members" | "settings" | null>(null);
  // Bumped after members change so the feed reloads with their posts (or without them).
  const [version, setVersion] = useState(0);

  const load = async () => {
    setError(null);
    try {
      setList(await app.client.v1.lists.$select(id!).fetch());
    } catch (e) {
      setError(errorText(e, "load this list"));
    }
  };
  useEffect(() => {
    setList(null);
    setPanel(null);
    void load();
  }, [id]);

  const source = useCallback(() => app.client.v1.timelines.list.$select(id!).list({ limit: 20 }), [id, app.client, version]);
  const stream = useMemo(() => ({ name: "list", params: { list: id! } }), [id]);

  if (error)
    return (
      <>
        <h1 class="screen-title">List</h1>
        <ErrorBox text={error} retry={load} />
      </>
    );
  if (!list) return <Loading />;
  const toggle = (p: "members" | "settings") => setPanel(panel === p ? null : p);
  return (
    <>
      <p class="list-back">
        <a href="/lists" data-route>
          ← All lists
        </a>
      </p>
      <h1 class="screen-title">{list.title}</h1>
      <div class="list-toolbar">
        <button type="button" aria-expanded={panel === "members"} aria-controls="list-members" onClick={() => toggle("members")}>
          Manage members
        </button>
        <button type="button" aria-expanded={panel === "settings"} onClick={() => toggle("settings")}>
          List settings
        </button>
      </div>
      {panel === "settings" && (
        <ListSettings
          list={list}
          onSaved={(l) => {
            setList(l);
            setPanel(null);
          }}
          onCancel={() => setPanel(null)}
        />
      )}
      {panel === "members" && <ListMembers listId={list.id} title={list.title} onChange={() => setVersion((v) => v + 1)} />}
      <Feed
        key={id}
        source={source}
        stream={stream}
        context="home"
        label={`Posts in ${list.title}`}
        doing="load this list"
        empty="No posts in this list yet. Use “Manage members” to add people you follow."
      />
    </>
  );
}
