import axios from 'axios';
import bcrypt from 'bcryptjs';
import express from 'express';
import jwt from 'jsonwebtoken';
import OpenAI from 'openai';
import { config } from './config';

const app = express();
app.use(express.json());

// expect: hardcoded-secret
const openai = new OpenAI({ apiKey: 'sk-proj-Xy7kQ2mN9pL4vR8tW1zB5cF3hJ6dG0aS' });

const users = new Map<string, { passwordHash: string; role: string }>();

app.post('/register', async (req, res) => {
  const { email, password } = req.body;
  // ok: hardcoded-secret
  const passwordHash = await bcrypt.hash(password, 12);
  users.set(email, { passwordHash, role: 'member' });
  res.status(201).end();
});

app.post('/login', async (req, res) => {
  const { email, password } = req.body;
  const user = users.get(email);
  if (!user || !(await bcrypt.compare(password, user.passwordHash))) return res.sendStatus(401);
  // ok: hardcoded-secret
  const token = jwt.sign({ sub: email, role: user.role }, config.jwtSecret, { expiresIn: '1h', issuer: config.jwtIssuer });
  res.json({ token, type: config.tokenType });
});

app.post('/service-token', (_req, res) => {
  // expect: hardcoded-secret
  const token = jwt.sign({ sub: 'billing-service', scope: 'internal' }, 'b1ll1ng-s3rv1c3-s1gn1ng-k3y');
  res.json({ token });
});

app.get('/profile/avatar', async (req, res) => {
  const { data } = await axios.get('https://avatars.example.com/v2/lookup', {
    params: { email: req.query.email },
    // expect: hardcoded-secret
    headers: { Authorization: 'Bearer 3f9a7c2e1b8d4f6a0c5e9b2d7f1a3c8e' },
  });
  res.json(data);
});

app.get('/profile/summary', async (req, res) => {
  const { data } = await axios.get('https://crm.example.com/api/contacts', {
    // ok: hardcoded-secret
    headers: { Authorization: `Bearer ${process.env.CRM_TOKEN}` },
  });
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: `Summarize: ${JSON.stringify(data)}` }],
  });
  res.json({ summary: completion.choices[0].message.content });
});

app.listen(config.port);
