/**
 * Administration › Dashboard (POST /api/v1/admin/measures and /api/v1/admin/dimensions, View
 * Dashboard): the main measures over the last 7 or 30 days with the change against the period
 * before and a small daily chart, then the dimensions (languages, sign-up sources, servers,
 * space used, software versions), then the sign-up cohorts' retention (./retention.tsx).
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ErrorBox, Loading } from "../../components/bits";
import { errorText } from "../../lib/errors";
import { useApp } from "../../lib/state";
import { adminFetch } from "./http";
import { Retention } from "./retention";

interface Measure {
  key: string;
  unit: string | null;
  total: string;
  human_value?: string;
  previous_total?: string;
  data: { date: string; value: string }[];
}
interface Dimension {
  key: string;
  data: { key: string; human_key: string; value: string; human_value?: string }[];
}

const MEASURES: [string, string][] = [
  ["new_users", "New users"],
  ["active_users", "Active users"],
  ["interactions", "Interactions"],
  ["opened_reports", "Reports opened"],
  ["resolved_reports", "Reports resolved"],
];
const DIMENSIONS: [string, string][] = [
  ["languages", "Languages of local posts"],
  ["sources", "Sign-up sources"],
  ["servers", "Most active servers"],
  ["space_usage", "Space used"],
  ["software_versions", "Software"],
];

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The dashboard page. */
export function Dashboard(): JSX.Element {
  const app = useApp();
  const [days, setDays] = useState(30);
  const [measures, setMeasures] = useState<Measure[] | null>(null);
  const [dims, setDims] = useState<Dimension[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setError(null);
    setMeasures(null);
    const end = new Date();
    const start = new Date(end.getTime() - (days - 1) * 86_400_000);
    const range = { start_at: day(start), end_at: day(end) };
    try {
      const [m, d] = await Promise.all([
        adminFetch<Measure[]>(app.token, "POST", "/api/v1/admin/measures", "load the measures", {
          keys: MEASURES.map((x) => x[0]),
          ...range,
        }),
        adminFetch<Dimension[]>(app.token, "POST", "/api/v1/admin/dimensions", "load the dimensions", {
          keys: DIMENSIONS.map((x) => x[0]),
          limit: 8,
          ...range,
        }),
      ]);
      setMeasures(m);
      setDims(d);
    } catch (e) {
      setError(errorText(e, "load the dashboard"));
    }
  };
  useEffect(() => void load(), [days]);

  return (
    <section aria-labelledby="admin-dash-title">
      <h2 id="admin-dash-title" class="admin-subtitle">
        Dashboard
      </h2>
      <div class="admin-switch" role="group" aria-label="Period">
        {[7, 30].map((n) => (
          <button key={n} type="button" aria-pressed={days === n} onClick={() => setDays(n)}>
            Last {n} days
          </button>
        ))}
      </div>
      {error && <ErrorBox text={error} retry={() => void load()} />}
      {!error && !measures && <Loading />}
      {measures && (
        <ul class="admin-measures" aria-label="Measures">
          {MEASURES.map(([key, label]) => {
            const m = measures.find((x) => x.key === key);
            return m ? <MeasureCard key={key} m={m} label={label} /> : null;
          })}
        </ul>
      )}
      {measures && dims && (
        <div class="admin-dimensions">
          {DIMENSIONS.map(([key, label]) => {
            const d = dims.find((x) => x.key === key);
            if (!d) return null;
            return (
              <div key={key} class="admin-item admin-dimension">
                <h3 id={`dim-${key}`}>{label}</h3>
                {d.data.length ? (
                  <table aria-labelledby={`dim-${key}`}>
                    <tbody>
                      {d.data.map((r) => (
                        <tr key={r.key}>
                          <th scope="row">{r.human_key}</th>
                          <td>{r.human_value ?? r.value}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : (
                  <p class="muted">Nothing in this period.</p>
                )}
              </div>
            );
          })}
        </div>
      )}
      <Retention />
    </section>
  );
}

function MeasureCard({ m, label }: { m: Measure; label: string }): JSX.Element {
  const total = Number(m.total);
  const prev = m.previous_total === undefined ? null : Number(m.previous_total);
  const change = prev === null ? null : prev === 0 ? (total === 0 ? 0 : null) : Math.round(((total - prev) / prev) * 100);
  const values = m.data.map((d) => Number(d.value));
  const max = Math.max(1, ...values);
  const w = 100 / Math.max(1, values.length);
  return (
    <li class="admin-item admin-measure">
      <span class="admin-measure-label">{label}</span>
      <span class="admin-measure-value">{m.human_value ?? total.toLocaleString()}</span>
      {prev !== null && (
        <span class="muted">
          {change === null ? `up from 0` : `${change >= 0 ? "+" : ""}${change}%`} against the period before ({prev.toLocaleString()})
        </span>
      )}
      <svg class="admin-spark" viewBox="0 0 100 24" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        {values.map((v, i) => (
          <rect key={i} x={i * w + w * 0.1} width={w * 0.8} y={24 - (v / max) * 24} height={(v / max) * 24} />
        ))}
      </svg>
    </li>
  );
}
