export interface AppConfig {
  chatUrl: string;
  timeoutMs: number;
}

export const config: AppConfig = {
  chatUrl: process.env.CHAT_API_URL ?? "https://api.openai.com/v1",
  timeoutMs: Number(process.env.CHAT_TIMEOUT_MS ?? 30000),
};
