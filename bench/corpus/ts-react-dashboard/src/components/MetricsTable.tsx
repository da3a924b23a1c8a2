import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchMetrics } from '../api/client';

const COLUMNS = ['name', 'value'];

export function MetricsTable() {
  const [filter, setFilter] = useState('');
  const { data = [], isLoading } = useQuery({
    queryKey: ['metrics', filter],
    // ok: sql-injection
    queryFn: () => fetchMetrics(COLUMNS, `name like ${filter}`),
  });

  if (isLoading) return <p>Loading…</p>;
  return (
    <div>
      <label>
        Select a metric from the list
        <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="password, token, …" />
      </label>
      <table>
        <tbody>
          {data.map((m) => (
            <tr key={m.name}>
              <td>{m.name}</td>
              <td>{m.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
