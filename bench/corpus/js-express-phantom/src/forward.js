const TARGETS = {
  billing: "https://billing.internal.example.com/hooks",
  crm: "https://crm.internal.example.com/hooks",
};

async function forward(fetch, target, body, signature) {
  const url = TARGETS[target];
  if (!url) return { status: 404 };
  return fetch(url, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", "X-Relay-Signature": signature },
  });
}

module.exports = { forward };
