/** @type {import('next').NextConfig} */
const adminOrigin = process.env.ADMIN_ORIGIN || 'https://admin.acme.io';

const nextConfig = {
  reactStrictMode: true,
  async headers() {
    return [
      {
        // Public read-only catalogue feed, consumed by partner storefronts.
        source: '/api/feed/:path*',
        headers: [
          // expect: permissive-cors
          { key: 'Access-Control-Allow-Origin', value: '*' },
          // ok: permissive-cors
          { key: 'Access-Control-Allow-Methods', value: '*' },
        ],
      },
      {
        source: '/api/admin/:path*',
        headers: [
          // ok: permissive-cors
          { key: 'Access-Control-Allow-Origin', value: adminOrigin },
          { key: 'Access-Control-Allow-Credentials', value: 'true' },
          { key: 'Vary', value: 'Origin' },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
