import { PUBLIC_OPENAI_API_KEY } from "$env/static/public";

export const shown = PUBLIC_OPENAI_API_KEY.length > 0;
