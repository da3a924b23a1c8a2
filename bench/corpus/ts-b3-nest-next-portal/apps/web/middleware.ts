import { NextRequest, NextResponse } from 'next/server';

const ALLOWED_ORIGINS = new Set(
  (process.env.NEXT_PUBLIC_ALLOWED_ORIGINS ?? 'https://portal.example.com').split(','),
);

export function middleware(request: NextRequest) {
  const origin = request.headers.get('origin') ?? '';
  const response = NextResponse.next();

  if (request.nextUrl.pathname.startsWith('/api/session')) {
    if (ALLOWED_ORIGINS.has(origin)) {
      // ok: permissive-cors
      response.headers.set('Access-Control-Allow-Origin', origin);
      response.headers.set('Access-Control-Allow-Credentials', 'true');
      response.headers.append('Vary', 'Origin');
    }
    return response;
  }

  if (request.nextUrl.pathname.startsWith('/api/preview')) {
    // expect: permissive-cors
    response.headers.set('Access-Control-Allow-Origin', origin);
    response.headers.set('Access-Control-Allow-Credentials', 'true');
    return response;
  }

  if (request.nextUrl.pathname.startsWith('/api/public')) {
    // expect: permissive-cors
    response.headers.set('Access-Control-Allow-Origin', '*');
  }
  return response;
}

export const config = {
  matcher: '/api/:path*',
};
