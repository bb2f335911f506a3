/**
 * The Dashboard's retention table (POST /api/v1/admin/retention, View Dashboard): one row per
 * sign-up cohort (day or month) with the share of its accounts active in each later period.
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ErrorBox, Loading } from "../../components/bits";
import { errorText } from "../../lib/errors";
import { useApp } from "../../lib/state";
import { adminFetch } from "./http";

interface Cohort {
  period: string;
  frequency: "day" | "month";
  data: { date: string; rate: number; value: string }[];
}

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Labels a cohort's period: "7 Dec" for days, "Dec 2026" for months (UTC). */
function periodName(p: string, frequency: "day" | "month"): string {
  const d = new Date(p);
  return frequency === "day"
    ? d.toLocaleDateString(undefined, { day: "numeric", month: "short", timeZone: "UTC" })
    : d.toLocaleDateString(undefined, { month: "short", year: "numeric", timeZone: "UTC" });
}

/** The retention table: the last 7 days by day, or the last 6 months by month. */
export function Retention(): JSX.Element {
  const app = useApp();
  const [frequency, setFrequency] = useState<"day" | "month">("day");
  const [cohorts, setCohorts] = useState<Cohort[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setError(null);
    setCohorts(null);
    const now = Date.now();
    let start: string;
    if (frequency === "day") start = iso(now - 6 * DAY);
    else {
      const d = new Date(now);
      start = iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 5, 1));
    }
    try {
      setCohorts(
        await adminFetch<Cohort[]>(app.token, "POST", "/api/v1/admin/retention", "load the retention figures", {
          start_at: start,
          end_at: iso(now),
          frequency,
        }),
      );
    } catch (e) {
      setError(errorText(e, "load the retention figures"));
    }
  };
  useEffect(() => void load(), [frequency]);

  const width = cohorts?.length ?? 0;
  // The columns are named after the cohorts on screen, not the button just pressed: until the new
  // figures arrive the old ones stay labelled as what they are.
  const shown = cohorts?.[0]?.frequency ?? frequency;
  const anyone = cohorts?.some((c) => Number(c.data[0]?.value ?? 0) > 0) ?? false;
  return (
    <div class="admin-item admin-retention">
      <h3 id="admin-retention-title">Retention</h3>
      <p class="muted">Of the people who signed up in each period, the share still active in the periods after.</p>
      <div class="admin-switch" role="group" aria-label="Retention by">
        {(["day", "month"] as const).map((f) => (
          <button key={f} type="button" aria-pressed={frequency === f} onClick={() => setFrequency(f)}>
            {f === "day" ? "By day (this week)" : "By month (half a year)"}
          </button>
        ))}
      </div>
      {error && <ErrorBox text={error} retry={() => void load()} />}
      {!error && !cohorts && <Loading />}
      {cohorts && !anyone && <p class="empty">No one signed up in this period.</p>}
      {cohorts && anyone && (
        <div class="admin-retention-scroll" role="region" aria-labelledby="admin-retention-title" tabIndex={0}>
          <table aria-labelledby="admin-retention-title">
            <thead>
              <tr>
                <th scope="col">Signed up</th>
                <th scope="col">People</th>
                {Array.from({ length: width - 1 }, (_, i) => (
                  <th key={i} scope="col">
                    {shown === "day" ? `Day ${i + 1}` : `Month ${i + 1}`}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {cohorts.map((c) => (
                <tr key={c.period}>
                  <th scope="row">{periodName(c.period, c.frequency)}</th>
                  <td>{Number(c.data[0]?.value ?? 0).toLocaleString()}</td>
                  {Array.from({ length: width - 1 }, (_, i) => {
                    const cell = c.data[i + 1];
                    if (!cell) return <td key={i} />;
                    const pct = Math.round(cell.rate * 100);
                    return (
                      <td key={i} title={`${cell.value} of ${c.data[0]?.value ?? 0}`}>
                        {pct}%
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
