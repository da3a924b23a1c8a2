'use strict';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 };
const threshold = LEVELS[process.env.LOG_LEVEL || 'info'] || LEVELS.info;

function write(level, message, meta) {
  if (LEVELS[level] < threshold) return;
  const line = {
    ts: new Date().toISOString(),
    level,
    message,
    ...(meta || {}),
  };
  process.stdout.write(JSON.stringify(line) + '\n');
}

function child(bindings) {
  return {
    debug: (msg, meta) => write('debug', msg, { ...bindings, ...meta }),
    info: (msg, meta) => write('info', msg, { ...bindings, ...meta }),
    warn: (msg, meta) => write('warn', msg, { ...bindings, ...meta }),
    error: (msg, meta) => write('error', msg, { ...bindings, ...meta }),
  };
}

function requestLogger() {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      write('info', 'request', { method: req.method, path: req.path, status: res.statusCode, ms });
    });
    next();
  };
}

module.exports = {
  debug: (msg, meta) => write('debug', msg, meta),
  info: (msg, meta) => write('info', msg, meta),
  warn: (msg, meta) => write('warn', msg, meta),
  error: (msg, meta) => write('error', msg, meta),
  child,
  requestLogger,
};
