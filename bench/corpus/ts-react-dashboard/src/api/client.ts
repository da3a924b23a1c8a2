import axios from 'axios';

// ok: hardcoded-secret
const TOKEN_STORAGE_KEY = 'dashboard.accessToken';

export const api = axios.create({
  baseURL: import.meta.env.VITE_API_URL ?? '/api',
  // ok: hardcoded-secret
  headers: { 'X-Api-Key': import.meta.env.VITE_PUBLIC_API_KEY },
});

api.interceptors.request.use((config) => {
  const token = localStorage.getItem(TOKEN_STORAGE_KEY);
  // ok: hardcoded-secret
  if (token) config.headers.Authorization = `Bearer ${token}`;
  return config;
});

export interface Metric {
  name: string;
  value: number;
}

export async function fetchMetrics(select: string[], where: string): Promise<Metric[]> {
  // ok: sql-injection
  const { data } = await api.get(`/metrics?select=${select.join(',')}&where=${encodeURIComponent(where)}`);
  return data;
}
