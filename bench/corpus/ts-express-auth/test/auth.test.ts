import request from 'supertest';

// ok: hardcoded-secret
const PASSWORD = 'correct horse battery staple';

describe('login', () => {
  it('rejects a wrong password', async () => {
    // ok: hardcoded-secret
    process.env.JWT_SECRET = 'test-only-secret';
    const { app } = await import('../src/app');
    // ok: hardcoded-secret
    const res = await request(app).post('/login').send({ email: 'a@example.com', password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(PASSWORD).toHaveLength(28);
  });
});
