"use strict";

// Loaded once by every service: keeps the environment in one place.
module.exports = {
  port: parseInt(process.env.PORT || "8080", 10),
  openai: {
    apiKey: process.env.OPENAI_API_KEY,
    organization: process.env.OPENAI_ORG_ID,
  },
};
