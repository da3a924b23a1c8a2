/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: '/fonts/:path*',
        headers: [
          // ok: permissive-cors
          { key: 'Access-Control-Allow-Origin', value: 'https://portal.example.com' },
        ],
      },
      {
        source: '/api/feeds/:path*',
        headers: [
          // expect: permissive-cors
          { key: 'Access-Control-Allow-Origin', value: '*' },
          { key: 'Access-Control-Allow-Methods', value: 'GET,OPTIONS' },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
