import type { NextAuthOptions } from 'next-auth';
import GitHubProvider from 'next-auth/providers/github';

export const authOptions: NextAuthOptions = {
  providers: [
    GitHubProvider({
      // ok: hardcoded-secret
      clientId: process.env.GITHUB_ID!,
      // expect: hardcoded-secret
      clientSecret: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    }),
  ],
  // ok: hardcoded-secret
  secret: process.env.NEXTAUTH_SECRET,
};
