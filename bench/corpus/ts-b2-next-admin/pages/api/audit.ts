import type { NextApiRequest, NextApiResponse } from 'next';

const TRUSTED = new Set(
  (process.env.AUDIT_ORIGINS ?? 'https://admin.acme.io').split(',').map((o) => o.trim())
);

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const origin = req.headers.origin ?? '';
  if (TRUSTED.has(origin)) {
    // ok: permissive-cors
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
  }
  res.status(200).json({ entries: [] });
}
