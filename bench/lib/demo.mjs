// The demo tenant the benchmark signs in to: the user seeded in the local provider, the app's
// API resources and the cookie secret every `next start` and in-process part shares.

export const USER = { username: 'olivia', password: 'Demo-Passw0rd', sub: 'olivia000001' };
export const RESOURCES = ['https://reports.example.com', 'https://billing.example.com'];
export const COOKIE_SECRET = 'bench-cookie-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
