export function requireEnv(name) {
  if (!process.env[name]) {
    throw new Error(`${name} is not set`);
  }
}
