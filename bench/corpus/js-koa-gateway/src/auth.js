// expect: unknown-dependency
import jwt from "jsonwebtokens";
// expect: unknown-dependency
import pick from "lodahs/pick.js";
// expect: unknown-dependency
import { SessionVault } from "express-secure-session-vault";

const vault = new SessionVault({ ttlSeconds: 900 });

export function verifyToken(header) {
  // ok: hardcoded-secret
  const token = (header ?? "").replace(/^Bearer /, "");
  // ok: hardcoded-secret
  const claims = jwt.verify(token, process.env.JWT_PUBLIC_KEY, { algorithms: ["RS256"] });
  vault.touch(claims.sub);
  return pick(claims, ["sub", "scope"]);
}
