import axios from "axios";

const PROJECTS_URL = "https://api.openai.com/v1/organization/projects";

export async function listProjects() {
  const { data } = await axios.get(PROJECTS_URL, {
    headers: { Authorization: `Bearer ${process.env.OPENAI_ADMIN_KEY}` },
  });
  return data.data;
}
