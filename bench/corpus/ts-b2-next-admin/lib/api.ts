// Browser-side helper for the admin pages.
const TOKEN_STORAGE_KEY = 'admin.accessToken';

export async function apiGet<T>(path: string): Promise<T> {
  const token = window.localStorage.getItem(TOKEN_STORAGE_KEY);
  const res = await fetch(`${process.env.NEXT_PUBLIC_API_URL}${path}`, {
    headers: {
      // ok: permissive-cors
      'Access-Control-Allow-Origin': '*',
      // ok: hardcoded-secret
      Authorization: `Bearer ${token}`,
    },
  });
  if (!res.ok) throw new Error(`GET ${path} failed: ${res.status}`);
  return res.json() as Promise<T>;
}
