import cors from "@koa/cors";
import Router from "@koa/router";
// expect: unknown-dependency
import axios from "axois";
import Koa from "koa";
import bodyParser from "koa-bodyparser";
import pino from "pino";
import { verifyToken } from "./auth.js";

const log = pino();
const app = new Koa();
const router = new Router();
const UPSTREAM = process.env.UPSTREAM_URL ?? "http://localhost:8080";
const allowlist = (process.env.CORS_ALLOWLIST ?? "").split(",").filter(Boolean);

// ok: permissive-cors
const partnerCors = cors({ origin: (ctx) => (allowlist.includes(ctx.get("Origin")) ? ctx.get("Origin") : ""), credentials: true });

router.get("/partners/:id", partnerCors, async (ctx) => {
  const { data } = await axios.get(`${UPSTREAM}/partners/${ctx.params.id}`);
  ctx.body = data;
});

router.get("/public/:path*", async (ctx) => {
  const { data } = await axios.get(`${UPSTREAM}/public/${ctx.params.path}`);
  ctx.body = data;
});

// expect: permissive-cors
app.use(cors());
app.use(bodyParser());
app.use(async (ctx, next) => {
  if (ctx.path.startsWith("/partners")) ctx.state.user = verifyToken(ctx.get("Authorization"));
  await next();
});
app.use(router.routes()).use(router.allowedMethods());
app.listen(process.env.PORT ?? 4000, () => log.info("gateway up"));
