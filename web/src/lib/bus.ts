/** An in-page event bus: the shared user stream and local events (a post was made) fan out here. */

const target = new EventTarget();

export type BusEvent =
  | { type: "stream"; stream: string; event: string; payload: any }
  | { type: "posted"; status: any }
  | { type: "pinned"; status: any }
  | { type: "edited"; status: any }
  | { type: "deleted"; id: string };

/** Publishes an event to every subscriber. */
export function emit(e: BusEvent): void {
  target.dispatchEvent(new CustomEvent("e", { detail: e }));
}

/** Subscribes; returns the unsubscribe function. */
export function subscribe(fn: (e: BusEvent) => void): () => void {
  const l = (ev: Event) => fn((ev as CustomEvent<BusEvent>).detail);
  target.addEventListener("e", l);
  return () => target.removeEventListener("e", l);
}
