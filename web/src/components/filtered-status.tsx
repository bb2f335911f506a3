/** The collapsed stand-in for a post that matches a "warn" filter: which filters, and a way to show it anyway. */
import type { JSX } from "preact";
import "../screens/filters.css";

/** A focusable placeholder article saying "Filtered: <titles>" with a "Show anyway" button. */
export function FilteredStatus({
  id,
  titles,
  onShow,
  pos,
  size,
}: {
  id: string;
  titles: string[];
  onShow: () => void;
  pos?: number;
  size?: number;
}): JSX.Element {
  const what = titles.join(", ");
  return (
    <article
      class="status filtered-status"
      tabIndex={0}
      aria-label={`Filtered: ${what}`}
      aria-posinset={pos}
      aria-setsize={size}
      data-id={id}
    >
      <p>
        Filtered: <strong>{what}</strong>
      </p>
      <button type="button" onClick={onShow} aria-label={`Show anyway (filtered: ${what})`}>
        Show anyway
      </button>
    </article>
  );
}
