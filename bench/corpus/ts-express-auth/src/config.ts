export const config = {
  port: Number(process.env.PORT ?? 4000),
  // expect: hardcoded-secret
  jwtSecret: process.env.JWT_SECRET || 's3cr3t-jwt-k3y-2024-auth-svc',
  // ok: hardcoded-secret
  jwtIssuer: 'auth.example.com',
  // ok: hardcoded-secret
  tokenType: 'Bearer',
  // ok: hardcoded-secret
  passwordMinLength: 12,
  mongoUrl: process.env.MONGO_URL ?? 'mongodb://localhost:27017/auth',
};
