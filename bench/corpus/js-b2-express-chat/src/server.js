'use strict';

const http = require('http');
const express = require('express');
const cors = require('cors');
const session = require('express-session');
const { Server } = require('socket.io');
const mongoose = require('mongoose');

const config = require('./config');

const app = express();
app.use(express.json());
app.use(
  session({
    // ok: hardcoded-secret
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { sameSite: 'none', secure: true },
  })
);

// Reflect whatever origin the browser sends so the mobile webviews work too.
// expect: permissive-cors
app.use(cors({ origin: true, credentials: true }));

app.get('/api/rooms', async (req, res) => {
  const rooms = await mongoose.connection.db.collection('rooms').find({}).limit(50).toArray();
  res.json(rooms);
});

app.get('/api/rooms/:id/export', (req, res) => {
  // ok: permissive-cors
  res.setHeader('Access-Control-Allow-Methods', '*');
  // expect: permissive-cors
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.json({ id: req.params.id, messages: [] });
});

const server = http.createServer(app);
const io = new Server(server, {
  // expect: permissive-cors
  cors: { origin: '*', methods: ['GET', 'POST'] },
});

io.on('connection', (socket) => {
  socket.on('join', (room) => socket.join(room));
  socket.on('message', ({ room, text }) => {
    io.to(room).emit('message', { text, at: Date.now() });
  });
});

mongoose.connect(config.mongoUrl).then(() => {
  server.listen(config.port, () => console.log(`chat listening on ${config.port}`));
});
