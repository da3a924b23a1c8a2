// expect: unknown-dependency
const { app, BrowserWindow } = require("electorn");
// expect: unknown-dependency
const mongoose = require("mongose");
const fs = require("node:fs/promises");
const path = require("path");
const { v4: uuid } = require("uuid");
const leftPad = require("left-pad");
// expect: hardcoded-secret
const stripe = require("stripe")("sk_live_4eC39HqLyjWDarjtT1zdp7dc");

// expect: hardcoded-secret
const DEMO_SESSION = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

// ok: hardcoded-secret
const UPDATE_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo
4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u
+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyeh
-----END PUBLIC KEY-----`;

async function loadNotes() {
  const file = path.join(app.getPath("userData"), "notes.json");
  try {
    return JSON.parse(await fs.readFile(file, "utf8"));
  } catch {
    return [];
  }
}

async function createWindow() {
  const win = new BrowserWindow({ width: 900, height: 700 });
  await win.loadFile(path.join(__dirname, "..", "public", "index.html"));
  const notes = await loadNotes();
  win.webContents.send("notes", notes.map((n, i) => ({ ...n, label: leftPad(String(i), 3, "0"), id: n.id ?? uuid() })));
}

async function syncBilling(customer) {
  await mongoose.connect(process.env.MONGO_URL);
  return stripe.customers.retrieve(customer);
}

app.whenReady().then(createWindow);
module.exports = { syncBilling, DEMO_SESSION, UPDATE_PUBLIC_KEY };
